// Read-modify-write of a file that other `handoff` runs (and people's editors) may change at
// the same time. Two guards, because either alone can lose an update:
// - a lock file `<file>.lock` created with O_EXCL serialises handoff runs (a lock whose owner
//   died, or that is older than `staleLockMs`, is broken);
// - compare-and-swap: just before the rename the file is read again, and if its bytes changed
//   since we read them (an editor saved, or a lock was broken wrongly) the edit is re-applied
//   to the new bytes.
// The write itself is writeFileAtomic (temp file in the same folder, fsynced, given the
// original mode, renamed over the target), with the compare-and-swap as its beforeRename hook.
// Readers see the old or the new file, never half of one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { EnvironmentError, InputError } from '../errors.js';
import { readFailure } from './read-text.js';
import { writeFileAtomic } from './atomic-write.js';

export interface LockedUpdateOptions {
  /** How the file is named in messages (as the user typed it). */
  displayPath: string;
  /** Give up waiting for another run's lock after this long. */
  lockTimeoutMs?: number;
  /** A lock older than this is taken to be left over from a crashed run. */
  staleLockMs?: number;
  /** Write nothing; still reads under the lock so the answer is consistent. */
  dryRun?: boolean;
  /** Called with each text read, before `transform` (which is synchronous): loads what it needs. */
  prepare?: (text: string) => Promise<void>;
}

export interface LockedUpdateResult<T> {
  before: string;
  after: string;
  changed: boolean;
  /** Whatever the last `transform` call returned alongside the new text. */
  detail: T;
}

/** Receives the current text; returns the new text (same text = nothing to do) and a detail. */
export type Transform<T> = (text: string) => { text: string; detail: T };

const WRITE_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'EISDIR', 'ENOTDIR', 'EBUSY', 'ETXTBSY']);

export async function updateFileLocked<T>(path: string, transform: Transform<T>, options: LockedUpdateOptions): Promise<LockedUpdateResult<T>> {
  const shown = options.displayPath;
  // Edit the real file behind a symlink; renaming over the link would replace it with a copy.
  const target = await fs.realpath(path).catch((error: NodeJS.ErrnoException) => {
    throw readFailure(shown, error, path);
  });
  if (options.dryRun) {
    const before = await readText(target, shown);
    await options.prepare?.(before);
    const { text, detail } = transform(before);
    return { before, after: text, changed: text !== before, detail };
  }
  const release = await acquireLock(target, shown, options);
  try {
    for (;;) {
      const bytes = await fs.readFile(target).catch((error: NodeJS.ErrnoException) => {
        throw readFailure(shown, error, target);
      });
      const before = decodeUtf8(bytes, shown);
      await options.prepare?.(before);
      const { text, detail } = transform(before);
      if (text === before) return { before, after: text, changed: false, detail };
      if (await replaceIfUnchanged(target, bytes, text, shown)) return { before, after: text, changed: true, detail };
      // Someone changed the file between our read and our rename: apply the edit to theirs.
    }
  } finally {
    await release();
  }
}

async function readText(target: string, shown: string): Promise<string> {
  const bytes = await fs.readFile(target).catch((error: NodeJS.ErrnoException) => {
    throw readFailure(shown, error, target);
  });
  return decodeUtf8(bytes, shown);
}

function decodeUtf8(bytes: Buffer, shown: string): string {
  const text = bytes.toString('utf8');
  // Rewriting a file that is not valid UTF-8 would silently change bytes we promised to keep.
  if (!Buffer.from(text, 'utf8').equals(bytes)) {
    throw new InputError([{ file: shown, line: 1, col: 1, path: '', message: 'not valid UTF-8 text; refusing to rewrite it' }]);
  }
  return text;
}

function writeFailure(shown: string, error: NodeJS.ErrnoException): EnvironmentError {
  const hint =
    error.code === 'EPERM' || error.code === 'EACCES' || error.code === 'EROFS'
      ? ' (read-only, immutable, or on a read-only file system?)'
      : '';
  return new EnvironmentError(`${shown}: cannot write: ${error.code ?? error.message}${hint}; the file is unchanged`);
}

/** Writes `text` beside `target` and renames it over `target` if `target` still holds `expected`. */
async function replaceIfUnchanged(target: string, expected: Buffer, text: string, shown: string): Promise<boolean> {
  const stat = await fs.stat(target);
  // Root ignores permission bits, so a 0444 plan would be overwritten silently; honour the
  // owner's "read-only" the way editors do.
  if ((stat.mode & 0o222) === 0) {
    throw new EnvironmentError(`${shown}: the file is read-only (mode ${(stat.mode & 0o777).toString(8)}); make it writable (chmod u+w) and run again; the file is unchanged`);
  }
  return writeFileAtomic(target, text, {
    displayName: shown,
    mode: stat.mode,
    beforeRename: async () => (await fs.readFile(target)).equals(expected),
    describeFailure: (error) => {
      const err = error as NodeJS.ErrnoException;
      return err.code && WRITE_ERRORS.has(err.code) ? writeFailure(shown, err) : error;
    },
  });
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  time: number;
}

/** Takes `<target>.lock` (waiting for another run, breaking a stale one); resolves to its release. */
export async function acquireLock(target: string, shown: string, options: Pick<LockedUpdateOptions, 'lockTimeoutMs' | 'staleLockMs'>): Promise<() => Promise<void>> {
  const lockPath = `${target}.lock`;
  const timeoutMs = options.lockTimeoutMs ?? 15_000;
  const staleMs = options.staleLockMs ?? 30_000;
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), time: Date.now() };
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(lockPath, JSON.stringify(owner), { flag: 'wx' });
      return async () => {
        // Only remove the lock if it is still ours (it may have been broken as stale).
        const held = await fs.readFile(lockPath, 'utf8').catch(() => '');
        if (held.includes(owner.token)) await fs.rm(lockPath, { force: true });
      };
    } catch (error) {
      const err = error as NodeJS.ErrnoException;
      if (err.code !== 'EEXIST') throw writeFailure(shown, err);
    }
    const holder = await readLock(lockPath);
    if (holder && isStale(holder, staleMs)) {
      await breakLock(lockPath, holder);
      continue;
    }
    if (Date.now() > deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host} since ${new Date(holder.time).toISOString()}` : 'another process';
      throw new EnvironmentError(`${shown}: locked by ${who}; if no other handoff is running, delete ${shown}.lock; the file is unchanged`);
    }
    // Jittered backoff so that many waiters do not retry in lockstep.
    await new Promise((r) => setTimeout(r, Math.min(100, 5 + attempt * 5) + Math.random() * 10));
  }
}

async function readLock(lockPath: string): Promise<LockOwner | null> {
  try {
    const [raw, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    const parsed = JSON.parse(raw) as Partial<LockOwner>;
    return {
      pid: Number(parsed.pid ?? 0),
      host: String(parsed.host ?? ''),
      token: String(parsed.token ?? ''),
      time: Number(parsed.time ?? stat.mtimeMs),
    };
  } catch {
    // Gone (released meanwhile) or half-written by a process that is creating it right now.
    return null;
  }
}

function isStale(holder: LockOwner, staleMs: number): boolean {
  if (Date.now() - holder.time > staleMs) return true;
  if (holder.host !== hostname() || holder.pid <= 0) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Removes a stale lock, unless it was replaced by a fresh one since we looked at it. */
async function breakLock(lockPath: string, holder: LockOwner): Promise<void> {
  const current = await readLock(lockPath);
  if (current && current.token === holder.token) await fs.rm(lockPath, { force: true });
}
