// The bash script of the generated workflow's first job: from the event that started the run
// (passed in through env: EVENT, SCHEDULE, FOLLOWUP, BEFORE, never pasted into the script), it
// picks the selectors of the follow-ups this run serves and writes them, their count and the
// shard matrix to $GITHUB_OUTPUT. Every value that comes from the input (selector ids, path
// patterns, follow-up ids) is shell-quoted, so the shell never evaluates input text. Pure.
import { quote } from 'shell-quote';
import type { PlannedFollowup, TriggerPlan } from './plan-triggers.js';

export interface SelectScriptOptions {
  plan: TriggerPlan;
  /** Most shards a run uses (`--shards`); with 1, no matrix is written. */
  shards: number;
}

const words = (items: string[]): string => quote(items);

function addLine(f: PlannedFollowup): string {
  return `add ${words(f.selectors)}`;
}

export function buildSelectScript({ plan, shards }: SelectScriptOptions): string {
  const byKind = (kind: PlannedFollowup['trigger']['kind']) => plan.followups.filter((f) => f.trigger.kind === kind);
  const perPr = byKind('per-pr');
  const onChange = byKind('on-change');
  const scheduled = byKind('schedule');
  const guarded = scheduled.some((f) => f.trigger.kind === 'schedule' && f.trigger.guard);

  const lines: string[] = [
    'declare -A want=()',
    'add() { local id; for id in "$@"; do want[$id]=1; done; }',
  ];
  if (guarded) {
    lines.push(
      '# due ANCHOR PERIOD: today (UTC) is a whole number of PERIOD days after day ANCHOR (days since 1970-01-01).',
      'due() { (( ($(date -u +%s) / 86400 - $1) % $2 == 0 )); }',
    );
  }
  if (onChange.length > 0) {
    lines.push(
      '# The commit to compare with: the base of a pull request (parent 1 of its merge commit), the',
      '# commit before a push. Without one (a new branch, a failed fetch) every path counts as changed.',
      "base=''",
      'case "$EVENT" in',
      '  pull_request) base=$(git rev-parse --verify --quiet HEAD^1 || true) ;;',
      '  push)',
      '    if [ -n "${BEFORE//0/}" ] && git fetch --no-tags --quiet --depth=1 origin "$BEFORE"; then base=$BEFORE',
      '    else echo "No commit before this push to compare with: every on-change follow-up runs"; fi',
      '    ;;',
      'esac',
      'changed() { [ -z "$base" ] || ! git diff --quiet "$base" HEAD -- "$@"; }',
    );
  }
  const ifChanged = (f: PlannedFollowup) =>
    f.trigger.kind === 'on-change' ? `if changed ${words(f.trigger.patterns.map((p) => `:(glob)${p}`))}; then ${addLine(f)}; fi` : '';

  lines.push('case "$EVENT" in');
  if (perPr.length > 0 || onChange.length > 0) {
    lines.push('  pull_request)', ...perPr.map((f) => `    ${addLine(f)}`), ...onChange.map((f) => `    ${ifChanged(f)}`), '    ;;');
  }
  if (onChange.length > 0) lines.push('  push)', ...onChange.map((f) => `    ${ifChanged(f)}`), '    ;;');
  if (scheduled.length > 0) {
    lines.push('  schedule)');
    for (const f of scheduled) {
      if (f.trigger.kind !== 'schedule') continue;
      const { cron, guard } = f.trigger;
      const when = `[ "$SCHEDULE" = ${quote([cron])} ]${guard ? ` && due ${guard.anchorDay} ${guard.periodDays}` : ''}`;
      lines.push(`    if ${when}; then ${addLine(f)}; fi`);
    }
    lines.push('    ;;');
  }
  // workflow_dispatch (and any trigger added by hand): the follow-up picked, else everything.
  lines.push('  *)', '    case "$FOLLOWUP" in');
  for (const f of plan.followups) lines.push(`      ${quote([f.id])}) ${addLine(f)} ;;`);
  lines.push(`      *) add ${words(plan.selectorIds)} ;;`, '    esac', '    ;;', 'esac');

  lines.push(
    'selected=()',
    `for id in ${words(plan.selectorIds)}; do`,
    '  if [ -n "${want[$id]:-}" ]; then selected+=("$id"); fi',
    'done',
    'count=${#selected[@]}',
    `echo "$EVENT: $count of ${plan.selectorIds.length} selectors: \${selected[*]:-none}"`,
    'if [ "$count" -eq 0 ]; then echo "::notice title=handoff::No follow-up runs on this $EVENT event; nothing to run"; fi',
  );
  if (shards > 1) {
    lines.push(
      `shards=$(( count < ${shards} ? count : ${shards} ))`,
      '{',
      '  echo "selectors=${selected[*]}"',
      '  echo "count=$count"',
      '  echo "shards=$shards"',
      '  echo "matrix=[$(seq -s , 1 "$shards")]"',
      '} >> "$GITHUB_OUTPUT"',
    );
  } else {
    lines.push('{', '  echo "selectors=${selected[*]}"', '  echo "count=$count"', '} >> "$GITHUB_OUTPUT"');
  }
  return `${lines.join('\n')}\n`;
}
