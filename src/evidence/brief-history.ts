// What a brief takes from the run history (docs/followups.md): each selector's last run (follow-up due
// dates and the "Last run" column) and the run before its evidence, which "Changes since"
// compares it with (render/changes.ts). Only the history's tail is read: back to the oldest of
// those lines, never the whole file.
import type { HandoffInput } from '../input/model.js';
import { formatDate } from '../text/format-date.js';
import { fullCounts, findLastRuns, formatHistoryLine, sha256Text, type HistoryEntry, type LastRuns } from './history.js';
import { readHistoryTail, type HistoryRecord } from './history-read.js';
import type { Counts, EvidenceManifest, Outcome } from './manifest.js';
import { historyPath } from './out-layout.js';

/** A run's results, from a history line or a manifest: what "Changes since" compares. */
export interface RunSnapshot {
  /** ISO 8601 UTC. */
  time: string;
  selectors: ReadonlyArray<{ id: string; outcome: Outcome; met: boolean; duration_s: number; counts: Counts }>;
}

/** The evidence a brief shows and the run it is compared with. */
export interface RunComparison {
  previous: RunSnapshot;
  current: RunSnapshot;
  /** What the previous run was: `the previous run`, a manifest's path, a hand-over. */
  against: string;
}

export interface BriefHistory {
  /** Absolute path of the history file (watched by `handoff watch`). */
  path: string;
  lastRuns: LastRuns;
  /** Day of the newest run in the history, or null when there is none. */
  newestDay: string | null;
  /** The evidence and the run before it (or `compare`); null without evidence or an earlier run. */
  compared: RunComparison | null;
  /** The history lines the brief was built from, hashed into its provenance comment ('' for none). */
  usedText: string;
  /** Lines skipped, `file:line: why`. */
  notes: string[];
  /** Every line read (and run's pending one), newest first: the runtime charts draw from them. */
  records: readonly HistoryRecord[];
  /**
   * With `readOn`: every line read, newest first, further back than the brief's own lines where
   * `readOn` asked for more (not the pending one). Otherwise the same lines as `records`.
   */
  linesRead: readonly HistoryRecord[];
}

/** A brief that reads no history: no last runs, no changes. */
export function noBriefHistory(outDir: string, briefId: string): BriefHistory {
  return { path: historyPath(outDir, briefId), lastRuns: new Map(), newestDay: null, compared: null, usedText: '', notes: [], records: [], linesRead: [] };
}

export interface BriefHistoryOptions {
  outDir: string;
  input: HandoffInput;
  /** The evidence the brief shows: compared with the run before it. */
  evidence?: { text: string; manifest: EvidenceManifest };
  /** `render --compare MANIFEST`: compared with this instead of the history. */
  compare?: { path: string; manifest: EvidenceManifest };
  /** How "Changes since" names `compare` (default: its path). */
  compareLabel?: string;
  /** How it names the previous run of the history (default: "the previous run"). */
  previousRunLabel?: string;
  /** `run`'s own line, rendered into the brief before it is appended (after the swap). */
  pending?: HistoryEntry;
  /** How paths are named in messages. */
  display: (path: string) => string;
  /**
   * The runtime charts: read on until every selector has this many runs, or this many lines
   * were read (whatever else the brief needs is read in any case).
   */
  trend?: { runs: number; lines: number };
  /**
   * Read on (newest first) until this holds too: `site` reads the history once, for the brief
   * and for its own page. The brief is made from the lines its own rule reads, whatever else
   * was read, so it is the same brief as `render` makes.
   */
  readOn?: (newestFirst: readonly HistoryRecord[]) => boolean;
}

function snapshotOfEntry(entry: HistoryEntry): RunSnapshot {
  return { time: entry.time, selectors: entry.selectors.map((s) => ({ ...s, counts: fullCounts(s.counts) })) };
}

function snapshotOfManifest(manifest: EvidenceManifest): RunSnapshot {
  return { time: manifest.generated_at, selectors: manifest.selectors };
}

/**
 * The run before the evidence: the line after (older than) the evidence's own line, found by
 * the manifest's sha256; without such a line, the newest line older than the evidence; null
 * when there is none (the first run).
 */
function findPrevious(newestFirst: readonly HistoryRecord[], sha: string, time: string): HistoryRecord | null {
  let matched = false;
  for (const record of newestFirst) {
    if (matched) return record;
    if (record.entry.manifest_sha256 === sha) matched = true;
    else if (record.entry.time < time) return record;
  }
  return null;
}

