/** Type-checking is `npm run typecheck` (part of `npm test`); jest only transpiles, which keeps it fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // eld (language identification) ships ES modules only; Node requires them natively, jest needs them as CommonJS
    '/node_modules/eld/.+\\.js$': ['babel-jest', { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] }],
  },
  transformIgnorePatterns: ['/node_modules/(?!eld/)'],
  testTimeout: 30000,
  maxWorkers: 2,
};
