const path = require('path');

/** Chromium against the built H5 app served by the built server; see scripts/browser/lib.js. */
module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  testMatch: ['<rootDir>/scripts/browser/*.test.js'],
  testEnvironment: 'node',
  transform: {},
  testTimeout: 120000,
};