/**
 * Enough of the history has been read (newest first) once every selector has a run in it and,
 * when wanted, the run before the evidence is known. Incremental: each line is looked at once.
 */
function stopRule(
  ids: readonly string[],
  pending: HistoryRecord | null,
  previous: { sha: string; time: string } | null,
  trend?: { runs: number; lines: number },
): (newestFirst: readonly HistoryRecord[]) => boolean {
  const missing = new Set(ids);
  let matched = false;
  let found = previous === null;
  // Selector id → runs still wanted for its chart.
  const short = new Map(trend ? ids.map((id) => [id, trend.runs]) : []);
  let seen = 0;
  const look = (record: HistoryRecord): void => {
    seen++;
    for (const s of record.entry.selectors) {
      missing.delete(s.id);
      const wanted = short.get(s.id);
      if (wanted !== undefined) {
        if (wanted <= 1) short.delete(s.id);
        else short.set(s.id, wanted - 1);
      }
    }
    if (found || !previous) return;
    if (matched || (record.entry.manifest_sha256 !== previous.sha && record.entry.time < previous.time)) found = true;
    else if (record.entry.manifest_sha256 === previous.sha) matched = true;
  };
  if (pending) look(pending);
  let checked = 0;
  return (records) => {
    for (; checked < records.length; checked++) look(records[checked]!);
    return missing.size === 0 && found && (short.size === 0 || seen >= trend!.lines);
  };
}

/**
 * The history lines a brief of this input will read, read now: `run` calls it before running
 * anything, so that a damaged history stops it at once (exit 2) rather than after the tests.
 */
export async function checkBriefHistory(outDir: string, input: HandoffInput, display: (path: string) => string): Promise<void> {
  const path = historyPath(outDir, input.brief.id);
  await readHistoryTail(path, { display: display(path), enough: stopRule(input.selectors.map((s) => s.id), null, null) });
}

export async function loadBriefHistory(options: BriefHistoryOptions): Promise<BriefHistory> {
  const path = historyPath(options.outDir, options.input.brief.id);
  const pending: HistoryRecord | null = options.pending ? { offset: Number.POSITIVE_INFINITY, text: formatHistoryLine(options.pending), entry: options.pending } : null;
  const ids = options.input.selectors.map((s) => s.id);
  const evidence = options.evidence;
  const sha = evidence ? sha256Text(evidence.text) : '';
  const wantPrevious = evidence !== undefined && options.compare === undefined;
  const enough = stopRule(ids, pending, wantPrevious ? { sha, time: evidence!.manifest.generated_at } : null, options.trend);
  const readOn = options.readOn;
  // Both rules see every line as it is read; the brief keeps the lines up to where its own was met.
  let ownLines: number | undefined;
  const tail = await readHistoryTail(path, {
    display: options.display(path),
    enough: (records) => {
      if (ownLines === undefined && enough(records)) ownLines = records.length;
      return ownLines !== undefined && (readOn === undefined || readOn(records));
    },
  });
  const linesRead = [...tail.records].reverse();
  const newestFirst = [...(pending ? [pending] : []), ...linesRead.slice(0, ownLines ?? linesRead.length)];
  const lastRuns = findLastRuns(newestFirst.map((r) => r.entry));
  const used = new Set<HistoryRecord>();
  for (const id of ids) {
    const record = newestFirst.find((r) => r.entry.selectors.some((s) => s.id === id));
    if (record) used.add(record);
  }

  let compared: RunComparison | null = null;
  if (evidence && options.compare) {
    compared = {
      previous: snapshotOfManifest(options.compare.manifest),
      current: snapshotOfManifest(evidence.manifest),
      against: options.compareLabel ?? options.display(options.compare.path),
    };
  } else if (evidence) {
    const previous = findPrevious(newestFirst, sha, evidence.manifest.generated_at);
    if (previous) {
      used.add(previous);
      compared = { previous: snapshotOfEntry(previous.entry), current: snapshotOfManifest(evidence.manifest), against: options.previousRunLabel ?? 'the previous run' };
    }
  }
  const newest = newestFirst[0]?.entry.time;
  return {
    path,
    lastRuns,
    newestDay: newest ? formatDate(newest) : null,
    compared,
    usedText: [...used].sort((a, b) => a.offset - b.offset).map((r) => r.text).join('\n'),
    notes: tail.notes,
    records: newestFirst,
    linesRead,
  };
}
