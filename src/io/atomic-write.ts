// Writing output files. A brief is written to a temp file in the same folder and renamed over
// the target, so a reader (or an interrupted run) sees the old file or the new one, never half
// of one. Failures to create or write the folder are the environment's fault: exit 3.
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';

/** An I/O error as messages quote it: `CODE: what the system said`. */
export function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(error);
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted (read-only or immutable?)',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
};

/**
 * Why a folder cannot be created or written to, as the file system says it. A recursive mkdir
 * on a read-only mount reports ENOENT; asking the deepest folder that exists tells the truth.
 */
async function trueCause(dir: string, error: unknown): Promise<string> {
  let code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === undefined) {
    let existing = dir;
    while (!(await fs.stat(existing).then(() => true, () => false)) && dirname(existing) !== existing) existing = dirname(existing);
    code = await fs.access(existing, fsConstants.W_OK).then(() => code, (e: NodeJS.ErrnoException) => e.code ?? code);
  }
  return code ? `${code}: ${CAUSES[code] ?? (error as Error).message.replace(/^\w+: /, '')}` : String(error);
}

/** Create a folder (and its parents); EnvironmentError when that is impossible. */
export async function ensureDir(dir: string, displayName = dir): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    throw new EnvironmentError(`cannot create output folder ${displayName} (${await trueCause(dir, error)})`);
  }
}

/**
 * That a folder can be written to, or created: checked on it, else on the deepest folder above it
 * that exists, writing nothing. EnvironmentError (exit 3) naming the folder and the cause.
 */
export async function requireWritableDir(dir: string, displayName = dir): Promise<void> {
  let existing = dir;
  let info = await fs.stat(existing).catch(() => null);
  while (!info && dirname(existing) !== existing) {
    existing = dirname(existing);
    info = await fs.stat(existing).catch(() => null);
  }
  try {
    if (info && !info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    await fs.access(existing, fsConstants.W_OK);
  } catch (error) {
    const verb = existing === dir && info?.isDirectory() ? 'write to' : 'create';
    throw new EnvironmentError(`cannot ${verb} the output folder ${displayName} (${await trueCause(existing, error)}); pick another with --out DIR`);
  }
}

export interface WriteAtomicOptions {
  /** How the file is named in messages. */
  displayName?: string;
  /** Permission bits for the new file (e.g. the mode of the file it replaces); default: umask's. */
  mode?: number;
  /**
   * Called after the temp file is written and fsynced, just before the rename. Returning false
   * abandons the write (the temp file is removed, the target untouched): a compare-and-swap hook.
   */
  beforeRename?: () => Promise<boolean>;
  /** Turns a failure into the error to throw; default: EnvironmentError `cannot write …`. */
  describeFailure?: (error: unknown) => unknown;
}

/**
 * Write `data` to `path` atomically: temp file in the same folder, fsync, rename. The folder
 * is created when missing. The temp file is removed if anything fails. Resolves to false only
 * when `beforeRename` vetoed the rename.
 */
export async function writeFileAtomic(path: string, data: string, options: WriteAtomicOptions = {}): Promise<boolean> {
  const display = options.displayName ?? path;
  const dir = dirname(path);
  await ensureDir(dir, dirname(display));
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    // Owner-only until the final mode is set, so a private file is never briefly readable.
    handle = await fs.open(temp, 'wx', options.mode === undefined ? 0o666 : 0o600);
    await handle.writeFile(data, 'utf8');
    if (options.mode !== undefined) await handle.chmod(options.mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.beforeRename && !(await options.beforeRename())) {
      await fs.rm(temp, { force: true });
      return false;
    }
    await fs.rename(temp, path);
    return true;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (options.describeFailure) throw options.describeFailure(error);
    throw new EnvironmentError(`cannot write ${display} (${describeIoError(error)})`);
  }
}

/** The text of a file, or null when it does not exist. */
export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new EnvironmentError(`cannot read ${path} (${describeIoError(error)})`);
  }
}
