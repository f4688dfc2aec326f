// The output folder: `--out` as typed, relative to the current folder; by default `out/` at the
// top of the git repository that holds the input file, else in the current folder. So a brief's
// evidence is found wherever in the repository the command is started.
import { dirname, join, resolve } from 'node:path';
import { findGitTop } from '../io/git-top.js';

export const DEFAULT_OUT = 'out';

export async function resolveOutDir(out: string | undefined, inputAbs: string, cwd: string): Promise<string> {
  if (out !== undefined) return resolve(cwd, out);
  const top = await findGitTop(dirname(inputAbs));
  return join(top ?? resolve(cwd), DEFAULT_OUT);
}
