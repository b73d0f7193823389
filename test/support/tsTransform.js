// jest transform for our TypeScript: esbuild strips the types (type-checking is `npm run typecheck`, part of
// `npm test`). ts-jest's transpileModule took some 7 s of CPU for the bot's sources on a cold cache, as on CI's clean
// clone, and as much again for the test files; esbuild takes well under one. esbuild rather than swc: its CommonJS
// namespace imports (`import * as restify`) read the module's properties live, as TypeScript's do, so a test that
// spies on a module's function (test/api/openapi.test.ts) sees the calls the bot makes; swc copies them at import.
const crypto = require('node:crypto');
const fs = require('node:fs');
const esbuild = require('esbuild');

// What tsconfig.json asks of TypeScript's own output: ES2022 (class fields defined, not assigned), CommonJS, and
// `import()` as a require (as TypeScript writes it for CommonJS; jest's module registry has no dynamic import).
const options = {
  loader: 'ts',
  format: 'cjs',
  target: 'es2022',
  supported: { 'dynamic-import': false },
  sourcemap: 'external',
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};
const salt = JSON.stringify([esbuild.version, options, fs.readFileSync(__filename, 'utf8')]);

module.exports = {
  options,
  process(source, filename) {
    const { code, map } = esbuild.transformSync(source, { ...options, sourcefile: filename });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(salt).update(filename).update('\0').update(source).digest('hex');
  },
};
