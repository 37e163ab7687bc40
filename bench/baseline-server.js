'use strict';
// The framework-cost baseline: a bare Fastify server doing the same primary-key query with mysql2.
const Fastify = require('fastify');
const mysql = require('mysql2/promise');

async function main() {
  const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: 20, timezone: 'Z' });
  const app = Fastify({ logger: false });
  app.get('/points/:scene', async (req, reply) => {
    const [rows] = await pool.query('SELECT id, name, kind, address, gridId FROM points WHERE scene = ? AND active = 1', [req.params.scene]);
    if (!rows.length) return reply.code(404).send({ code: 'NOT_FOUND' });
    return rows[0];
  });
  const address = await app.listen({ port: Number(process.env.PORT || 0), host: '127.0.0.1' });
  process.send?.({ address });
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
