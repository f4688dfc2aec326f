// `publish --dry-run`: what a publication would create, and a diff of each text file it would
// change; nothing is written.
import { existsSync } from 'node:fs';
import type { Console } from '../io/console.js';
import { readText } from './files-on-disk.js';
import type { PlannedFile } from './planned-file.js';

export async function printDryRun(files: ReadonlyArray<PlannedFile & { unchanged: boolean }>, console: Console): Promise<void> {
  const { formatDiff } = await import('../io/show-diff.js');
  const created = files.filter((f) => !f.unchanged && !existsSync(f.change.target));
  const changed = files.filter((f) => !f.unchanged && existsSync(f.change.target));
  console.out(created.length > 0 ? `would create:\n${created.map((f) => `  ${f.shown}\n`).join('')}` : 'would create nothing\n');
  for (const f of changed) {
    if (f.text === undefined) console.out(`would replace ${f.shown}\n`);
    else console.out(formatDiff(f.shown, (await readText(f.change.target)) ?? '', f.text));
  }
  if (changed.length === 0 && created.length === 0) console.out('nothing to change\n');
}
