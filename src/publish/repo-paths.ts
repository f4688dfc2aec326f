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

/** A path as the repo names it: relative to the repo's folder, with `/` separators. */
export function repoRelative(repoDir: string, path: string): string {
  return relative(repoDir, path).split(sep).join('/');
}

/**
 * Why each of these files would be written outside the repo (none: an empty list). Their folders
 * are what count: a file that is itself a symlink is replaced (renamed over), not written through.
 */
export async function filesOutsideRepo(repoDir: string, targets: readonly string[]): Promise<string[]> {
  const folders = [...new Set(targets.map((t) => dirname(t)))];
  const checked = new Map(await Promise.all(folders.map(async (f) => [f, await resolveInRepo(repoDir, relative(repoDir, f))] as const)));
  return targets.flatMap((target) => {
    const folder = checked.get(dirname(target))!;
    return folder.ok ? [] : [`"${repoRelative(repoDir, target)}": its folder ${folder.why}`];
  });
}
