// The repository as its reader knows it: the `origin` remote's `owner/name` (github.com/o/n,
// git@host:o/n.git, ssh://…/o/n), else the folder's name; and the folder inside it when the
// selectors live in a sub-folder. Read from the git config file itself, without starting git:
// `render` names the repository on every run, and a process costs more than a file read.
import { readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { findGitTop } from './git-top.js';

export interface RepoIdentity {
  /** `owner/name` of origin, else the name of the repository's (or the folder's) own folder. */
  name: string;
  /** The repo folder inside the repository (posix, no trailing slash), or null at its top or outside git. */
  folder: string | null;
}

/** Pure: `owner/name` of a remote URL on a host, or null for a local path or file:// URL. */
export function ownerAndName(url: string): string | null {
  const trimmed = url.trim();
  let path: string | undefined;
  const scheme = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/[^/]+\/(.+)$/.exec(trimmed);
  if (scheme) path = scheme[1];
  else {
    // scp-like: [user@]host:path, where host is not a Windows drive letter
    const scp = /^(?:[^@/\s]+@)?([^:/\s]{2,}):(?!\/\/)(.+)$/.exec(trimmed);
    if (scp) path = scp[2];
  }
  if (path === undefined) return null;
  const cleaned = path.replace(/\/+$/, '').replace(/\.git$/, '').replace(/^\/+/, '').replace(/^~[^/]*\//, '');
  return cleaned.includes('/') && !cleaned.split('/').some((p) => p === '' || p === '..') ? cleaned : null;
}

/** Pure: the url of `[remote "origin"]` in a git config file's text. */
export function originUrl(config: string): string | null {
  let inOrigin = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inOrigin = /^\[\s*remote\s+"origin"\s*\]$/.test(line);
      continue;
    }
    const m = inOrigin ? /^url\s*=\s*(.*)$/.exec(line) : null;
    if (m) return m[1]!.replace(/^"(.*)"$/, '$1');
  }
  return null;
}

/** The config file of the repository at `top`: `.git/config`, or for a worktree its common git folder's. */
async function configPath(top: string): Promise<string | null> {
  const dotGit = join(top, '.git');
  const info = await stat(dotGit).catch(() => null);
  if (!info) return null;
  if (info.isDirectory()) return join(dotGit, 'config');
  const pointer = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8').catch(() => ''));
  if (!pointer) return null;
  const gitDir = resolve(top, pointer[1]!.trim());
  const common = (await readFile(join(gitDir, 'commondir'), 'utf8').catch(() => '')).trim();
  return join(common ? resolve(gitDir, common) : gitDir, 'config');
}

/** `top`: the repository top of `repoDir` when the caller has looked it up already (null: none). */
export async function readRepoIdentity(repoDir: string, top?: string | null): Promise<RepoIdentity> {
  if (top === undefined) top = await findGitTop(repoDir);
  if (top === null) return { name: basename(resolve(repoDir)), folder: null };
  const config = await configPath(top);
  const url = config ? originUrl(await readFile(config, 'utf8').catch(() => '')) : null;
  const folder = relative(top, resolve(repoDir)).split(sep).join('/');
  return { name: (url && ownerAndName(url)) ?? basename(top), folder: folder === '' || folder.startsWith('..') ? null : folder };
}
