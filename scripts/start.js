#!/usr/bin/env node
'use strict';
// npm start: install what is missing, build the H5 app and the server, then serve both on one port
// with an embedded SQLite database (data/linli.sqlite), seeded with demo data the first time.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { ROOT, ensureDependencies, run, newest } = require('./lib/deps');

ensureDependencies();

const h5Index = path.join(ROOT, 'dist', 'h5', 'index.html');
const clientChanged = Math.max(newest(path.join(ROOT, 'client')), newest(path.join(ROOT, 'domain', 'src')), newest(path.join(ROOT, 'config')));
if (!fs.existsSync(h5Index) || fs.statSync(h5Index).mtimeMs < clientChanged) {
  console.log('[start] building the H5 app …');
  run('npm run build:h5 --silent');
}
console.log('[start] building the server …');
run('npm run build:server --silent');

const env = { ...process.env };
env.DATABASE_URL ??= 'sqlite:data/linli.sqlite';
env.PORT ??= '3000';
if (env.DATABASE_URL.startsWith('mysql')) env.MIGRATE_ON_START ??= 'true';

const server = spawn(process.execPath, [path.join(ROOT, 'server', 'dist', 'main.js')], { cwd: ROOT, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
