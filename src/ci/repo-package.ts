// What the repository's own npm set-up says about handoff: whether its package.json lists
// handoff-brief, and whether a lockfile pins it for `npm ci`. Read at the repository root only
// (the folder the workflow's checkout starts in).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';

export interface RepoPackage {
  root: string;
  /** `<root>/package.json`, for messages. */
  packageJson: string;
  hasPackageJson: boolean;
  /** handoff-brief is in its dependencies, devDependencies or optionalDependencies. */
  listsHandoff: boolean;
  /** The lockfile `npm ci` would read, or null. */
  lockfile: 'npm-shrinkwrap.json' | 'package-lock.json' | null;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;
// npm ci prefers npm-shrinkwrap.json when both exist.
const LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'] as const;

export async function readRepoPackage(root: string): Promise<RepoPackage> {
  const packageJson = join(root, 'package.json');
  const text = await readFile(packageJson, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw new EnvironmentError(`${packageJson}: cannot read: ${error.code ?? error.message}`);
  });
  const lockfile = await firstFile(root, LOCKFILES);
  if (text === null) return { root, packageJson, hasPackageJson: false, listsHandoff: false, lockfile };
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${packageJson} is not valid JSON (${(error as Error).message}); npm could not read it either`);
  }
  const listsHandoff = DEPENDENCY_FIELDS.some((field) => {
    const deps = (manifest as Record<string, unknown> | null)?.[field];
    return typeof deps === 'object' && deps !== null && Object.hasOwn(deps, 'handoff-brief');
  });
  return { root, packageJson, hasPackageJson: true, listsHandoff, lockfile };
}

async function firstFile<T extends string>(dir: string, names: readonly T[]): Promise<T | null> {
  for (const name of names) {
    if ((await stat(join(dir, name)).catch(() => null))?.isFile()) return name;
  }
  return null;
}
