import 'dotenv/config';
import { ConfigError, loadConfig } from './config/app.config';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n邻里 server refused to start.\n${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  // Entities pick column types from DATABASE_URL, so the app is loaded only after config is known.
  process.env.DATABASE_URL ??= config.database.type === 'sqlite' ? `sqlite:${config.database.file}` : config.database.url;
  const { createApp, listen } = await import('./app.factory');
  const app = await createApp({ config, migrate: config.migrateOnStart, demoContent: true });
  const url = await listen(app, config.port);
  const shown = url.replace('127.0.0.1', 'localhost');
  console.log(`\n  邻里 is running: ${shown}/\n  API docs:        ${shown}/api/docs\n  Database:        ${config.database.type}${config.demoMode ? '  (demo mode: personas on the login page)' : ''}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
