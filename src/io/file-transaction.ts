// Several files replaced together, all or nothing: what `run` swaps into its output folder
// (logs, JUnit files, manifest, brief) and what `publish` writes into the repo (artifacts, plan
// and ledger edits). Every new file is first written (or staged) beside its target, then each
// existing target is moved aside into a backup folder, then the new files are renamed into
// place. Renames within one file system are atomic, so a reader sees each file old or new,
// never half; if any step fails, what was done is undone in reverse order and every target is
// byte-identical to before, then the failure is thrown.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { uninterruptible } from './uninterruptible.js';

export type FileChange =
  /** Write this text to the target (a new file, or replacing one). */
  | { target: string; text: string; mode?: number }
  /** Move this file (already written, on the same file system) to the target. */
  | { target: string; moveFrom: string }
  /** Copy this file's bytes to the target (the source stays). */
  | { target: string; copyFrom: string }
  /** Remove the target if it exists. */
  | { target: string; remove: true };

export interface CommitOptions {
  /** An empty or missing folder on the targets' file system, for the old files while committing. */
  backupDir: string;
  /** How paths are named in messages. */
  display?: (path: string) => string;
  /** Test hook: called before each target is replaced; a throw there is a failed write. */
  beforeReplace?: (target: string) => Promise<void> | void;
}

interface Step {
  change: FileChange;
  /** The new file, ready to be renamed into place (null for a removal). */
  ready: string | null;
  /** Where the old target was moved (null when there was none). */
  backup: string | null;
  placed: boolean;
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}${e.code === 'EPERM' || e.code === 'EACCES' || e.code === 'EROFS' ? ': read-only or immutable?' : ''}` : String(error);
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Apply every change or none. Throws EnvironmentError naming the file that could not be written.
 * A second Ctrl-C waits for it (uninterruptible.ts).
 */
export function commitFiles(changes: readonly FileChange[], options: CommitOptions): Promise<void> {
  return uninterruptible(() => commit(changes, options));
}

async function commit(changes: readonly FileChange[], options: CommitOptions): Promise<void> {
  const display = options.display ?? ((p: string) => p);
  const steps: Step[] = changes.map((change) => ({ change, ready: null, backup: null, placed: false }));
  const createdDirs: string[] = [];
  let current = '';
  try {
    // 1. Everything new is written beside its target first: a full disk or a folder that
    //    cannot be written fails here, before any existing file is touched.
    for (const step of steps) {
      current = step.change.target;
      const dir = dirname(step.change.target);
      if (!(await exists(dir))) {
        const made = await fs.mkdir(dir, { recursive: true });
        if (made) createdDirs.push(made);
      }
      if ('text' in step.change) {
        const temp = join(dir, `.${basename(step.change.target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        // Owner-only until the final mode is set, so a private file is never briefly readable.
        const handle = await fs.open(temp, 'wx', step.change.mode === undefined ? 0o666 : 0o600);
        try {
          await handle.writeFile(step.change.text, 'utf8');
          if (step.change.mode !== undefined) await handle.chmod(step.change.mode & 0o7777);
          await handle.sync();
        } finally {
          await handle.close();
        }
        step.ready = temp;
      } else if ('moveFrom' in step.change) {
        step.ready = step.change.moveFrom;
      } else if ('copyFrom' in step.change) {
        const temp = join(dir, `.${basename(step.change.target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        await fs.copyFile(step.change.copyFrom, temp, fs.constants.COPYFILE_EXCL);
        step.ready = temp;
      }
    }
    // 2. Old files aside, new files in.
    await fs.mkdir(options.backupDir, { recursive: true });
    for (const [i, step] of steps.entries()) {
      current = step.change.target;
      await options.beforeReplace?.(step.change.target);
      if (await exists(step.change.target)) {
        const backup = join(options.backupDir, `${i}-${basename(step.change.target)}`);
        await fs.rename(step.change.target, backup);
        step.backup = backup;
      }
      if (step.ready !== null) {
        await fs.rename(step.ready, step.change.target);
        step.placed = true;
      }
    }
  } catch (error) {
    await rollBack(steps, createdDirs);
    throw new EnvironmentError(`cannot write ${display(current)} (${describe(error)}); nothing was changed`);
  }
  // 3. Done: the old files go.
  await Promise.all(steps.map((s) => (s.backup ? fs.rm(s.backup, { force: true }) : undefined)));
}

async function rollBack(steps: Step[], createdDirs: string[]): Promise<void> {
  for (const step of [...steps].reverse()) {
    try {
      if (step.placed) {
        // A moved file goes back where it came from; a written one is removed.
        if ('moveFrom' in step.change) await fs.rename(step.change.target, step.change.moveFrom);
        else await fs.rm(step.change.target, { force: true });
      } else if (step.ready !== null && !('moveFrom' in step.change)) {
        await fs.rm(step.ready, { force: true });
      }
      if (step.backup) await fs.rename(step.backup, step.change.target);
    } catch {
      // Best effort: keep undoing the others.
    }
  }
  for (const dir of createdDirs.reverse()) await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
}
