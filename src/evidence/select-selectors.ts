// Which of the input's selectors a `run` runs: all of them, or those named by --only (input
// order kept; an unknown id is a usage error listing the known ones).
import { UsageError } from '../errors.js';
import type { Selector } from '../input/model.js';
import { closestNames } from '../text/edit-distance.js';

export function pickSelectors(all: readonly Selector[], only: readonly string[] | undefined): Selector[] {
  if (!only || only.length === 0) return [...all];
  const ids = all.map((s) => s.id);
  const unknown = only.filter((id) => !ids.includes(id));
  if (unknown.length > 0) {
    const hints = unknown.map((id) => {
      const [close] = closestNames(id, ids, 1);
      return `"${id}"${close ? ` (did you mean "${close}"?)` : ''}`;
    });
    throw new UsageError(`--only: no selector ${hints.join(', ')} in the input; its selectors are: ${ids.join(', ') || '(none)'}`);
  }
  const wanted = new Set(only);
  return all.filter((s) => wanted.has(s.id));
}
