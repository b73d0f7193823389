// Lets a child process run the TypeScript sources directly (tests that must kill a real server process), using
// the compiler the project already has: each .ts file is transpiled on require, without type-checking. The output
// is kept in a cache under the system's temporary folder, keyed by the source's content, so only the first child
// process of a test run pays for transpiling (several seconds for the whole bot on a loaded machine).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The compiler is loaded only on a cache miss: loading typescript.js alone costs a child process most of a second
// (its version, read from its package.json, keys the cache instead).
let ts;
const compiler = () => (ts ??= require('typescript'));
const compilerOptions = { module: 1 /* ts.ModuleKind.CommonJS */, target: 9 /* ts.ScriptTarget.ES2022 */, esModuleInterop: true, resolveJsonModule: true };
const cacheDir = path.join(os.tmpdir(), 'adr-ts-cache');
const salt = JSON.stringify([require('typescript/package.json').version, compilerOptions]);

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(salt).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const { outputText } = compiler().transpileModule(source, { fileName: filename, compilerOptions });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // written whole, then renamed: another process never reads half a file
    const partial = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(partial, outputText);
    fs.renameSync(partial, cached);
  } catch {
    // a cache that cannot be written only costs time
  }
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
