// A unified diff of an edit, for `plan mark --dry-run`, `ledger append --dry-run` and
// `render --check`: what would change, with `a/` and `b/` names so the output reads like
// `git diff` and can be fed to `patch -p1` from the same folder. Callers import this module
// lazily, so the diff library loads only when a diff is printed.
import { createTwoFilesPatch } from 'diff';

export interface FormatDiffOptions {
  /** Text after the old file's name on the `---` line, e.g. `(on disk)`. */
  oldHeader?: string;
  /** Text after the new file's name on the `+++` line, e.g. `(would be written)`. */
  newHeader?: string;
  /** Lines of context around each change (default 3, as git). */
  context?: number;
  /** Keep the library's opening row of `=` (render --check has always printed it). */
  keepRule?: boolean;
}

export function formatDiff(file: string, before: string, after: string, options: FormatDiffOptions = {}): string {
  const name = file.replace(/\\/g, '/').replace(/^\/+/, '');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, options.oldHeader, options.newHeader, { context: options.context ?? 3 });
  // The library opens with a row of `=`; git and patch do not need it.
  return options.keepRule ? patch : patch.replace(/^=+\r?\n/, '');
}
