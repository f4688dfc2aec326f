// `run --due` (docs/followups.md): the selectors of the follow-ups that are due on --now, by the run
// history: overdue, due today, or whose last run did not meet its expect. With --only, the
// due selectors among those named (an unknown --only id is still an error). Sharding, when
// asked for, splits what this selects.
import type { LoadedInput, Selector } from '../input/model.js';
import { findLastRuns, hasRunOf } from '../evidence/history.js';
import { readHistoryTail } from '../evidence/history-read.js';
import { historyPath } from '../evidence/out-layout.js';
import { pickSelectors } from '../evidence/select-selectors.js';
import { formatDate } from '../text/format-date.js';
import { isDated } from './cadence.js';
import { followupStatus, scheduleFollowup, type FollowupStatus } from './due-dates.js';

export interface DueSelection {
  selectors: Selector[];
  /** What is due and why, or why nothing runs: one line for the user. */
  message: string;
  /** History lines skipped, `file:line: why`. */
  notes: string[];
}

export interface PickDueOptions {
  loaded: LoadedInput;
  outDir: string;
  now: Date;
  only?: readonly string[];
  display: (path: string) => string;
}

const WHY: Partial<Record<FollowupStatus, (due: string) => string>> = {
  failed: () => 'last run failed',
  overdue: (due) => `overdue since ${due}`,
  due: () => 'due today',
};

export async function pickDueSelectors(options: PickDueOptions): Promise<DueSelection> {
  const input = options.loaded.data;
  const candidates = pickSelectors(input.selectors, options.only);
  const dated = input.followups.filter((f) => isDated(f.cadence));
  const path = historyPath(options.outDir, input.brief.id);
  const tail = await readHistoryTail(path, { display: options.display(path), enough: hasRunOf(dated.flatMap((f) => f.selectors)) });
  const lastRuns = findLastRuns([...tail.records].reverse().map((r) => r.entry));
  const today = formatDate(options.now);
  const scheduled = dated.map((f) => {
    const schedule = scheduleFollowup(f, lastRuns, { from: input.brief.date ?? null, today });
    return { followup: f, schedule, status: followupStatus(schedule, today) };
  });
  const due = scheduled.filter((s) => WHY[s.status] !== undefined);
  const wanted = new Set(due.flatMap((d) => d.followup.selectors));
  const selectors = candidates.filter((s) => wanted.has(s.id));
  const describe = due.map((d) => `${d.followup.id} (${WHY[d.status]!(d.schedule.due!)})`).join(', ');
  let message: string;
  if (selectors.length > 0) {
    message = `due on ${today}: ${describe}; running ${selectors.length} selector${selectors.length === 1 ? '' : 's'}: ${selectors.map((s) => s.id).join(', ')}`;
  } else if (due.length > 0) {
    message = `nothing to run: due on ${today}: ${describe}, but none of their selectors is among --only ${options.only?.join(',')}; nothing written`;
  } else {
    const next = scheduled.filter((s) => s.schedule.due !== null).sort((a, b) => a.schedule.due!.localeCompare(b.schedule.due!))[0];
    const after = next ? ` (next: ${next.followup.id} on ${next.schedule.due})` : dated.length === 0 ? ' (it has no dated follow-up)' : '';
    message = `nothing is due: no follow-up of ${input.brief.id} is due on ${today}${after}; nothing run, nothing written`;
  }
  return { selectors, message, notes: tail.notes };
}
