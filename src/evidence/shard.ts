// `run --shard K/N` (SPEC §11): a deterministic, runtime-balanced part of the selectors. The split
// depends only on the input (the selected ids, in input order, and their `runtime.expected`), so
// every machine of a CI matrix computes the same one and `merge` finds each selector exactly once.
// Selectors without `runtime.expected` weigh as much as the median of those with one (1 when none
// has one). Longest first onto the lightest shard (LPT), ties by input order and shard number.
import type { Selector } from '../input/model.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export function formatShard(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}

/** The expected seconds each selector weighs in the split. */
export function shardWeights(selectors: readonly Selector[]): number[] {
  const known = selectors.map((s) => s.runtime?.expected).filter((e): e is number => e !== undefined && e > 0).sort((a, b) => a - b);
  const median = known.length === 0 ? 1 : known.length % 2 === 1 ? known[known.length >> 1]! : (known[known.length / 2 - 1]! + known[known.length / 2]!) / 2;
  return selectors.map((s) => (s.runtime?.expected !== undefined && s.runtime.expected > 0 ? s.runtime.expected : median));
}

/** Every shard's selectors, in input order within each shard. */
export function splitIntoShards(selectors: readonly Selector[], count: number): Selector[][] {
  const weights = shardWeights(selectors);
  const order = selectors.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  const loads = new Array<number>(count).fill(0);
  const members: number[][] = Array.from({ length: count }, () => []);
  for (const i of order) {
    let lightest = 0;
    for (let k = 1; k < count; k++) if (loads[k]! < loads[lightest]!) lightest = k;
    loads[lightest]! += weights[i]!;
    members[lightest]!.push(i);
  }
  return members.map((m) => m.sort((a, b) => a - b).map((i) => selectors[i]!));
}

/** The selectors of shard K of N. */
export function pickShard(selectors: readonly Selector[], shard: ShardSpec): Selector[] {
  return splitIntoShards(selectors, shard.count)[shard.index - 1] ?? [];
}
