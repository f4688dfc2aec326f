// Every path `publish` writes must resolve inside the repo: after the artifact folder's
// placeholders are filled in, after `..`, and after symlinks (a link in the repo that points out
// of it would carry the write outside). Checked before the first write.
import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export type InRepo = { ok: true; path: string } | { ok: false; why: string };

/** The real path of the deepest part of `path` that exists, with the rest appended. */
async function realpathOfExisting(path: string): Promise<string> {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(await realpath(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(existing.slice(parent.length + 1));
      existing = parent;
    }
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A repo-relative path as an absolute one inside the repo, or why it is not one. */
export async function resolveInRepo(repoDir: string, path: string): Promise<InRepo> {
  if (isAbsolute(path)) return { ok: false, why: `"${path}" is absolute; give a path relative to the repo` };
  const target = resolve(repoDir, path);
  if (!inside(repoDir, target)) return { ok: false, why: `"${path}" leaves the repo (${relative(repoDir, target)})` };
  const [realRepo, realTarget] = await Promise.all([realpath(repoDir), realpathOfExisting(target)]);
  if (!inside(realRepo, realTarget)) return { ok: false, why: `"${path}" leads out of the repo through a symlink (to ${realTarget})` };
  return { ok: true, path: target };
}
