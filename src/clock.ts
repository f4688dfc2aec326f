// The generation time: --now, else SOURCE_DATE_EPOCH (reproducible builds), else the clock.
// A --now without a zone is read as UTC, so the same command line gives the same brief on
// every machine, whatever its time zone.
import { UsageError } from './errors.js';
import { isCalendarDate } from './text/dates.js';

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function resolveNow(now: string | undefined, env: NodeJS.ProcessEnv, clock: () => Date = () => new Date()): Date {
  if (now !== undefined) return parseNow(now);
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    const d = /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
    if (!d || Number.isNaN(d.getTime())) {
      throw new UsageError(`SOURCE_DATE_EPOCH: "${epoch}" is not a whole number of seconds since 1970 that gives a date`);
    }
    return d;
  }
  return clock();
}

function parseNow(now: string): Date {
  const m = ISO.exec(now.trim());
  const bad = (): never => {
    throw new UsageError(`--now: "${now}" is not an ISO date or time; use e.g. 2025-10-19 or 2025-10-19T20:58:32Z (no zone means UTC)`);
  };
  if (!m || !isCalendarDate(m[1]!)) return bad();
  const [, date, hh = '00', mm = '00', ss = '00', zone = 'Z'] = m;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return bad();
  const fraction = /\.\d+/.exec(now)?.[0] ?? '';
  const d = new Date(`${date}T${hh}:${mm}:${ss}${fraction}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isNaN(d.getTime()) ? bad() : d;
}
