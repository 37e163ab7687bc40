#!/usr/bin/env node
'use strict';
// node scripts/db.js start|stop — a private MariaDB in .tmp/mariadb for development (prints DATABASE_URL).
const path = require('path');
const { ensureMariadb } = require('./lib/system');
const { startMariadb } = require('./lib/mariadb');

const dir = path.join(__dirname, '..', '.tmp', 'mariadb-dev');
(async () => {
  const cmd = process.argv[2];
  if (cmd === 'start') {
    if (!ensureMariadb()) throw new Error('mariadbd not found and could not be installed (needs root and apt-get).');
    const db = await startMariadb({ dir, port: Number(process.env.DB_PORT) || 3307 });
    console.log(`MariaDB running (pid ${db.pid}).\nDATABASE_URL=${db.url}`);
  } else if (cmd === 'stop') {
    const fs = require('fs');
    const pidFile = path.join(dir, 'mysqld.pid');
    if (fs.existsSync(pidFile)) {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
      console.log('MariaDB stopping.');
    } else console.log('Not running.');
  } else {
    console.log('usage: node scripts/db.js start|stop');
    process.exit(2);
  }
})().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
