// Loads the CLI bundle, dist/cli.js (one CommonJS module in its function wrapper, scripts/build.mjs),
// with a V8 code cache the build wrote beside it. With a cache V8 deserialises the bytecode of the
// functions a command runs instead of parsing and compiling them at every start, which Node 20
// would do (it keeps no compiled code between runs). There is one cache per kind of command
// (CACHES): each holds what its commands ran when the build ran them, and no more, since a
// start pays for deserialising all of a cache. A cache made by another Node version, or under
// other V8 flags, is rejected by V8: the bundle is then compiled as usual, slower, never wrong.
// This folder is CommonJS (bin/package.json): Node starts a CommonJS entry faster than an ES
// module one.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'cli.js');

/** The code caches, by the first word of the commands that use them; `all` for any other line. */
const CACHES = {
  render: ['render', 'run', 'validate', 'watch'],
  plan: ['plan', 'ledger'],
  due: ['due'],
  all: [],
};

/** dist/cli.js.<name>.cache */
function cachePath(name) {
  return `${BUNDLE}.${name}.cache`;
}

/** The cache for a command line: by its first word that is not an option. */
function cacheFor(argv) {
  const word = argv.find((a) => !a.startsWith('-'));
  return Object.keys(CACHES).find((name) => CACHES[name].includes(word)) ?? 'all';
}

/**
 * Compiles the bundle (with `cachedData` when given) and runs its top level, as Node's own
 * CommonJS loader would. Returns the bundle's exports and the compiled script (the build asks
 * it for its code cache).
 */
function loadBundle(cachedData) {
  // All ASCII (the build makes sure): latin1 reads it without UTF-8 decoding, one byte a character.
  const source = readFileSync(BUNDLE, 'latin1');
  const script = new Script(source, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script };
}

function readCache(name) {
  try {
    return readFileSync(cachePath(name));
  } catch {
    return undefined;
  }
}

/** The CLI's one entry, `main(argv, io)` (src/main.ts), compiled with the cache for `argv`. */
function loadMain(argv) {
  return loadBundle(readCache(cacheFor(argv))).exports.main;
}

module.exports = { BUNDLE, CACHES, cachePath, loadBundle, loadMain };
