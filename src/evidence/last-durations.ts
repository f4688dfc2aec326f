// The durations of the last run in `--out`, which `run --shard` weighs selectors by when they have
// no `runtime.expected` (docs/ci.md). The manifest is read by the one manifest reader; one that is
// unreadable, or holds another brief's evidence, is not used (the run replaces it anyway), and
// the split then rests on the input alone.
import { InputError } from '../errors.js';
import { loadOutEvidence } from './load-evidence.js';
import type { LastDurations } from './shard.js';

export interface SplitBasis {
  durations: LastDurations;
  /** What the split rests on, recorded in the shard's manifest so `merge` can tell parts apart. */
  basis: string;
}

export async function lastRunDurations(outDir: string, briefId: string): Promise<SplitBasis> {
  try {
    const { evidence } = await loadOutEvidence(outDir, briefId);
    if (evidence) {
      const durations = new Map(evidence.manifest.selectors.map((s) => [s.id, s.duration_s]));
      return { durations, basis: `runtime.expected, else the durations of the run at ${evidence.manifest.generated_at}` };
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
  }
  return { durations: new Map(), basis: 'runtime.expected' };
}
