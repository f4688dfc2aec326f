// Input arguments that are glob patterns (`handoff due 'data/**/*.yaml'`, quoted so the shell
// leaves it alone, or a shell without globstar): expanded here to the files they match, sorted,
// so `**` means any depth whatever the shell. A name that exists as a file is taken as it is, and
// so is a missing name with no `*` or `?` (the loader then says it is not there). Each file
// comes once, where it first appears: a glob and a name can both match it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../errors.js';

const GLOB_CHARACTERS = /[*?[\]{}]/;
const WILDCARDS = /[*?]/;

/** In the order the arguments were given: a file to read, or (with its problem) a pattern that matched none. */
export interface InputArgument {
  file: string;
  problem?: Problem;
}

export async function expandInputPatterns(args: readonly string[], cwd: string): Promise<InputArgument[]> {
  const expanded: InputArgument[] = [];
  for (const arg of args) {
    if (!GLOB_CHARACTERS.test(arg) || existsSync(resolve(cwd, arg))) {
      expanded.push({ file: arg });
      continue;
    }
    const { glob } = await import('tinyglobby');
    const matches = (await glob(arg, { cwd, onlyFiles: true, expandDirectories: false })).sort();
    if (matches.length > 0) expanded.push(...matches.map((file) => ({ file })));
    else if (WILDCARDS.test(arg)) expanded.push({ file: arg, problem: { file: arg, line: 1, col: 1, path: '', message: `no input file matches this pattern (looked in ${cwd})` } });
    else expanded.push({ file: arg });
  }
  const seen = new Set<string>();
  return expanded.filter(({ file }) => {
    const abs = resolve(cwd, file);
    if (seen.has(abs)) return false;
    seen.add(abs);
    return true;
  });
}
