// Lets a child process run the TypeScript sources directly (tests that must kill a real server process): each .ts
// file is transpiled on require by esbuild, with the options of jest's own transform (tsTransform.js), without
// type-checking. The output is kept in a cache under the system's temporary folder (one per test run: jest's
// globalSetup.js), keyed by the source's content, so only the first child process of a run pays for transpiling.
//
// Every module's compiled code (V8's code cache, ours and node_modules' alike) is kept there too: compiling some
// 2,000 modules was most of a child bot's start (2.8 of 11 s of CPU in a profile), paid again by every bot a test
// starts (about ten a run, two of them side by side in test/instances/twoInstances). Node 22 does this itself
// (module.enableCompileCache); Node 20 has vm.Script's cachedData, which is what this uses.
const crypto = require('node:crypto');
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const esbuild = require('esbuild');
const { options } = require('./tsTransform');

const cacheDir = path.join(os.tmpdir(), 'adr-ts-cache');
const salt = JSON.stringify([esbuild.version, options]);

function hashOf(...parts) {
  // a cache key, not a signature: md5 is the quickest of the hashes at hand, over ~17 MB of modules a start
  const hash = crypto.createHash('md5');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

function readCached(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined; // not cached yet
  }
}

function writeCached(file, data) {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // written whole, then renamed: another process never reads half a file
    const partial = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(partial, data);
    fs.renameSync(partial, file);
  } catch {
    // a cache that cannot be written only costs time
  }
}

function transpile(source, filename) {
  const cached = path.join(cacheDir, `${hashOf(salt, filename, source)}.js`);
  const text = readCached(cached);
  if (text !== undefined) return text.toString('utf8');
  const outputText = esbuild.transformSync(source, { ...options, sourcefile: filename, sourcemap: false }).code;
  writeCached(cached, outputText);
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};

// What Module.prototype._compile does for a CommonJS module, with V8's code cache read from and written to disk.
// A module in ES syntax (Node 20 loads some through require) is left to Node's own _compile.
const codeCacheSalt = JSON.stringify([process.version, process.arch, 'code-cache-1']);
const nodeCompile = Module.prototype._compile;
Module.prototype._compile = function compileWithCodeCache(content, filename) {
  if (filename.endsWith('.mjs')) return nodeCompile.call(this, content, filename);
  const cacheFile = path.join(cacheDir, `${hashOf(codeCacheSalt, filename, content)}.v8`);
  const cachedData = readCached(cacheFile);
  let script;
  try {
    script = new vm.Script(Module.wrap(content), { filename, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  } catch (err) {
    if (err instanceof SyntaxError) return nodeCompile.call(this, content, filename);
    throw err;
  }
  const compiled = script.runInThisContext({ displayErrors: true });
  const module = this;
  const require = (id) => module.require(id);
  require.resolve = (request, opts) => Module._resolveFilename(request, module, false, opts);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  const result = compiled.call(module.exports, module.exports, require, module, filename, path.dirname(filename));
  // after the module's top level ran: the cache then holds the functions it compiled too, not only the wrapper
  if (cachedData === undefined || script.cachedDataRejected) writeCached(cacheFile, script.createCachedData());
  return result;
};
