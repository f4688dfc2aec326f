// The shard split: deterministic, every selector in exactly one shard, balanced by expected runtime.
import { pickShard, splitIntoShards } from '../../src/evidence/shard.js';
import { makeSelector } from './loaded.js';

const selector = (i: number, expected?: number) => makeSelector({ id: `s${i}`, run: `pytest tests/t${i}.py`, runtime: expected === undefined ? undefined : { expected } });

test('40 selectors with mixed runtimes: each in one shard, the longest shard within 1.2× of the ideal split', () => {
  // A long tail and a few heavy ones, as a real suite has: 2 s … 180 s.
  const runtimes = Array.from({ length: 40 }, (_, i) => [2, 3, 5, 8, 13, 21, 34, 55, 90, 180][i % 10]! + (i % 7));
  const selectors = runtimes.map((r, i) => selector(i, r));
  for (const n of [2, 3, 4, 5]) {
    const shards = splitIntoShards(selectors, n);
    expect(shards.flat().map((s) => s.id).sort()).toEqual(selectors.map((s) => s.id).sort());
    const loads = shards.map((shard) => shard.reduce((sum, s) => sum + s.runtime!.expected!, 0));
    const ideal = runtimes.reduce((a, b) => a + b, 0) / n;
    expect(Math.max(...loads) / ideal).toBeLessThanOrEqual(1.2);
  }
});

test('the same split every time, input order kept inside a shard; pickShard gives shard K', () => {
  const selectors = [selector(0, 10), selector(1), selector(2, 30), selector(3), selector(4, 20)];
  const a = splitIntoShards(selectors, 2).map((s) => s.map((x) => x.id));
  expect(splitIntoShards([...selectors], 2).map((s) => s.map((x) => x.id))).toEqual(a);
  for (const shard of a) expect(shard).toEqual([...shard].sort());
  expect(pickShard(selectors, { index: 2, count: 2 }).map((s) => s.id)).toEqual(a[1]);
  // Without runtime.expected a selector weighs the median (20): 30 + 20 against 20 + 20 + 10.
  expect(a).toEqual([['s2', 's4'], ['s0', 's1', 's3']]);
});

test('more shards than selectors: the extra shards are empty', () => {
  expect(splitIntoShards([selector(0)], 3).map((s) => s.length)).toEqual([1, 0, 0]);
});

test('without runtime.expected a selector weighs its last run\'s duration; runtime.expected wins over it', () => {
  const selectors = [selector(0), selector(1), selector(2), selector(3, 4)];
  // Input alone: s0..s2 weigh the median (4), so LPT deals them out in input order.
  expect(splitIntoShards(selectors, 2).map((s) => s.map((x) => x.id))).toEqual([['s0', 's2'], ['s1', 's3']]);
  // The last run: s2 took 9 s, s1 1 s; s3's 100 s in that run does not beat its runtime.expected of 4.
  const last = new Map([['s1', 1], ['s2', 9], ['s3', 100]]);
  // s0 weighs the median of 1, 4 and 9 (4): 9 | 4 + 4 + 1.
  expect(splitIntoShards(selectors, 2, last).map((s) => s.map((x) => x.id))).toEqual([['s2'], ['s0', 's1', 's3']]);
});
