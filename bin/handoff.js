#!/usr/bin/env node
// Thin launcher: the process's own argv, streams, env, current folder, clock and signals, handed
// to the CLI's one entry (`main` in dist/cli.js, bundled by `npm install`'s prepare or `npm
// run build`, loaded with its code cache by load-cli.js).
'use strict';
const { BUNDLE, loadMain } = require('./load-cli.js');

const argv = process.argv.slice(2);
let main;
try {
  main = loadMain(argv);
} catch (error) {
  if (!(error && error.code === 'ENOENT' && error.path === BUNDLE)) throw error;
  process.stderr.write('handoff: the CLI is not built yet; run `npm install` (or `npm run build`) in the handoff-brief folder.\n');
  process.exit(3);
}

const io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  clock: () => new Date(),
  onInterrupt(handler) {
    // `on`, not `once`: with `once` a second signal would kill the process outright, skipping
    // the exit hooks that end still-running child process groups.
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
  },
  exitNow: (code) => process.exit(code),
};
main(argv, io).then((code) => {
  // Once what was written has been flushed, exit: everything main started, it has awaited.
  // Left to end by itself, Node would first wait for V8's background compilations of functions
  // that will not run again (20-50 ms after a `due` over 200 inputs; docs/performance.md).
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
});
