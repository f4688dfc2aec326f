// The two styles of Attempts History entry, read and written:
// - numbered:    `* [2025-10-19] Attempt #43 — Summary. Artifacts: \`a\``
// - timestamped: `- *2026-02-03T12:40:00Z (label):* Summary. Artifacts: \`a\`.`
// and which way a list runs (oldest first, the default, or newest first). Pure.

export type EntryStyle = 'numbered' | 'timestamped';

export interface ParsedEntry {
  style: EntryStyle | null;
  /** Attempt number of a numbered entry. */
  number: number | null;
  /** Date (YYYY-MM-DD) of either style; null when the entry has none. */
  date: string | null;
  /** Full time of a timestamped entry, as written. */
  time: string | null;
  label: string | null;
  /** The text after the date/number or time prefix. */
  rest: string;
}

/** What a new entry says, before it takes an item's style. */
export interface NewEntry {
  date: string;
  /** UTC instant of a timestamped entry; required for that style. */
  time?: Date;
  label?: string;
  summary: string;
  artifacts: string[];
  /** The brief inside the one artifact folder listed, cited after it: `` `dir/` (brief `dir/id.md`) ``. */
  brief?: string;
}

const NUMBERED = /^\[(\d{4}-\d{2}-\d{2})\]\s*Attempt\s*#(\d+)\s*(?:[—–-]+\s*)?([\s\S]*)$/i;
const ATTEMPT_NUMBER = /Attempt\s*#(\d+)/i;
const TIMESTAMPED = /^([*_]{1,2})(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?(?:\s*\(([^)]*)\))?\s*:\1\s*([\s\S]*)$/;
const NEWEST_FIRST = /newest[ -]first|most[ -]recent[ -]first|latest[ -]first|reverse[ -]chronological/i;

export function parseEntry(content: string): ParsedEntry {
  const stamped = TIMESTAMPED.exec(content);
  if (stamped) {
    const time = stamped[3] ? `${stamped[2]}${stamped[3]}` : stamped[2]!;
    return { style: 'timestamped', number: null, date: stamped[2]!, time, label: stamped[4]?.trim() ?? null, rest: stamped[5]!.trim() };
  }
  const numbered = NUMBERED.exec(content);
  if (numbered) {
    return { style: 'numbered', number: Number(numbered[2]), date: numbered[1]!, time: null, label: null, rest: numbered[3]!.trim() };
  }
  // 0.1.0 counted any "Attempt #N" in an entry, whatever came before it.
  const loose = ATTEMPT_NUMBER.exec(content);
  return { style: loose ? 'numbered' : null, number: loose ? Number(loose[1]) : null, date: /^\[(\d{4}-\d{2}-\d{2})\]/.exec(content)?.[1] ?? null, time: null, label: null, rest: content.trim() };
}

/** The style of an item's entries: timestamped if any is, else numbered. */
export function detectStyle(entries: readonly ParsedEntry[]): EntryStyle | null {
  if (entries.some((e) => e.style === 'timestamped')) return 'timestamped';
  return entries.some((e) => e.style === 'numbered') ? 'numbered' : null;
}

/**
 * Newest first when the item says so (its heading or history label: "newest first", "most
 * recent first", "reverse chronological"), or when its entries' times never go up and go down
 * at least once. Anything else (including 0.1.0's out-of-order numbers) is oldest first.
 */
export function isNewestFirst(said: string, entries: readonly ParsedEntry[]): boolean {
  if (NEWEST_FIRST.test(said)) return true;
  const times = entries.map((e) => e.time ?? e.date).filter((t): t is string => t !== null);
  if (times.length < 2) return false;
  let down = false;
  for (let i = 1; i < times.length; i++) {
    const c = compareTimes(times[i - 1]!, times[i]!);
    if (c < 0) return false;
    if (c > 0) down = true;
  }
  return down;
}

