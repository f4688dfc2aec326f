// Stale evidence: the manifest records a sha256 of each test file a selector names. When one of
// those files has changed (or vanished) since the run, that selector's evidence no longer
// describes the code, and the brief says so.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { EvidenceManifest } from './manifest.js';

export type FileHashes = Record<string, string | null>;

/**
 * sha256 of each path a selector names (relative to repoDir); null where it cannot be read.
 * A folder (`pytest tests/torch`) hashes the names and contents of the Python files under it,
 * so adding, removing or editing a test module there changes its hash.
 */
export async function hashFiles(repoDir: string, files: readonly string[]): Promise<FileHashes> {
  const entries = await Promise.all(
    [...new Set(files)].sort().map(async (file): Promise<[string, string | null]> => {
      try {
        return [file, await hashPath(resolve(repoDir, file))];
      } catch {
        return [file, null];
      }
    }),
  );
  return Object.fromEntries(entries);
}

async function hashPath(path: string): Promise<string> {
  const hash = createHash('sha256');
  if (!(await stat(path)).isDirectory()) return hash.update(await readFile(path)).digest('hex');
  for (const file of await listPythonFiles(path)) {
    const content = createHash('sha256').update(await readFile(file)).digest('hex');
    hash.update(`${relative(path, file).split('\\').join('/')}\0${content}\n`);
  }
  return hash.digest('hex');
}

/** Python files under a folder, sorted; hidden folders and __pycache__ skipped. */
async function listPythonFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== '__pycache__') found.push(...(await listPythonFiles(path)));
    } else if (entry.name.endsWith('.py')) {
      found.push(path);
    }
  }
  return found.sort();
}

/** Which files of a recorded set differ now: changed, deleted, or appeared since. */
export function changedFiles(recorded: FileHashes, current: FileHashes): string[] {
  return Object.keys(recorded)
    .filter((file) => recorded[file] !== current[file])
    .sort();
}

/** Selector id → the test files that changed since the manifest was written (only stale ones). */
export async function findStaleEvidence(manifest: EvidenceManifest, repoDir: string): Promise<Map<string, string[]>> {
  const stale = new Map<string, string[]>();
  for (const selector of manifest.selectors) {
    if (!selector.files) continue;
    const changed = changedFiles(selector.files, await hashFiles(repoDir, Object.keys(selector.files)));
    if (changed.length > 0) stale.set(selector.id, changed);
  }
  return stale;
}
