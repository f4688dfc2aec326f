// `handoff due <input…>` (SPEC §12): the live view of every follow-up of every input given,
// from the run histories in --out, judged on --now: one table sorted by due date (or one JSON
// document), exit 1 when one is overdue or its last run failed, and with --ics a calendar.
// Every input and history is read before anything is written: any problem in any of them is
// reported, all together, with exit 2 and no calendar written.
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { InputError, UsageError, type Problem } from '../errors.js';
import { findLastRuns, hasRunOf } from '../evidence/history.js';
import { historyPath } from '../evidence/out-layout.js';
import { readHistoryTail } from '../evidence/history-read.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import { expandInputPatterns, type InputArgument } from '../io/input-patterns.js';
import type { LoadedInput } from '../input/model.js';
import { displayPath } from '../input/repo-dir.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { formatDueTable, isLate, listDue, summariseDue, toDueJson, type DueBrief, type DueRow } from '../render/due-list.js';
import { formatDate } from '../render/format.js';
import { formatCommandLine } from '../text/shell-words.js';
import { TOOL_VERSION } from '../version.js';

export interface DueOptions {
  inputs: string[];

  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  now?: string;
  /** --within, as typed (`7d`, `2w`, `36h`). */
  within?: string;
  json: boolean;
  /** --ics FILE. */
  ics?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface DueResult {
  rows: DueRow[];
  /** Follow-ups overdue, or whose last run did not meet its expect. */
  late: number;
  icsPath?: string;
}

const UNITS: Record<string, number> = { w: 7 * 86_400, d: 86_400, h: 3600, m: 60, s: 1 };

/** `7d`, `2w`, `1w2d`, `36h`, `90m` → seconds. */
export function parseWithin(text: string): number {
  const parts = [...text.trim().matchAll(/(\d+)([wdhms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.trim()) {
    throw new UsageError(`--within: "${text}" is not a length of time; use e.g. 7d, 2w, 36h or 1w2d`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
}

/** Each input once (a glob and a name can both match one file), in the order given. */
function uniqueInputs(args: readonly InputArgument[], cwd: string): InputArgument[] {
  const seen = new Set<string>();
  return args.filter(({ file }) => {
    const abs = resolve(cwd, file);
    if (seen.has(abs)) return false;
    seen.add(abs);
    return true;
  });
}

/**
 * Where a brief's run history is: `<out>/<brief id>.history.jsonl`, else (a fresh clone, where the
 * output folder is empty) the copy in the newest published hand-over of the brief.
 */
async function findHistory(l: LoadedInput, options: DueOptions): Promise<string> {
  const outDir = await resolveOutDir(options.out, l.absPath, options.cwd);
  const inOut = historyPath(outDir, l.data.brief.id);
  if (await exists(inOut)) return inOut;
  const { findHandovers } = await import('../evidence/find-handovers.js');
  for (const handover of await findHandovers(l)) {
    const published = historyPath(handover.dir, l.data.brief.id);
    if (await exists(published)) return published;
  }
  return inOut;
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function loadAll(options: DueOptions): Promise<{ briefs: Array<DueBrief & { loaded: LoadedInput }>; notes: string[] }> {
  // Problems per input, reported in the order the inputs were given, inputs before histories.
  // A pattern that matched nothing stays in its place among the inputs, as its problem.
  const inputs = uniqueInputs(await expandInputPatterns(options.inputs, options.cwd), options.cwd);
  const inputProblems: Problem[][] = inputs.map((a) => (a.problem ? [a.problem] : []));
  const historyProblems: Problem[][] = inputs.map(() => []);
  const keep = (error: unknown, into: Problem[]): null => {
    if (!(error instanceof InputError)) throw error;
    into.push(...error.problems);
    return null;
  };
  const loaded = await Promise.all(
    inputs.map(({ file, problem }, i) => (problem ? null : loadInput({ file, cwd: options.cwd, repo: options.repo }).catch((error: unknown) => keep(error, inputProblems[i]!)))),
  );
  const notes: string[] = [];
  const histories = await Promise.all(loaded.map((l) => (l ? findHistory(l, options) : null)));
  const seen = new Map<string, string>();
  for (const [i, l] of loaded.entries()) {
    const path = histories[i];
    if (!l || !path) continue;
    const other = seen.get(path);
    if (other !== undefined) notes.push(`${l.file} and ${other} are both brief "${l.data.brief.id}": they share the history ${displayPath(path, options.cwd)}`);
    else seen.set(path, l.file);
  }
  const tails = await Promise.all(
    loaded.map((l, i) => {
      const path = histories[i];
      if (!l || !path) return null;
      const enough = hasRunOf(l.data.followups.flatMap((f) => f.selectors));
      return readHistoryTail(path, { display: displayPath(path, options.cwd), enough }).catch((error: unknown) => keep(error, historyProblems[i]!));
    }),
  );
  const problems = [...inputProblems.flat(), ...historyProblems.flat()];
  if (problems.length > 0) {
    const files = new Set(problems.map((p) => p.file)).size;
    const list = problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n');
    throw new InputError(problems, `${list}\n${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; nothing written`);
  }
  const briefs: Array<DueBrief & { loaded: LoadedInput }> = [];
  for (const [i, l] of loaded.entries()) {
    const tail = tails[i];
    if (!l || !tail) continue;
    notes.push(...tail.notes);
    briefs.push({ loaded: l, input: l.data, file: l.file, lastRuns: findLastRuns([...tail.records].reverse().map((r) => r.entry)) });
  }
  return { briefs, notes };
}

export async function runDue(options: DueOptions): Promise<DueResult> {
  const now = resolveNow(options.now, options.env);
  const withinS = options.within !== undefined ? parseWithin(options.within) : undefined;
  if (options.ics === '') throw new UsageError('--ics needs a file name, e.g. --ics follow-ups.ics, or - for stdout');
  const icsToStdout = options.ics === '-';
  if (icsToStdout && options.json) throw new UsageError('--ics - and --json both print on stdout; write the calendar to a file (--ics FILE)');
  const { briefs, notes } = await loadAll(options);
  for (const note of notes) options.console.err(`${note}\n`);

  const today = formatDate(now);
  const all = listDue(briefs, today);
  const until = withinS !== undefined ? formatDate(new Date(now.getTime() + withinS * 1000)) : undefined;
  const rows = until === undefined ? all : all.filter((r) => r.schedule.due !== null && (isLate(r) || r.schedule.due <= until));
  const late = all.filter(isLate).length;

  let icsPath: string | undefined;
  if (options.ics !== undefined) {
    const { formatCalendar } = await import('../render/calendar.js');
    const text = formatCalendar(all, {
      now,
      toolVersion: TOOL_VERSION,
      runCommand: (file) => formatCommandLine(['handoff', 'run', file, '--due']),
    });
    if (icsToStdout) {
      options.console.out(text);
    } else {
      icsPath = resolve(options.cwd, options.ics);
      await writeFileAtomic(icsPath, text, { displayName: options.ics });
    }
  }

  if (icsToStdout) {
    // The calendar is the output: no table beside it.
  } else if (options.json) {
    const within = withinS !== undefined && until !== undefined ? { seconds: withinS, until } : null;
    options.console.out(`${JSON.stringify(toDueJson(rows, all, { now, today, within, briefs: briefs.length }), null, 2)}\n`);
  } else if (rows.length > 0) {
    options.console.out(formatDueTable(rows));
  }
  const shown = until !== undefined ? `; ${rows.length} due by ${until} shown` : '';
  options.console.err(`${summariseDue(all, briefs.length, today)}${shown}\n`);
  if (icsPath) options.console.err(`wrote ${displayPath(icsPath, options.cwd)} (${all.filter((r) => r.schedule.due !== null).length} recurring events)\n`);
  return { rows, late, icsPath };
}
