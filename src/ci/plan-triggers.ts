// When a generated workflow runs and which selectors each run needs, decided once at generation
// time from the follow-ups (docs/ci.md): per-pr → pull_request; on-change → pull_request and push
// filtered by its paths; dated cadences → schedule crons, with a guard where cron cannot say the
// cadence (followups/cadence-rules.ts). Pure.
import { posix } from 'node:path';
import { cadenceCron, type CronSchedule } from '../followups/cadence-rules.js';
import type { HandoffInput } from '../input/model.js';

export type Trigger = { kind: 'per-pr' } | { kind: 'on-change'; patterns: string[] } | ({ kind: 'schedule' } & CronSchedule);

export interface PlannedFollowup {
  /** Position in `followups:`. */
  index: number;
  id: string;
  cadenceText: string;
  /** Selector ids, in input order, without repeats. */
  selectors: string[];
  trigger: Trigger;
}

export interface TriggerPlan {
  /** Every selector id of the input, in input order. */
  selectorIds: string[];
  /** Follow-ups that name selectors, in input order. */
  followups: PlannedFollowup[];
  /** Follow-ups that name no selectors: nothing for a workflow to run. */
  withoutSelectors: Array<{ index: number; id: string }>;
  /** Distinct crons, in first-seen order. */
  crons: string[];
  /** Absent: no pull_request trigger; `paths` absent: every pull request. */
  pullRequest?: { paths?: string[] };
  /** Absent: no push trigger. */
  pushPaths?: string[];
}

/**
 * A follow-up path as a GitHub path filter (and git glob pathspec), relative to the root of the
 * repository the workflow runs in: `repoPrefix` is the input's repo folder relative to that root
 * ('' when it is the root); a path ending in `/` means everything under it.
 */
export function toPathPattern(repoPrefix: string, path: string): string {
  const pattern = path.endsWith('/') ? `${path}**` : path;
  return repoPrefix === '' ? posix.normalize(pattern) : posix.join(repoPrefix, pattern);
}

export function planTriggers(input: HandoffInput, repoPrefix: string): TriggerPlan {
  const selectorIds = input.selectors.map((s) => s.id);
  const followups: PlannedFollowup[] = [];
  const withoutSelectors: TriggerPlan['withoutSelectors'] = [];
  input.followups.forEach((f, index) => {
    const named = new Set(f.selectors);
    const selectors = selectorIds.filter((id) => named.has(id));
    if (selectors.length === 0) {
      withoutSelectors.push({ index, id: f.id });
      return;
    }
    const schedule = cadenceCron(f.cadence, f.next ?? input.brief.date);
    const trigger: Trigger = schedule
      ? { kind: 'schedule', ...schedule }
      : f.cadence.kind === 'on-change'
        ? { kind: 'on-change', patterns: unique(f.paths.map((p) => toPathPattern(repoPrefix, p))) }
        : { kind: 'per-pr' };
    followups.push({ index, id: f.id, cadenceText: f.cadenceText, selectors, trigger });
  });

  const onChange = followups.flatMap((f) => (f.trigger.kind === 'on-change' ? f.trigger.patterns : []));
  const hasPerPr = followups.some((f) => f.trigger.kind === 'per-pr');
  const plan: TriggerPlan = {
    selectorIds,
    followups,
    withoutSelectors,
    crons: unique(followups.flatMap((f) => (f.trigger.kind === 'schedule' ? [f.trigger.cron] : []))),
  };
  // One pull_request trigger serves both: per-pr needs every pull request, so a paths filter
  // would drop some; on-change follow-ups are then picked by the changed files at run time.
  if (hasPerPr) plan.pullRequest = {};
  else if (onChange.length > 0) plan.pullRequest = { paths: unique(onChange) };
  if (onChange.length > 0) plan.pushPaths = unique(onChange);
  return plan;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
