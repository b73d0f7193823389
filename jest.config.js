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
  // 3 on this 2-core machine: many suites wait on FerretDB, sockets, Chromium or a child process, so a third worker
  // fills the waits. Measured back to back on test/campaign + test/teams (15 suites, loaded machine), wall time:
  // 2 workers 213 s and 176 s, 3 workers 150 s and 166 s (each suite about 20% slower, the whole about 18% faster).
  maxWorkers: 3,
};
