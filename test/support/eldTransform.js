// jest transform for the language-identification library eld, which ships ES modules only (Node requires them
// natively, jest needs CommonJS): esbuild rewrites the modules, as it does our TypeScript (tsTransform.js; about
// 0.1 s of CPU for the 1.6 MB n-gram file where TypeScript's transpiler took 4 and babel 10, paid on every cold cache,
// as on CI's clean clone). The n-gram files are one object literal each: they become JSON.parse of the same data,
// which V8 reads about three times faster than it compiles the literal (some 100 ms instead of 320), in every test
// file that reads a worker's free text.
const crypto = require('node:crypto');
const fs = require('node:fs');
const esbuild = require('esbuild');

const options = { loader: 'js', format: 'cjs', target: 'es2022', supported: { 'dynamic-import': false } };
const salt = JSON.stringify([esbuild.version, options, fs.readFileSync(__filename, 'utf8')]);

function toCommonJs(source, filename) {
  return esbuild.transformSync(source, { ...options, sourcefile: filename }).code;
}

/** A data module's exports, evaluated once here, written as JSON.parse of each export (numbers and strings only). */
function asJson(commonJs) {
  const module = { exports: {} };
  new Function('exports', 'module', commonJs)(module.exports, module);
  const lines = Object.entries(module.exports).map(([name, value]) => `exports.${name} = JSON.parse(${JSON.stringify(JSON.stringify(value))});`);
  return ['"use strict";', 'Object.defineProperty(exports, "__esModule", { value: true });', ...lines].join('\n');
}

module.exports = {
  process(source, filename) {
    const commonJs = toCommonJs(source, filename);
    return { code: /[\\/]ngrams[\\/][^\\/]+\.js$/.test(filename) ? asJson(commonJs) : commonJs };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(salt).update(filename).update('\0').update(source).digest('hex');
  },
};
