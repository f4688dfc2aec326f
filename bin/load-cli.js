// Loads the CLI bundle, dist/cli.js (one CommonJS module in its function wrapper, scripts/build.mjs),
// with the V8 code cache the build wrote beside it, dist/cli.js.cache. With the cache V8 deserialises the
// bytecode of the functions a typical command runs instead of parsing and compiling them at every
// start, which Node 20 would do (it keeps no compiled code between runs). A cache made by another
// Node version, or under other V8 flags, is rejected by V8: the bundle is then compiled as usual,
// slower, never wrong. This folder is CommonJS (bin/package.json): Node starts a CommonJS entry
// faster than an ES module one.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cli.js');
const CACHE = `${BUNDLE}.cache`;

/**
 * Compiles the bundle (with `cachedData` when given) and runs its top level, as Node's own
 * CommonJS loader would. Returns the bundle's exports and the compiled script (the build asks
 * it for the code cache).
 */
function loadBundle(cachedData) {
  // All ASCII (the build makes sure): latin1 reads it without UTF-8 decoding, one byte a character.
  const source = readFileSync(BUNDLE, 'latin1');
  const script = new Script(source, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script };
}

function readCache() {
  try {
    return readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/** The CLI's one entry, `main(argv, io)` (src/main.ts). */
function loadMain() {
  return loadBundle(readCache()).exports.main;
}

module.exports = { BUNDLE, CACHE, loadBundle, loadMain };
