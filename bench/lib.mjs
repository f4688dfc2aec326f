// Shared measuring helpers for `npm run bench`. Figures are medians of alternating runs so
// that two commands compared side by side see the same machine load.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall time of one synchronous command, in ms. Throws if it exits non-zero (unless allowed). */
export function timeCommand(cmd, args, options = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const ms = performance.now() - t0;
  const ok = options.okCodes ?? [0];
  if (!ok.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs each thunk `runs` times, alternating a,b,a,b…; returns medians in ms by name. */
export function alternate(thunks, runs = 10) {
  const times = Object.fromEntries(Object.keys(thunks).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [k, f] of Object.entries(thunks)) times[k].push(f());
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

export function line(label, value, target) {
  console.log(`${label.padEnd(58)} ${String(value).padStart(12)}${target ? `   (target ${target})` : ''}`);
}

/**
 * HANDOFF_BENCH_BASELINE: the bin/handoff.js of another build (e.g. 0.1.0 in a worktree), timed
 * alternately with this one where both can run the same command, so a figure that depends on
 * the machine's speed of the day comes with the same figure of the other version.
 */
export const BASELINE = process.env.HANDOFF_BENCH_BASELINE || undefined;
