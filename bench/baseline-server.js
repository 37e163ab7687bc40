'use strict';
// The framework-cost baseline: a bare Fastify server doing the same queries with mysql2 and nothing else
// (no auth, no validation, no scope checks, no view shaping). Started as a child process by run.js.
const Fastify = require('fastify');
const mysql = require('mysql2/promise');

async function main() {
  const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: Number(process.env.DB_POOL_SIZE || 20), timezone: 'Z' });
  const app = Fastify({ logger: false });
  const byId = (table) => async (req, reply) => {
    const [rows] = await pool.query(`SELECT * FROM ${table} WHERE id = ?`, [Number(req.params.id)]);
    if (!rows.length) return reply.code(404).send({ code: 'NOT_FOUND' });
    return rows[0];
  };
  app.get('/events/:id', byId('activities'));
  app.get('/tickets/:id', byId('tickets'));
  // The same query as the app's 心愿墙 first page.
  app.get('/wishes', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const [rows] = await pool.query("SELECT * FROM wishes WHERE status = 'published' AND wishBy >= ? ORDER BY wishBy ASC, id DESC LIMIT 21", [today]);
    return { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? `${rows[19].wishBy}_${rows[19].id}` : null };
  });
  app.get('/points/:scene', async (req, reply) => {
    const [rows] = await pool.query('SELECT id, name, kind, address, gridId FROM points WHERE scene = ? AND active = 1', [req.params.scene]);
    if (!rows.length) return reply.code(404).send({ code: 'NOT_FOUND' });
    return rows[0];
  });
  const address = await app.listen({ port: Number(process.env.PORT || 0), host: '127.0.0.1' });
  process.send?.({ address, pid: process.pid });
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
