// Which commit of the repo the selectors ran against, and whether the work tree differed from it.
// What handoff itself writes is not a change of the repo: the output folder (with its staging
// folders and histories), any other file this command writes, and published hand-over folders
// (a folder whose summary.md carries publish's marker). The changed paths that do count are kept
// (the first 20), so a reader can check the "uncommitted changes" claim.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { handoverBriefId } from './handover-marker.js';
import { findGitTop } from '../io/git-top.js';
import { readRepoIdentity, type RepoIdentity } from '../io/repo-identity.js';
import { runToEnd } from './child-process.js';

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

/** What `git status --porcelain=v2 -z --branch` says: HEAD's commit (null before the first) and the changed paths. */
export interface PorcelainStatus {
  commit: string | null;
  /** Relative to the repository top (posix); a rename's source left out. */
  paths: string[];
}

/** Fields before the path in each entry type of porcelain v2 (`1 XY sub mH mI mW hH hI path`…). */
const FIELDS_BEFORE_PATH: Record<string, number> = { '1': 8, '2': 9, u: 10, '?': 1, '!': 1 };

export function parsePorcelainV2(text: string): PorcelainStatus {
  const entries = text.split('\0');
  let commit: string | null = null;
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.startsWith('# branch.oid ')) {
      const oid = entry.slice('# branch.oid '.length);
      commit = /^[0-9a-f]{7,}$/.test(oid) ? oid : null; // "(initial)": no commit yet
      continue;
    }
    const before = FIELDS_BEFORE_PATH[entry.slice(0, entry.indexOf(' '))];
    if (before === undefined) continue;
    let at = 0;
    for (let n = 0; n < before; n++) at = entry.indexOf(' ', at) + 1;
    paths.push(entry.slice(at));
    if (entry.startsWith('2 ')) i++; // the next entry is where it came from
  }
  return { commit, paths };
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
 * `env`: the command's environment, which git runs with (GIT_DIR and the like count).
 */
export async function readRepoState(repoDir: string, own: readonly string[], env: NodeJS.ProcessEnv): Promise<RepoState> {
  const opts = { cwd: repoDir, env, timeoutMs: 30_000 };
  const excludes = own
    .map((p) => relative(repoDir, resolve(p)))
    .filter((rel) => rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep))
    .map((rel) => `:(exclude)${rel.split(sep).join('/')}`);
  // One git process for both HEAD (the branch header) and the changes. Every untracked file, not
  // just its new top folder: a new hand-over under a new plans/ folder must be told apart from a
  // new file beside it.
  const top = await findGitTop(repoDir);
  const [status, identity] = await Promise.all([
    runToEnd('git', ['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all', '--', '.', ...excludes], opts),
    readRepoIdentity(repoDir, top),
  ]);
  if (status.code !== 0 || top === null) {
    // Outside git, or git status failed: the commit, if there is one, without the changes.
    const head = await runToEnd('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], opts);
    return { ...identity, commit: head.code === 0 ? head.stdout.trim() : null, dirty: null, changed: [], changedCount: 0 };
  }
  const { commit, paths } = parsePorcelainV2(status.stdout);
  if (commit === null) return { ...identity, commit: null, dirty: null, changed: [], changedCount: 0 };
  const inHandover = handoverFilter(top);
  const changed: string[] = [];
  for (const path of paths) if (!(await inHandover(path))) changed.push(path);
  return { ...identity, commit, dirty: changed.length > 0, changed: changed.slice(0, CHANGED_SHOWN), changedCount: changed.length };
}
