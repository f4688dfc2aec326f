// What a file holds now, for deciding what publish changes: a file that cannot be read counts as
// absent (null, or not the same), since publish then writes it.
import { readFile } from 'node:fs/promises';

export async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

export async function sameBytes(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readFile(a).catch(() => null), readFile(b).catch(() => null)]);
  return x !== null && y !== null && x.equals(y);
}
