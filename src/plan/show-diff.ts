// A unified diff of an edit, for `--dry-run`: what would change, with `a/` and `b/` names so
// the output reads like `git diff` and can be fed to `patch -p1` from the same folder.
import { createTwoFilesPatch } from 'diff';

export function formatDiff(file: string, before: string, after: string): string {
  const name = file.replace(/\\/g, '/').replace(/^\/+/, '');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
  // The library opens with a row of `=`; git and patch do not need it.
  return patch.replace(/^=+\r?\n/, '');
}
