// Cadence → trigger, anchors and guards; requirement files for the pip cache; the job time limit.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planTriggers, toPathPattern } from '../../src/ci/plan-triggers.js';
import { dayNumber } from '../../src/text/dates.js';
import { describeTriggers, requirementFiles, shardTimeoutMinutes } from '../../src/ci/workflow-parts.js';
import { loadInput } from '../../src/input/load-input.js';
import type { HandoffInput } from '../../src/input/model.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('handoff-ci-plan-');
});
afterAll(() => tmp.cleanup());

async function load(lines: string[], date = 'date: 2025-10-19'): Promise<HandoffInput> {
  const text = [
    'version: 1',
    `brief: {id: p, title: P, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}${date ? `, ${date}` : ''}}`,
    'selectors:',
    '  - {id: a, run: pytest tests/a.py, purpose: A}',
    '  - {id: b, run: pytest tests/b.py, purpose: B}',
    ...lines,
    '',
  ].join('\n');
  const file = `input-${Math.random().toString(36).slice(2)}.yaml`;
  writeFileSync(join(tmp.dir, file), text);
  return (await loadInput({ file, cwd: tmp.dir })).data;
}

const one = async (cadence: string, extra = '', date?: string) =>
  planTriggers(await load(['followups:', `  - {id: f, check: C, selectors: [b, a, b], cadence: ${JSON.stringify(cadence)}${extra}}`], date), '').followups[0]!;

describe('schedules', () => {
  test.each([
    ['nightly', '', '17 3 * * *'],
    ['daily', '', '17 3 * * *'],
    ['every 1 day', '', '17 3 * * *'],
    ['weekly', '', '17 3 * * 0'], // 2025-10-19 is a Sunday
    ['every 7 days', '', '17 3 * * 0'],
    ['every 1 week', ', next: 2025-10-22', '17 3 * * 3'], // next wins over brief.date: a Wednesday
    ['monthly', '', '17 3 19 * *'],
    ['monthly', ', next: 2025-01-31', '17 3 28 * *'],
  ])('%s%s → %s, no guard', async (cadence, extra, cron) => {
    const f = await one(cadence, extra);
    expect(f.trigger).toEqual({ kind: 'schedule', cron });
    expect(f.selectors).toEqual(['a', 'b']); // input order, once each
  });

  test('without a date: weekly on Monday, monthly on the 1st', async () => {
    expect((await one('weekly', '', '')).trigger).toEqual({ kind: 'schedule', cron: '17 3 * * 1' });
    expect((await one('monthly', '', '')).trigger).toEqual({ kind: 'schedule', cron: '17 3 1 * *' });
  });

  test('every N days / weeks: a daily or weekly cron and a guard anchored on the due date', async () => {
    expect((await one('every 3 days')).trigger).toEqual({ kind: 'schedule', cron: '17 3 * * *', guard: { anchorDay: dayNumber('2025-10-19'), periodDays: 3 } });
    expect((await one('every 14 days')).trigger).toEqual({ kind: 'schedule', cron: '17 3 * * 0', guard: { anchorDay: dayNumber('2025-10-19'), periodDays: 14 } });
    expect((await one('every 2 weeks', ', next: 2025-10-31')).trigger).toEqual({ kind: 'schedule', cron: '17 3 * * 5', guard: { anchorDay: 20392, periodDays: 14 } });
    // No date: days count from 1970-01-01, weeks from its first Monday (1970-01-05).
    expect((await one('every 3 days', '', '')).trigger).toEqual({ kind: 'schedule', cron: '17 3 * * *', guard: { anchorDay: 0, periodDays: 3 } });
    expect((await one('every 3 weeks', '', '')).trigger).toEqual({ kind: 'schedule', cron: '17 3 * * 1', guard: { anchorDay: 4, periodDays: 21 } });
    expect(new Date(4 * 86_400_000).getUTCDay()).toBe(1);
  });
});

describe('pull_request and push', () => {
  test('on-change alone: both filtered by its paths; per-pr as well: pull_request unfiltered', async () => {
    const onChange = ['followups:', '  - {id: m, check: C, selectors: [a], cadence: on-change, paths: [src/m.py, src/nn/, "docs/*.md"]}'];
    const alone = planTriggers(await load(onChange), '');
    expect(alone.pullRequest).toEqual({ paths: ['src/m.py', 'src/nn/**', 'docs/*.md'] });
    expect(alone.pushPaths).toEqual(['src/m.py', 'src/nn/**', 'docs/*.md']);
    const both = planTriggers(await load([...onChange, '  - {id: p, check: C, selectors: [b], cadence: per-pr}']), 'sub/repo');
    expect(both.pullRequest).toEqual({});
    expect(both.pushPaths).toEqual(['sub/repo/src/m.py', 'sub/repo/src/nn/**', 'sub/repo/docs/*.md']);
    expect(both.crons).toEqual([]);
  });

  test('paths are joined to the repo folder and normalised', () => {
    expect(toPathPattern('', './src/x.py')).toBe('src/x.py');
    expect(toPathPattern('examples/mini', '../other/x.py')).toBe('examples/other/x.py');
    expect(toPathPattern('', '../x.py')).toBe('../x.py');
  });

  test('a follow-up without selectors gets no trigger', async () => {
    const plan = planTriggers(await load(['followups:', '  - {id: r, check: Read, cadence: weekly}']), '');
    expect(plan.followups).toEqual([]);
    expect(plan.withoutSelectors).toEqual([{ index: 0, id: 'r' }]);
    expect(plan.crons).toEqual([]);
    expect(describeTriggers(plan)).toEqual(['workflow_dispatch only (no follow-up names a selector): all 2 selectors']);
  });
});

test('requirement files named in ci.setup key the pip cache', () => {
  expect(
    requirementFiles([
      'pip install torch --index-url https://download.pytorch.org/whl/cpu',
      'pip install -r requirements-ci.txt -c constraints.txt',
      'pip install --requirement=req/dev.txt -rreq/extra.txt',
      'pip install -r "$REQS" -r https://example.com/r.txt',
      'pip install -e . --no-deps -r requirements-ci.txt',
    ]),
  ).toEqual(['requirements-ci.txt', 'constraints.txt', 'req/dev.txt', 'req/extra.txt']);
});

test('timeout-minutes: timeouts × attempts + 15, at most 360, none without a bound', async () => {
  const base = await load(['ci: {timeout: 10m, retries: 2}']);
  expect(shardTimeoutMinutes(base)).toBe(2 * 10 * 3 + 15);
  expect(shardTimeoutMinutes({ ...base, ci: { ...base.ci!, timeout: 3 * 3600 } })).toBe(360);
  expect(shardTimeoutMinutes(await load([]))).toBeUndefined();
});
