// The top folder of the git repository that holds a path: the folder with `.git` in it (a folder,
// or a file in a worktree or submodule). Found by walking up, without starting git: commands
// call it before anything else (the default output folder, the workflow's repository root).
import { dirname, resolve } from 'node:path';
import { statOrNull } from './path-stat.js';

/** The repository top above `path` (a file or folder, absolute or relative to cwd), or null when none holds it. */
export async function findGitTop(path: string): Promise<string | null> {
  let dir = resolve(path);
  if (!statOrNull(dir)?.isDirectory()) dir = dirname(dir);
  for (;;) {
    if (statOrNull(resolve(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
