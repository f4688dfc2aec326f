// Stale evidence: the manifest records a sha256 of each test file a selector names. When one of
// those files has changed (or vanished) since the run, that selector's evidence no longer
// describes the code, and the brief says so.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EvidenceManifest } from './manifest.js';

export type FileHashes = Record<string, string | null>;

/** sha256 of each file (relative to repoDir); null where it cannot be read. */
export async function hashFiles(repoDir: string, files: readonly string[]): Promise<FileHashes> {
  const entries = await Promise.all(
    [...new Set(files)].sort().map(async (file): Promise<[string, string | null]> => {
      try {
        const bytes = await readFile(resolve(repoDir, file));
        return [file, createHash('sha256').update(bytes).digest('hex')];
      } catch {
        return [file, null];
      }
    }),
  );
  return Object.fromEntries(entries);
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
