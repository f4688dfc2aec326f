// `handoff init --from-plan`, the pure part: from a plan file's path, text and chosen rows, the
// fields of a starting input, and where each came from (for the comments beside them).
// - brief.initiative: the `plans/active/<INITIATIVE>/` segment of the path, else an id such as
//   INTEGRATE-PYTORCH-001 in the plan's title;
// - brief.phase: `Phase E3` in the title, else the one phase the rows' headings name
//   (`### Phase D — …`), else the letters the row ids share (D1, D2 → D);
// - brief.recipient.initiative: another initiative id in the rows' headings or text;
// - brief.stamp and date: a `reports/<YYYY-MM-DDTHHmmssZ>/` segment of the path; without one,
//   date is today by the command's clock (--now), so follow-ups count from a fixed day;
// - one selector per distinct pytest command quoted in the rows (`pytest …`, `python -m pytest …`),
//   id from its test file's name.
// A field the plan does not tell is TODO, flagged in a comment; `validate` refuses it until it
// is filled in.
import { UsageError } from '../errors.js';
import type { ChecklistRow, PlanChecklists } from '../plan/checklist.js';
import { isValidStamp, STAMP_PATTERN } from './grammars.js';
import { PLACEHOLDER } from './placeholders.js';
import { parseSelectorCommand } from './selector-command.js';

export interface StartInputOptions {
  /** The plan's path relative to the repo, with `/` separators. */
  planPath: string;
  /** The plan's text (for its title). */
  text: string;
  plan: PlanChecklists;
  /** Row ids to take; default: every row with an id that is not done. */
  rows?: string[];
  /** Today (YYYY-MM-DD, from the command's clock): brief.date when the path has no report stamp. */
  today: string;
}

export interface StartSelector {
  id: string;
  run: string;
  purpose: string;
  /** The rows that quote the command. */
  from: string[];
}

export interface StartInput {
  brief: { id: string; title: string; initiative: string; phase: string; recipient: { initiative: string; phase: string }; stamp?: string; date: string };
  selectors: StartSelector[];
  plans: { file: string; rows: string[] }[];
  /** Where each brief field came from, by field name: `the plan's path`, `TODO: …`. */
  sources: Record<string, string>;
  /** Quoted pytest commands that are not selectors, with the reason. */
  skipped: { run: string; from: string[]; why: string }[];
}

export const TODO = PLACEHOLDER;
const INITIATIVE_ID = /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d{3}\b/g;
const PHASE = /\bPhase\s+([A-Z]{0,2}\d+(?:\.\d+)?[a-z]?|[A-Z]\b)/;
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
const PYTEST = /^(?:pytest|python3?\s+-m\s+pytest)(?:\s|$)/;

export function buildStartInput(options: StartInputOptions): StartInput {
  const rows = chooseRows(options);
  const ids = [...new Set(rows.map((r) => r.id))];
  const title = planTitle(options.text, options.planPath);
  const sources: Record<string, string> = {};
  const initiative = findInitiative(options.planPath, title, sources);
  const phase = findPhase(title, rows, sources);
  const others = [...new Set([...rows.map((r) => `${r.section} ${r.task} ${r.guidance}`).join(' ').matchAll(INITIATIVE_ID)].map((m) => m[0]))].filter((id) => id !== initiative);
  const recipient = others[0] ?? TODO;
  sources.recipient = others[0] ? `initiative from the rows; TODO: the receiving phase` : 'TODO: who receives the work';
  const stamp = options.planPath.split('/').find((s) => STAMP_PATTERN.test(s) && isValidStamp(s));
  if (stamp) sources.stamp = "from the plan's path";
  else sources.date = 'the day init ran';
  const { selectors, skipped } = findSelectors(rows);
  const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  const base = options.planPath.split('/').pop()!.replace(/\.[^.]*$/, '');
  return {
    brief: {
      id: phase !== TODO ? `phase_${slug(phase)}_handoff` : `${slug(base) || 'plan'}_handoff`,
      title: `Handoff brief: ${title}`,
      initiative,
      phase,
      recipient: { initiative: recipient, phase: TODO },
      ...(stamp ? { stamp } : {}),
      date: stamp ? stamp.slice(0, 10) : options.today,
    },
    selectors,
    plans: [{ file: options.planPath, rows: ids }],
    sources,
    skipped,
  };
}

