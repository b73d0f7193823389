// Lets a child process run the TypeScript sources directly (tests that must kill a real server process): each .ts
// file is transpiled on require by esbuild, with the options of jest's own transform (tsTransform.js), without
// type-checking. The output is kept in a cache under the system's temporary folder (one per test run: jest's
// globalSetup.js), keyed by the source's content, so only the first child process of a run pays for transpiling.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { options } = require('./tsTransform');

const cacheDir = path.join(os.tmpdir(), 'adr-ts-cache');
const salt = JSON.stringify([esbuild.version, options]);

function transpile(source, filename) {
  const key = crypto.createHash('sha256').update(salt).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const outputText = esbuild.transformSync(source, { ...options, sourcefile: filename, sourcemap: false }).code;
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
