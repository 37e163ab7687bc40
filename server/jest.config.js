// Unit specs live beside the code (src/**/*.spec.ts); integration/e2e specs in test/ run over real HTTP
// against the database chosen by DATABASE_URL (MariaDB in `npm test`, then SQLite).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2021' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(ts|js)$': swc },
  // @fastify/static 10 pulls content-disposition 2, which ships ES modules only.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@linli/domain$': '<rootDir>/../domain/src/index.ts' },
  testEnvironment: 'node',
};
module.exports = {
  testTimeout: 120000,
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, roots: ['<rootDir>/src', '<rootDir>/../domain/src'], testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/../domain/src/**/*.spec.ts'] },
    // Faults start and stop processes of their own (a MariaDB, the built server); run by `npm test` once, on MariaDB.
    { ...common, displayName: 'faults', rootDir: __dirname, testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'] },
    { ...common, displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], slowTestThreshold: 30 },
  ],
};
