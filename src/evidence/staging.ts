// `run` works in a staging folder inside the output folder and swaps its results into place only
// when every selector has finished and the brief is rendered: logs and JUnit files, manifest and
// brief, together (io/file-transaction.ts). An interrupted or failed run leaves the previous
// evidence byte-identical; its own partial logs stay in the staging folder for a look.
import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { commitFiles, type FileChange } from '../io/file-transaction.js';
import type { EvidenceManifest } from './manifest.js';
import { selectorFiles } from './out-layout.js';

const PREFIX = '.handoff-run-';
export interface Staging {
  /** The staging folder; logs go to `<dir>/logs/`. */
  dir: string;
}

/**
 * After `<PREFIX><brief id>-`: the pid of the process that made the folder, and a random part,
 * so that two runs of one brief in one process (the CLI called in-process) never share a folder.
 * A bare pid is the name 0.2 gave, still cleaned up.
 */
const OWNER = /^(\d+)(-[0-9a-f]{8})?$/;

/** A fresh staging folder name for this run; staging folders of runs whose process died are removed. */
export async function prepareStaging(outDir: string, briefId: string): Promise<Staging> {
  const mine = `${PREFIX}${briefId}-`;
  for (const name of await readdir(outDir).catch(() => [] as string[])) {
    // The pattern, not just the prefix: brief "a" must not take brief "a-1"'s folders for its own.
    const owner = name.startsWith(mine) ? OWNER.exec(name.slice(mine.length)) : null;
    if (!owner) continue;
    const pid = Number(owner[1]);
    // This process's own folders may belong to a run still under way in it: left for a later process.
    if (pid !== process.pid && !isAlive(pid)) await rm(join(outDir, name), { recursive: true, force: true });
  }
  return { dir: join(outDir, `${mine}${process.pid}-${randomBytes(4).toString('hex')}`) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SwapOptions {
  outDir: string;
  staging: Staging;
  manifest: EvidenceManifest;
  briefId: string;
  /** File name of the manifest in outDir (`<id>.evidence.json`, or a shard's). */
  manifestName: string;
  manifestText: string;
  /** The brief to write with it, if any (a shard writes none). */
  brief?: { path: string; text: string };
  /** More files that go with the brief (its runtime charts), in the same transaction. */
  alongside?: readonly FileChange[];
  display?: (path: string) => string;
}

async function staged(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Logs, JUnit files, manifest and brief into place, all or nothing. Logs and JUnit files in the
 * staging folder are moved in; those that are not (a merge whose parts are already in the output
 * folder) are left where they are. A selector that wrote no JUnit file this time loses the one
 * an earlier run left, so nothing stale sits beside the new manifest.
 */
export async function swapIntoPlace(options: SwapOptions): Promise<void> {
  const { outDir, staging } = options;
  const changes: FileChange[] = [];
  for (const s of options.manifest.selectors) {
    if (await staged(join(staging.dir, s.log))) changes.push({ target: join(outDir, s.log), moveFrom: join(staging.dir, s.log) });
    if (!s.junit) changes.push({ target: join(outDir, selectorFiles(options.briefId, s.id).junit), remove: true });
    else if (await staged(join(staging.dir, s.junit))) changes.push({ target: join(outDir, s.junit), moveFrom: join(staging.dir, s.junit) });
  }
  changes.push({ target: join(outDir, options.manifestName), text: options.manifestText });
  changes.push(...(options.alongside ?? []));
  if (options.brief) changes.push({ target: options.brief.path, text: options.brief.text });
  await commitFiles(changes, { backupDir: join(staging.dir, 'replaced'), display: options.display });
  await rm(staging.dir, { recursive: true, force: true });
}
