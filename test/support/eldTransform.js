// jest transform for the language-identification library eld, which ships ES modules only (Node requires them
// natively, jest needs CommonJS): TypeScript's transpiler rewrites the modules (about 3 s of CPU for the 1.6 MB
// n-gram file where babel took 10, paid on every cold cache, as on CI's clean clone). The n-gram files are one
// object literal each: they become JSON.parse of the same data, which V8 reads about three times faster than it
// compiles the literal (some 100 ms instead of 320), in every test file that reads a worker's free text.
const crypto = require('node:crypto');
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true };
const salt = JSON.stringify([ts.version, compilerOptions, fs.readFileSync(__filename, 'utf8')]);

function toCommonJs(source, filename) {
  return ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
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
