// Two publishes at once never interleave (docs/publishing.md): a lock per repo, then each edited file's own
// lock (the ones `plan mark` and `ledger append` take), held from planning to the last write.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LoadedInput } from '../input/model.js';
import { acquireLock } from '../io/locked-update.js';

/** Where the repo-wide publish lock lives: inside .git when there is one, never in the work tree. */
function repoLockTarget(repoDir: string): string {
  if (existsSync(join(repoDir, '.git'))) return join(repoDir, '.git', 'handoff-publish');
  return join(tmpdir(), `handoff-publish-${createHash('sha256').update(resolve(repoDir)).digest('hex').slice(0, 16)}`);
}

/** Takes every lock a publication of this input needs; resolves to what releases them all. */
export async function lockPublication(loaded: LoadedInput): Promise<() => Promise<void>> {
  const repoDir = loaded.repoDir;
  const releases: Array<() => Promise<void>> = [];
  try {
    releases.push(await acquireLock(repoLockTarget(repoDir), 'the repo', { lockTimeoutMs: 60_000 }));
    const files = [...new Set([...(loaded.data.publish?.mark ?? []).map((m) => m.file), ...(loaded.data.publish?.ledger ? [loaded.data.publish.ledger.file] : [])])].sort();
    for (const file of files) releases.push(await acquireLock(resolve(repoDir, file), file, {}));
  } catch (error) {
    for (const release of releases.reverse()) await release();
    throw error;
  }
  return async () => {
    for (const release of releases.reverse()) await release();
  };
}