/** ISO-ish times of either precision compare as text once the separators are gone. */
function compareTimes(a: string, b: string): number {
  const key = (t: string): string => t.replace(/[^\dT]/g, '').padEnd(15, '0');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** A UTC time written like `sample` (minutes, seconds, or the compact report stamp). */
export function formatTimeLike(time: Date, sample: string | null): string {
  const iso = time.toISOString();
  if (sample && /^\d{4}-\d{2}-\d{2}T\d{6}Z$/.test(sample)) return `${iso.slice(0, 10)}T${iso.slice(11, 19).replace(/:/g, '')}Z`;
  if (sample && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/.test(sample)) return `${iso.slice(0, 16)}Z`;
  return `${iso.slice(0, 19)}Z`;
}

export interface EntryFormat {
  style: EntryStyle;
  number: number;
  /** An existing entry's time, for the precision to write. */
  timeSample: string | null;
  /** Existing entries end their artifact list with a period. */
  period: boolean;
  /** How existing entries end a summary that ends in a word before `Artifacts:` (default `;`). */
  separator?: '.' | ';';
}

/** The entry text after the bullet marker. */
export function formatEntry(entry: NewEntry, format: EntryFormat): string {
  const summary = entry.summary.replace(/\s*[\r\n]\s*/g, ' ').trim();
  const brief = entry.brief !== undefined ? ` (brief ${formatCodeSpan(entry.brief)})` : '';
  const paths = `${entry.artifacts.map(formatCodeSpan).join(', ')}${entry.artifacts.length > 0 ? brief : ''}`;
  // "…published. Artifacts:" as the entries beside it write it, else "…published; Artifacts:":
  // a summary that ends in a word is not run into the list.
  const separator = /[\p{L}\p{N})\]`*_]$/u.test(summary) ? (format.separator ?? ';') : '';
  const tail = `${summary}${paths ? `${separator} Artifacts: ${paths}${format.period ? '.' : ''}` : ''}`;
  if (format.style === 'numbered') return `[${entry.date}] Attempt #${format.number} — ${tail}`;
  const label = entry.label?.replace(/\s+/g, ' ').trim();
  return `*${formatTimeLike(entry.time!, format.timeSample)}${label ? ` (${label})` : ''}:* ${tail}`;
}

/** The same entry again: same day, label, summary and artifacts (the number and time of day aside). */
export function isSameEntry(existing: ParsedEntry, wanted: ParsedEntry): boolean {
  // An entry written before the separator came in is the same entry.
  const norm = (s: string): string => s.replace(/\s+/g, ' ').replace(/\.$/, '').replace(/[;:.] Artifacts:/, ' Artifacts:').trim();
  return (
    existing.style === wanted.style &&
    existing.date === wanted.date &&
    (existing.label ?? '') === (wanted.label ?? '') &&
    norm(existing.rest) === norm(wanted.rest)
  );
}

/** Entries that list artifacts end that list with a period (`` `a`. ``). */
export function endsWithPeriod(contents: readonly string[]): boolean {
  const withArtifacts = contents.filter((c) => /Artifacts:/.test(c));
  return withArtifacts.length > 0 && withArtifacts.every((c) => /`\.\s*$/.test(c));
}

/**
 * How existing entries end a summary before ` Artifacts:`, when it ends in a word or bracket:
 * with a period (`parity reached. Artifacts:`) or a semicolon, whichever more of them use;
 * undefined when none shows (a summary that ends in other punctuation shows nothing).
 */
export function artifactsSeparator(contents: readonly string[]): '.' | ';' | undefined {
  let periods = 0;
  let semicolons = 0;
  for (const c of contents) {
    const m = /([\p{L}\p{N})\]`*_])([.;]?) Artifacts:/u.exec(c);
    if (m?.[2] === '.') periods++;
    if (m?.[2] === ';') semicolons++;
  }
  if (periods === 0 && semicolons === 0) return undefined;
  return periods > semicolons ? '.' : ';';
}

/** A path as a code span that survives backticks inside it (CommonMark: a longer fence). */
export function formatCodeSpan(path: string): string {
  const runs = path.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = runs.length > 0 ? ' ' : '';
  return `${fence}${pad}${path}${pad}${fence}`;
}
