// The small text grammars of the input format (docs/input-format.md): durations, dates, report stamps and
// follow-up cadences. Pure functions; the regular expressions are also exported so the zod
// schema (and through it the JSON Schema an editor reads) uses the very same grammar.
import { isCalendarDate } from '../text/dates.js';

// A date is checked the way --now is (text/dates.ts); named here with the other grammars.
export { DATE_PATTERN, isCalendarDate } from '../text/dates.js';

/** `90s`, `2m`, `1h30m`, `1.5s`, or a bare number of seconds as text (`"90"`). */
export const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?|(?=\d)(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?)$/;

/** Seconds in a duration (number of seconds, or text per DURATION_PATTERN); undefined if malformed. */
export function parseDuration(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const m = DURATION_PATTERN.exec(value.trim());
  if (!m) return undefined;
  if (m[1] === undefined && m[2] === undefined && m[3] === undefined) return Number(value.trim());
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** Report-folder stamp `YYYY-MM-DDTHHmmssZ`, e.g. `2025-10-19T205832Z`. */
export const STAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{6}Z$/;

export function isValidStamp(text: string): boolean {
  if (!STAMP_PATTERN.test(text)) return false;
  const hh = Number(text.slice(11, 13));
  const mm = Number(text.slice(13, 15));
  const ss = Number(text.slice(15, 17));
  return isCalendarDate(text.slice(0, 10)) && hh < 24 && mm < 60 && ss < 60;
}

/** A follow-up's cadence, parsed. */
export type Cadence =
  | { kind: 'per-pr' }
  | { kind: 'on-change' }
  | { kind: 'nightly' }
  | { kind: 'daily' }
  | { kind: 'weekly' }
  | { kind: 'monthly' }
  | { kind: 'every'; count: number; unit: 'days' | 'weeks' };

export const CADENCE_PATTERN = /^(?:per-pr|on-change|nightly|daily|weekly|monthly|every [1-9]\d* (?:days?|weeks?))$/;

export const CADENCE_HELP =
  'use per-pr, nightly, daily, weekly, monthly, "every N days", "every N weeks" or on-change';

/** The cadence a follow-up's `cadence:` text names; undefined if it is not one. */
export function parseCadence(text: string): Cadence | undefined {
  const t = text.trim();
  if (!CADENCE_PATTERN.test(t)) return undefined;
  const every = /^every (\d+) (day|week)s?$/.exec(t);
  if (every) return { kind: 'every', count: Number(every[1]), unit: every[2] === 'day' ? 'days' : 'weeks' };
  return { kind: t as Exclude<Cadence['kind'], 'every'> } as Cadence;
}
