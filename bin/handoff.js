#!/usr/bin/env node
// Thin launcher: the process's own argv, streams, env, current folder, clock and signals, handed
// to the CLI's one entry (`main` in dist/main.js, bundled by `npm install`'s prepare or `npm run build`).
import('../dist/main.js').then(
  async ({ main }) => {
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
    process.exitCode = await main(process.argv.slice(2), io);
  },
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
      process.stderr.write('handoff: the CLI is not built yet; run `npm install` (or `npm run build`) in the handoff-brief folder.\n');
      process.exitCode = 3;
      return;
    }
    throw error;
  },
);
