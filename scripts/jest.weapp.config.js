const path = require('path')

/** Runs the built WeChat output (dist/weapp) in miniprogram-simulate; see scripts/weapp-smoke.test.js. */
module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testMatch: ['<rootDir>/scripts/weapp-smoke*.test.js'],
  testEnvironment: 'jsdom',
  // dist/weapp is already-compiled WeChat code; transforming it would change what we are testing.
  transform: {},
  testTimeout: 30000,
}
