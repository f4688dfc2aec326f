// Input arguments that are glob patterns (`handoff due 'data/**/*.yaml'`, quoted so the shell
// leaves it alone, or a shell without globstar): expanded here to the files they match, sorted,
// so `**` means any depth whatever the shell. A name that exists as a file is taken as it is.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../errors.js';

const GLOB_CHARACTERS = /[*?[\]{}]/;

export interface ExpandedInputs {
  files: string[];
  /** Patterns that matched no file, as problems at the pattern. */
  problems: Problem[];
}

export async function expandInputPatterns(args: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const arg of args) {
    if (!GLOB_CHARACTERS.test(arg) || existsSync(resolve(cwd, arg))) {
      files.push(arg);
      continue;
    }
    const { glob } = await import('tinyglobby');
    const matches = (await glob(arg, { cwd, onlyFiles: true, expandDirectories: false })).sort();
    if (matches.length === 0) problems.push({ file: arg, line: 1, col: 1, path: '', message: `no input file matches this pattern (looked in ${cwd})` });
    files.push(...matches);
  }
  return { files, problems };
}
