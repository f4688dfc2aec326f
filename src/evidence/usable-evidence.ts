// Whether the evidence in the output folder can stand for this input as it is now (`publish`
// takes it, or runs the selectors again): made from this very input, every selector run, no
// test file changed since, every log still the one the run wrote.
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import type { LoadedInput } from '../input/model.js';
import { sha256File } from './log-file.js';
import type { EvidenceManifest } from './manifest.js';
import { findStaleEvidence } from './stale.js';

/** Why the evidence cannot be used as it is, or null when it can. */
export async function whyNotUsable(loaded: LoadedInput, manifest: EvidenceManifest, manifestPath: string): Promise<string | null> {
  const sha = createHash('sha256').update(loaded.text).digest('hex');
  if (!manifest.input) return 'it records no input (made by handoff 0.1.0)';
  if (manifest.input.sha256 !== sha) return `it was made from another version of ${loaded.file}`;
  if (manifest.shard) return 'it holds one shard only; merge the shards first (handoff merge)';
  const ran = new Set(manifest.selectors.map((s) => s.id));
  const notRun = loaded.data.selectors.filter((s) => !ran.has(s.id)).map((s) => s.id);
  if (notRun.length > 0) return `it has no result for ${notRun.join(', ')}`;
  const stale = await findStaleEvidence(manifest, loaded.repoDir);
  if (stale.size > 0) return `test files changed since the run: ${[...new Set([...stale.values()].flat())].join(', ')}`;
  for (const s of manifest.selectors) {
    const sha256 = await sha256File(resolve(dirname(manifestPath), s.log)).catch(() => null);
    if (sha256 !== s.log_sha256) return `the log of ${s.id} ${sha256 === null ? 'is missing' : 'changed since the run'}`;
  }
  return null;
}
