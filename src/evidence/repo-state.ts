// Which commit of the repo the selectors ran against, and whether the work tree differed from it.
// What handoff itself writes is not a change of the repo: the output folder (with its staging
// folders and histories), any other file this command writes, and published hand-over folders
// (a folder whose summary.md carries publish's marker). The changed paths that do count are kept
// (the first 20), so a reader can check the "uncommitted changes" claim.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { handoverBriefId } from './handover-marker.js';
import { readRepoIdentity, type RepoIdentity } from '../io/repo-identity.js';
import { runToEnd } from './environment.js';

export const CHANGED_SHOWN = 20;

export interface RepoState extends RepoIdentity {
  commit: string | null;
  /** Uncommitted changes other than handoff's own files; null outside git or when git status failed. */
  dirty: boolean | null;
  /** The changed paths that counted, relative to the repository top (posix), the first CHANGED_SHOWN. */
  changed: string[];
  /** How many changed paths counted in all. */
  changedCount: number;
}

/** Paths of `git status --porcelain=v1 -z` output (a rename's source left out). */
export function porcelainPaths(text: string): string[] {
  const fields = text.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.length < 4) continue;
    paths.push(field.slice(3));
    if (field[0] === 'R' || field[0] === 'C') i++; // the next field is where it came from
  }
  return paths;
}

/** Whether a changed path (repo-top relative) lies in a published hand-over folder; folders are looked at once. */
function handoverFilter(top: string): (path: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  const isHandover = (folder: string): Promise<boolean> => {
    let answer = known.get(folder);
    if (!answer) {
      answer = readFile(join(top, folder, 'summary.md'), 'utf8').then((t) => handoverBriefId(t) !== null, () => false);
      known.set(folder, answer);
    }
    return answer;
  };
  return async (path) => {
    let folder = dirname(path);
    while (folder !== '.' && folder !== '') {
      if (await isHandover(folder)) return true;
      folder = dirname(folder);
    }
    return false;
  };
}

/**
 * HEAD and the uncommitted changes in the repo folder (only it: a brief about examples/x is not
 * dirty because of src/), leaving out `own` (absolute paths of handoff's output) and hand-overs.
 */
export async function readRepoState(repoDir: string, own: readonly string[]): Promise<RepoState> {
  const opts = { cwd: repoDir, timeoutMs: 30_000 };
  const [head, identity] = await Promise.all([runToEnd('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], opts), readRepoIdentity(repoDir)]);
  if (head.code !== 0) return { ...identity, commit: null, dirty: null, changed: [], changedCount: 0 };
  const excludes = own
    .map((p) => relative(repoDir, resolve(p)))
    .filter((rel) => rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep))
    .map((rel) => `:(exclude)${rel.split(sep).join('/')}`);
  const [status, top] = await Promise.all([
    // Every untracked file, not just its new top folder: a new hand-over under a new plans/ folder
    // must be told apart from a new file beside it.
    runToEnd('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.', ...excludes], opts),
    runToEnd('git', ['rev-parse', '--show-toplevel'], opts),
  ]);
  if (status.code !== 0 || top.code !== 0) return { ...identity, commit: head.stdout.trim(), dirty: null, changed: [], changedCount: 0 };
  const inHandover = handoverFilter(top.stdout.trim());
  const changed: string[] = [];
  for (const path of porcelainPaths(status.stdout)) if (!(await inHandover(path))) changed.push(path);
  return { ...identity, commit: head.stdout.trim(), dirty: changed.length > 0, changed: changed.slice(0, CHANGED_SHOWN), changedCount: changed.length };
}
