// The run history (docs/followups.md): `<out>/<brief.id>.history.jsonl`, one JSON line per `run` or
// `merge`, append-only. Follow-up due dates count from it (followups/due-dates.ts), `handoff due`
// reads it across briefs, and the brief's "Changes since" compares with its previous line.
// One zod schema (below) is the format; lines are read with JSON.parse (history-read.ts), not
// the YAML reader: a history is JSON lines, not a document, and is read from its tail.
import { createHash } from 'node:crypto';
import * as z from '../input/zod.js';
import { appendLine } from '../io/append-line.js';
import { historyPath } from './out-layout.js';
import { CountsSchema, EXPECTS, OUTCOMES, type Counts, type EvidenceManifest, type Outcome } from './manifest.js';

/** The format version of a history line; a line with a higher one is skipped (a newer handoff wrote it). */
export const HISTORY_VERSION = 1;

const HistorySelectorSchema = z.object({
  id: z.string(),
  outcome: z.enum(OUTCOMES),
  expect: z.enum(EXPECTS),
  met: z.boolean(),
  duration_s: z.number().check(z.nonnegative()),
  /** pytest's counts; zero counts are left out to keep lines short. */
  counts: z.partial(CountsSchema),
});

/**
 * One line. Not strict: a field a newer handoff adds is ignored (and stays in the file, which
 * is never rewritten).
 */
export const HistoryEntrySchema = z.object({
  version: z.literal(HISTORY_VERSION),
  /** When the run started its manifest (`generated_at`), ISO 8601 UTC. */
  time: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, { error: 'expected an ISO 8601 UTC time such as 2025-10-19T20:58:32Z' })),
  /** The handoff version that wrote the line. */
  tool: z.string(),
  /** What wrote it: `run` or `merge`. */
  source: z.enum(['run', 'merge']),
  /** The input file (relative to the history's folder) and the sha256 of its text. */
  input: z.nullable(z.object({ file: z.string(), sha256: z.string() })),
  /** sha256 of the manifest text this run wrote: which history line a manifest belongs to. */
  manifest_sha256: z.string(),
  commit: z.nullable(z.string()),
  dirty: z.nullable(z.boolean()),
  selectors: z.array(HistorySelectorSchema),
});

export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type HistorySelector = HistoryEntry['selectors'][number];

/** A selector's most recent run in the history. */
export interface SelectorRun {
  /** ISO 8601 UTC. */
  time: string;
  met: boolean;
  outcome: Outcome;
}

/** Selector id → its most recent run. */
export type LastRuns = ReadonlyMap<string, SelectorRun>;

/** Each selector's most recent run, from entries newest first (pure). */
export function findLastRuns(newestFirst: readonly HistoryEntry[]): Map<string, SelectorRun> {
  const runs = new Map<string, SelectorRun>();
  for (const entry of newestFirst) {
    for (const s of entry.selectors) if (!runs.has(s.id)) runs.set(s.id, { time: entry.time, met: s.met, outcome: s.outcome });
  }
  return runs;
}

/** A stop rule for readHistoryTail: every one of these selectors has a run among the entries read. */
export function hasRunOf(ids: Iterable<string>): (newestFirst: readonly { entry: HistoryEntry }[]) => boolean {
  const wanted = new Set(ids);
  const seen = new Set<string>();
  let checked = 0;
  return (records) => {
    for (; checked < records.length; checked++) for (const s of records[checked]!.entry.selectors) if (wanted.has(s.id)) seen.add(s.id);
    return seen.size === wanted.size;
  };
}

export function sha256Text(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function nonZero(counts: Counts): Partial<Counts> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0 && n !== undefined)) as Partial<Counts>;
}

/** Zero for every count a line left out. */
export function fullCounts(counts: Partial<Counts>): Counts {
  return { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0, ...counts };
}

/** The history line of a manifest (pure). */
export function createHistoryEntry(manifest: EvidenceManifest, manifestText: string, source: 'run' | 'merge'): HistoryEntry {
  return {
    version: HISTORY_VERSION,
    time: manifest.generated_at,
    tool: manifest.tool.version,
    source,
    input: manifest.input ? { file: manifest.input.file, sha256: manifest.input.sha256 } : null,
    manifest_sha256: sha256Text(manifestText),
    commit: manifest.repo.commit,
    dirty: manifest.repo.dirty,
    selectors: manifest.selectors.map((s) => ({
      id: s.id,
      outcome: s.outcome,
      expect: s.expect,
      met: s.met,
      duration_s: s.duration_s,
      counts: nonZero(s.counts),
    })),
  };
}

/** The line as written: one JSON object, no newline inside (JSON.stringify escapes them). */
export function formatHistoryLine(entry: HistoryEntry): string {
  return JSON.stringify(entry);
}

export interface AppendHistoryOptions {
  outDir: string;
  briefId: string;
  /** The line to append (createHistoryEntry). */
  entry: HistoryEntry;
  /** How paths are named in messages. */
  display?: (path: string) => string;
}

/**
 * Appends one line to `<out>/<brief id>.history.jsonl` (created when missing): one O_APPEND
 * write of the whole line, so runs that finish at once never interleave or lose a line
 * (io/append-line.ts). Returns the file's path.
 */
export async function appendHistory(options: AppendHistoryOptions): Promise<string> {
  const path = historyPath(options.outDir, options.briefId);
  await appendLine(path, formatHistoryLine(options.entry), { display: options.display?.(path) ?? path, what: 'the evidence and brief are in place, but this run is missing from the history' });
  return path;
}

/** `merge` and any later writer: the line of a manifest, appended. */
export async function appendManifestToHistory(
  options: Omit<AppendHistoryOptions, 'entry'> & { manifest: EvidenceManifest; manifestText: string; source: 'run' | 'merge' },
): Promise<string> {
  return appendHistory({ ...options, entry: createHistoryEntry(options.manifest, options.manifestText, options.source) });
}
