// Writing a generated folder (the site of `handoff site`) whole: every file goes into a staging
// folder beside the target, which then takes the target's place, so a reader (a browser, a Pages
// upload) sees the old folder or the new one, never half of one, and files of the old folder
// that the new one no longer has are gone. A folder is only replaced when it is empty or was
// written this way before (it holds the marker file): never a folder of the user's own.
import { copyFileSync, promises as fs, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError, UsageError } from '../errors.js';
import { describeIoError, ensureDir } from './atomic-write.js';
import { statOrNull } from './path-stat.js';

/** A file of the folder, by its posix path inside it: its text, or a file to copy. */
export type FolderFile = { path: string; text: string } | { path: string; copyFrom: string };

export interface ReplaceFolderOptions {
  /** The file (among `files`) that marks the folder as one this writer may replace. */
  marker: string;
  /** How the folder is named in messages. */
  display: string;
  /** What to tell a user whose folder is not replaceable (the option to change). */
  hint: string;
}

/**
 * Whether the folder is there; throws unless it may be replaced (missing, empty, or holding the
 * marker).
 */
async function checkReplaceable(target: string, options: ReplaceFolderOptions): Promise<boolean> {
  const info = statOrNull(target);
  if (!info) return false;
  if (!info.isDirectory()) throw new UsageError(`${options.display} is a file, not a folder; ${options.hint}`);
  const names = await fs.readdir(target);
  if (names.length > 0 && !names.includes(options.marker)) {
    throw new UsageError(`${options.display} holds files that were not written there by this command (no ${options.marker}); ${options.hint}`);
  }
  return true;
}

/**
 * In turn, synchronously: a site is thousands of small files, and a batch of asynchronous
 * writes gained nothing over this on two cores (measured: 3–5% more CPU for the 200-brief site).
 */
function writeAll(dir: string, files: readonly FolderFile[]): void {
  const folders = [...new Set(files.map((f) => dirname(join(dir, f.path))))].sort();
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const f of files) {
    if ('text' in f) writeFileSync(join(dir, f.path), f.text, 'utf8');
    else copyFileSync(f.copyFrom, join(dir, f.path));
  }
}

/** Writes `files` as the whole content of `target` (created with its parents when missing). */
export async function replaceFolder(target: string, files: readonly FolderFile[], options: ReplaceFolderOptions): Promise<void> {
  const exists = await checkReplaceable(target, options);
  const parent = dirname(target);
  await ensureDir(parent, dirname(options.display));
  const staging = join(parent, `.${basename(target)}.writing-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  try {
    await fs.rm(staging, { recursive: true, force: true });
    await fs.mkdir(staging);
    writeAll(staging, files);
    if (exists) await fs.rename(target, old);
    try {
      await fs.rename(staging, target);
    } catch (error) {
      if (exists) await fs.rename(old, target).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw new EnvironmentError(`cannot write ${options.display} (${describeIoError(error)})`);
  } finally {
    if (exists) await fs.rm(old, { recursive: true, force: true }).catch(() => undefined);
  }
}
