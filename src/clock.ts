// The generation time: --now, else SOURCE_DATE_EPOCH (reproducible builds), else the clock.
import { UsageError } from './errors.js';

export function resolveNow(now: string | undefined, env: NodeJS.ProcessEnv, clock: () => Date = () => new Date()): Date {
  if (now !== undefined) {
    const d = new Date(now);
    if (!/^\d{4}-\d{2}-\d{2}/.test(now) || Number.isNaN(d.getTime())) {
      throw new UsageError(`--now: "${now}" is not an ISO date or time; use e.g. 2025-10-19T20:58:32Z`);
    }
    return d;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) {
      throw new UsageError(`SOURCE_DATE_EPOCH: "${epoch}" is not a whole number of seconds since 1970`);
    }
    return new Date(Number(epoch) * 1000);
  }
  return clock();
}
