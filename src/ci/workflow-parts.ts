// Small facts the generated workflow derives from the input: the job time limit, the
// requirement files the pip cache is keyed on, and the plain-words account of the triggers
// written into its header. Pure.
import { parse } from 'shell-quote';
import type { HandoffInput } from '../input/model.js';
import { dateOfDay } from '../text/dates.js';
import type { TriggerPlan } from './plan-triggers.js';

/** Minutes a job may spend before the selectors: checkout, Python, ci.setup (a CPU torch wheel), Node, handoff. */
export const SETUP_MINUTES = 15;
/** GitHub-hosted runners end any job after 6 hours, whatever timeout-minutes says. */
export const MAX_JOB_MINUTES = 360;

/**
 * A job's `timeout-minutes`: every selector's timeout times its attempts (ci.retries), as if one
 * shard ran them all one after another, plus the setup; undefined when a selector has no timeout
 * (no selector timeout, no ci.timeout), so there is no bound to give.
 */
export function shardTimeoutMinutes(input: HandoffInput): number | undefined {
  const attempts = 1 + (input.ci?.retries ?? 0);
  let seconds = 0;
  for (const selector of input.selectors) {
    const timeout = selector.timeout ?? input.ci?.timeout;
    if (timeout === undefined) return undefined;
    seconds += timeout * attempts;
  }
  return Math.min(MAX_JOB_MINUTES, Math.ceil(seconds / 60) + SETUP_MINUTES);
}

const FILE_FLAGS = new Set(['-r', '--requirement', '-c', '--constraint']);

/** Requirement and constraint files that ci.setup's pip lines name (`-r FILE`, `--requirement=FILE`, `-rFILE`). */
export function requirementFiles(setup: string[]): string[] {
  const files: string[] = [];
  for (const line of setup) {
    // Variables stay unexpanded, so a file named through one is not taken for a literal path.
    const tokens = parse(line, (name) => `$${name}`);
    tokens.forEach((token, i) => {
      if (typeof token !== 'string') return;
      const next = tokens[i + 1];
      let file: string | undefined;
      if (FILE_FLAGS.has(token)) file = typeof next === 'string' ? next : undefined;
      else if (/^--(?:requirement|constraint)=/.test(token)) file = token.slice(token.indexOf('=') + 1);
      else if (/^-[rc][^-]/.test(token)) file = token.slice(2);
      if (file && !file.includes('$') && !/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) files.push(file);
    });
  }
  return [...new Set(files)];
}

/** Two lines per follow-up (its selectors, then when), one for the manual trigger. */
export function describeTriggers(plan: TriggerPlan): string[] {
  const lines = plan.followups.flatMap((f) => {
    const t = f.trigger;
    const when =
      t.kind === 'per-pr'
        ? 'pull_request'
        : t.kind === 'on-change'
          ? `pull_request and push that change ${t.patterns.join(', ')}`
          : `schedule '${t.cron}'${t.guard ? `, every ${t.guard.periodDays} days from ${dateOfDay(t.guard.anchorDay)}` : ''}`;
    return [`${f.id} (${f.cadenceText}): ${f.selectors.join(', ')}`, `  on ${when}`];
  });
  const all = `all ${plan.selectorIds.length} selector${plan.selectorIds.length === 1 ? '' : 's'}`;
  lines.push(
    plan.followups.length > 0 ? `workflow_dispatch: the follow-up picked by hand, or ${all}` : `workflow_dispatch only (no follow-up names a selector): ${all}`,
  );
  return lines;
}

/**
 * A command line for the workflow's header, to read and paste into a shell: plain words bare,
 * others in single quotes, which keep a package spec such as `github:<owner>/x#v1` legible.
 */
export function formatHeaderCommand(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`)).join(' ');
}
