// Runs markdownlint (markdownlint-cli2's own entry, in this process) with the repo's config on
// rendered briefs: its exit code and what it printed.
import { main as markdownlintCli2 } from 'markdownlint-cli2';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export async function lintMarkdown(files: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await markdownlintCli2({
    directory: ROOT,
    // A `:` prefix makes a path literal (markdownlint-cli2 reads its arguments as globs).
    argv: ['--config', join(ROOT, '.markdownlint.jsonc'), ...files.map((f) => `:${f}`)],
    logMessage: (message) => lines.push(message),
    logError: (message) => lines.push(message),
  });
  return { code, output: lines.join('\n') };
}
