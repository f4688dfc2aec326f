#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/ by `npm install` (prepare) or `npm run build`.
import('../dist/cli.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('handoff: the CLI is not built yet; run `npm install` (or `npm run build`) in the handoff-brief folder.\n');
    process.exitCode = 3;
    return;
  }
  throw error;
});
