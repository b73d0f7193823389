/** Type-checking is `npm run typecheck` (part of `npm test`); jest only transpiles, which keeps it fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // esbuild strips the types: test/support/tsTransform.js says why not ts-jest
    '^.+\\.ts$': '<rootDir>/test/support/tsTransform.js',
    // eld (language identification) ships ES modules only: test/support/eldTransform.js says how and why
    '/node_modules/eld/.+\\.js$': '<rootDir>/test/support/eldTransform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!eld/)'],
  // chrono-node's per-language entries (`chrono-node/it`, dialogs/understanding/dates.ts): its "exports" pattern
  // "./*" also captures "./package.json", which jest 29's resolver reads first, so jest cannot resolve them; Node can
  moduleNameMapper: { '^chrono-node/([a-z]+)$': '<rootDir>/node_modules/chrono-node/dist/cjs/locales/$1/index.js' },
  // every temporary folder of the run in one, on memory when there is room, removed at the end: globalSetup.js says why
  globalSetup: '<rootDir>/test/support/globalSetup.js',
  globalTeardown: '<rootDir>/test/support/globalTeardown.js',
  testTimeout: 30000,
  // 2 on this 2-core machine. A third worker helped on a machine loaded by other jobs (test/campaign + test/teams:
  // 213/176 s with 2, 150/166 s with 3) but not on a quiet one, as CI runs: the whole suite took 375 s with 3 (CI,
  // clean clone) and 360 s with 2, 2026-12-07.
  maxWorkers: 2,
};
