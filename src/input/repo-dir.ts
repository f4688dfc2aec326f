// The repo folder must exist before anything runs in it or is checked against it; the message
// says where the folder came from (--repo, the input's `repo:`, the current folder).
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { EnvironmentError } from '../errors.js';
import type { LoadedInput } from './model.js';

/** The folder as a person would type it from cwd: relative when inside, absolute otherwise. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

/** Throws EnvironmentError (exit 3) when the repo folder is missing or not a folder. */
export async function requireRepoDir(loaded: LoadedInput, cwd: string, repoOption?: string): Promise<void> {
  const info = await stat(loaded.repoDir).catch(() => undefined);
  if (info?.isDirectory()) return;
  const what = info ? 'is not a folder' : 'does not exist';
  const shown = displayPath(loaded.repoDir, cwd);
  if (loaded.repoFrom === 'option') throw new EnvironmentError(`--repo ${repoOption ?? shown}: the folder given ${what}`);
  if (loaded.repoFrom === 'input') {
    throw new EnvironmentError(`${loaded.file}: repo: ${loaded.data.repo} points at ${shown}, which ${what}; fix repo: or pass --repo DIR`);
  }
  throw new EnvironmentError(`the current folder ${shown} ${what}`);
}
