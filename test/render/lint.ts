// Runs markdownlint-cli2 with the repo's config on rendered briefs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export function lintMarkdown(files: string[]): { code: number | null; output: string } {
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'markdownlint-cli2'), ['--config', join(ROOT, '.markdownlint.jsonc'), ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}
