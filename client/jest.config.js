const path = require('path')

const root = path.resolve(__dirname, '..')

/**
 * Client tests run the H5 variants of platform files (`*.h5.ts` wins over the bare name, as Taro does for
 * TARO_ENV=h5) against plain-DOM stand-ins for @tarojs/components and an in-memory @tarojs/taro.
 */
module.exports = {
  rootDir: root,
  roots: ['<rootDir>/client'],
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/client/**/*.test.{ts,tsx}'],
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'mjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: path.join(root, 'babel.config.js') }],
    '^.+\\.mjs$': ['babel-jest', { configFile: path.join(root, 'babel.config.js') }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@stencil|@nutui|swiper|ssr-window|dom7|tslib)/)'],
  moduleNameMapper: {
    '^@linli/domain$': '<rootDir>/domain/src/index.ts',
    '^@tarojs/taro$': '<rootDir>/client/test/__mocks__/taro.ts',
    '^@tarojs/components$': '<rootDir>/client/test/__mocks__/components.tsx',
    '\\.(css|scss|sass|less)$': '<rootDir>/client/test/__mocks__/style.ts',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/client/test/__mocks__/file.ts',
  },
  setupFiles: ['<rootDir>/client/test/globals.ts'],
  setupFilesAfterEnv: ['<rootDir>/client/test/setup.ts'],
  testEnvironmentOptions: { url: 'http://localhost/' },
}
