// The top folder of the git repository that holds a path: the folder with `.git` in it (a folder,
// or a file in a worktree or submodule). Found by walking up, without starting git: commands
// call it before anything else (the default output folder, the workflow's repository root).
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** The repository top above `path` (a file or folder, absolute or relative to cwd), or null when none holds it. */
export async function findGitTop(path: string): Promise<string | null> {
  let dir = resolve(path);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) dir = dirname(dir);
  for (;;) {
    if (await stat(resolve(dir, '.git')).catch(() => null)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
