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
  // 3 on this 2-core machine: many suites wait on child processes, browsers, FerretDB and timers, and with esbuild's
  // transform and the temporary folders on tmpfs a third worker now fills those waits. Measured on a quiet machine,
  // 2026-12-07 13:00 UTC, 5,756 tests: jest alone 297 s with 2 workers, 271 s with 3; `npm test` (typecheck and lint
  // beside jest) 301 s with 2 (a clean-clone CI run), 273 s with 3. (With ts-jest and typecheck before jest, the
  // same morning, 3 workers were slower: 375 s against 360 s.)
  // Later the same day, with the content seed in one batch and one TypeScript program for typecheck and lint:
  // `npm test` 214-248 s in four clean-clone CI runs, 6,056 tests.
  maxWorkers: 3,
};
