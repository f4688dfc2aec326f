// `run --shard K/N` (docs/ci.md): a deterministic, runtime-balanced part of the selectors. A selector
// weighs its `runtime.expected`, else its duration in the last manifest of `--out` (when there is
// one for this brief), else the median of the others' weights (1 when no selector has one). So the
// split depends only on the input and that manifest: every machine of a CI matrix that starts from
// the same `--out` (an empty one, in the generated workflow) computes the same split, and `merge`
// finds each selector exactly once — or names the selectors the parts disagree on, and says when
// they were split from different last runs. Longest first onto the lightest shard (LPT), ties by
// input order and shard number.
import type { Selector } from '../input/model.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export function formatShard(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}

/** Seconds each selector took in the last run, by id (from `<out>/<brief.id>.evidence.json`). */
export type LastDurations = ReadonlyMap<string, number>;

/** The expected seconds each selector weighs in the split. */
export function shardWeights(selectors: readonly Selector[], last: LastDurations = new Map()): number[] {
  const own = selectors.map((s) => {
    const expected = s.runtime?.expected;
    if (expected !== undefined && expected > 0) return expected;
    const took = last.get(s.id);
    return took !== undefined && took > 0 ? took : undefined;
  });
  const known = own.filter((w): w is number => w !== undefined).sort((a, b) => a - b);
  const median = known.length === 0 ? 1 : known.length % 2 === 1 ? known[known.length >> 1]! : (known[known.length / 2 - 1]! + known[known.length / 2]!) / 2;
  return own.map((w) => w ?? median);
}

/** Every shard's selectors, in input order within each shard. */
export function splitIntoShards(selectors: readonly Selector[], count: number, last?: LastDurations): Selector[][] {
  const weights = shardWeights(selectors, last);
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
export function pickShard(selectors: readonly Selector[], shard: ShardSpec, last?: LastDurations): Selector[] {
  return splitIntoShards(selectors, shard.count, last)[shard.index - 1] ?? [];
}