function chooseRows(options: StartInputOptions): ChecklistRow[] {
  const labelled = options.plan.rows.filter((r) => r.id !== '');
  if (options.rows === undefined || options.rows.length === 0) {
    const open = labelled.filter((r) => r.state !== 'x');
    if (open.length === 0) {
      throw new UsageError(`every row of ${options.planPath} is done; name the rows to hand over with --rows ID…`);
    }
    return open;
  }
  const unknown = options.rows.filter((id) => !labelled.some((r) => r.id === id));
  if (unknown.length > 0) {
    const known = [...new Set(labelled.map((r) => r.id))];
    throw new UsageError(`--rows: no row with id ${unknown.join(', ')} in ${options.planPath}; ids there: ${known.join(', ') || '(none)'}`);
  }
  const wanted = new Set(options.rows);
  return labelled.filter((r) => wanted.has(r.id));
}

/** The first level-1 heading, else the first heading, else the file name. */
function planTitle(text: string, planPath: string): string {
  const h1 = /^ {0,3}# +(.+?)(?: +#+)? *$/m.exec(text)?.[1];
  const any = /^ {0,3}#{1,6} +(.+?)(?: +#+)? *$/m.exec(text)?.[1];
  return (h1 ?? any ?? planPath.split('/').pop()!).trim();
}

function findInitiative(planPath: string, title: string, sources: Record<string, string>): string {
  const parts = planPath.split('/');
  const at = parts.findIndex((p, i) => p === 'active' && parts[i - 1] === 'plans');
  const segment = at >= 0 ? parts[at + 1] : undefined;
  if (segment && at + 2 < parts.length) {
    sources.initiative = "from the plan's path";
    return segment;
  }
  const fromTitle = title.match(INITIATIVE_ID)?.[0];
  sources.initiative = fromTitle ? "from the plan's title" : 'TODO: who hands over';
  return fromTitle ?? TODO;
}

function findPhase(title: string, rows: ChecklistRow[], sources: Record<string, string>): string {
  const fromTitle = PHASE.exec(title)?.[1];
  if (fromTitle) {
    sources.phase = "from the plan's title";
    return fromTitle;
  }
  const fromSections = [...new Set(rows.map((r) => PHASE.exec(r.section)?.[1]).filter((p): p is string => p !== undefined))];
  if (fromSections.length === 1) {
    sources.phase = "from the rows' heading";
    return fromSections[0]!;
  }
  const prefixes = [...new Set(rows.map((r) => /^([A-Za-z]+)\d/.exec(r.id)?.[1] ?? ''))];
  if (prefixes.length === 1 && prefixes[0] !== '') {
    sources.phase = "from the rows' ids";
    return prefixes[0]!;
  }
  sources.phase = 'TODO: the phase handing over';
  return TODO;
}

function findSelectors(rows: ChecklistRow[]): { selectors: StartSelector[]; skipped: StartInput['skipped'] } {
  const byRun = new Map<string, { run: string; purpose: string; from: string[] }>();
  for (const row of rows) {
    for (const m of `${row.task} ${row.guidance}`.matchAll(CODE_SPAN)) {
      const run = m[2]!.replace(/\s+/g, ' ').trim();
      if (!PYTEST.test(run)) continue;
      const seen = byRun.get(run);
      if (seen) {
        if (!seen.from.includes(row.id)) seen.from.push(row.id);
      } else {
        byRun.set(run, { run, purpose: oneLine(row.task) || `plan row ${row.id}`, from: [row.id] });
      }
    }
  }
  const selectors: StartSelector[] = [];
  const skipped: StartInput['skipped'] = [];
  const taken = new Set<string>();
  for (const entry of byRun.values()) {
    const parsed = parseSelectorCommand(entry.run);
    if (!parsed.ok) {
      skipped.push({ run: entry.run, from: entry.from, why: parsed.problems.join('; ') });
      continue;
    }
    selectors.push({ id: uniqueId(selectorId(parsed.command.files[0]), taken), ...entry });
  }
  return { selectors, skipped };
}

/** `tests/torch/test_backend_selection.py` → `backend-selection`. */
function selectorId(file: string | undefined): string {
  const name = (file ?? '').replace(/\/+$/, '').split('/').pop()!.replace(/\.py$/, '').replace(/^test_|_test$/g, '');
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'pytest';
}

function uniqueId(id: string, taken: Set<string>): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}-${n}`;
  taken.add(candidate);
  return candidate;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
