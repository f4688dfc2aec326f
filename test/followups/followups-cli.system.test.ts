// Follow-ups that keep their own time, end to end: the built CLI as a child process, real pytest
// on the followups fixture project (copied to a temp folder, where a test breaks a file), real
// histories and calendars on disk. The story of one hand-over over a week, step by step.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { lintMarkdown } from '../render/lint.js';
import { setUpProject } from './inputs.js';

let tmp: ReturnType<typeof makeTempDir>;
let paths: ReturnType<typeof setUpProject>;
beforeAll(() => {
  tmp = makeTempDir('handoff-followups-');
  paths = setUpProject(tmp.dir);
});
afterAll(() => tmp.cleanup());

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: tmp.dir, env });
const brief = (): string => readFileSync(join(tmp.dir, 'out', 'alpha.md'), 'utf8');
const historyLines = (): string[] => readFileSync(join(tmp.dir, 'out', 'alpha.history.jsonl'), 'utf8').split('\n').filter((l) => l !== '');
const followupRow = (text: string, id: string): string => text.split('\n').find((l) => l.startsWith(`| ${id} |`)) ?? '';

test('1. a run: the history gets its line; the nightly follow-up is due tomorrow, not overdue, and the brief stays up to date days later', async () => {
  const r = await cli(['run', 'alpha.yaml', '--now', '2025-10-20T08:00:00Z', '--quiet']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const lines = historyLines();
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({
    version: 1,
    time: '2025-10-20T08:00:00Z',
    source: 'run',
    selectors: [
      { id: 'parity', outcome: 'passed', met: true, counts: { passed: 3 } },
      { id: 'baseline', outcome: 'passed', met: true, counts: { passed: 2 } },
      { id: 'smoke', outcome: 'passed', met: true, counts: { passed: 1 } },
    ],
  });
  const text = brief();
  expect(followupRow(text, 'nightly-parity')).toBe('| nightly-parity | Run the parity tests | parity | nightly | 2025-10-20 08:00Z ✓ | 2025-10-21 | Parity team |');
  expect(followupRow(text, 'weekly-baseline')).toContain('| 2025-10-20 08:00Z ✓ | 2025-10-27 |');
  expect(text).toContain("Next due counts from the last run of a follow-up's selectors that went as expected (never run: from 2025-10-19); overdue as of 2025-10-20.");
  // The first run has nothing to compare with.
  expect(text).not.toContain('## Changes since');
  // Nothing changed but time: the brief is still the brief of that run.
  const check = await cli(['render', 'alpha.yaml', '--check', '--now', '2025-10-29T12:00:00Z']);
  expect(check.stderr).toContain('is up to date');
  expect(check.code).toBe(0);
  // --no-evidence: the brief as if never run, the history left out as well as the manifest.
  const bare = await cli(['render', 'alpha.yaml', '--no-evidence', '--stdout', '--now', '2025-10-20T09:00:00Z']);
  expect(bare.code).toBe(0);
  expect(followupRow(bare.stdout, 'nightly-parity')).toBe('| nightly-parity | Run the parity tests | parity | nightly | never | 2025-10-20 | Parity team |');
  expect(bare.stdout).toContain('Not run yet: no evidence for the 3 selectors.');
});

test('2. `due` across three inputs before anything is late: sorted by due date, exit 0', async () => {
  const r = await cli(['due', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--now', '2025-10-20T12:00:00Z']);
  expect(r.stdout).toBe(
    [
      'BRIEF  FOLLOW-UP           OWNER          CADENCE        LAST RUN             NEXT DUE            OVERDUE',
      'gamma  daily-baseline      —              daily          never                2025-10-20 (today)  no',
      'alpha  nightly-parity      Parity team    nightly        2025-10-20 08:00Z ✓  2025-10-21          no',
      'beta   fortnightly-audit   Audit          every 2 weeks  never                2025-10-24          no',
      'beta   monthly-review      Review board   monthly        never                2025-10-25          no',
      'alpha  weekly-baseline     Baseline team  weekly         2025-10-20 08:00Z ✓  2025-10-27          no',
      'alpha  per-pr-smoke        Parity team    per-pr         2025-10-20 08:00Z ✓  every pull request  no',
      'gamma  on-change-baseline  —              on-change      never                on change           no',
      '',
    ].join('\n'),
  );
  expect(r.stderr).toBe('7 follow-ups of 3 briefs on 2025-10-20: 0 overdue, 0 whose last run failed, 1 due today, 4 upcoming, 2 per pull request or on change\n');
  expect(r.code).toBe(0);
});

test('3. a failing run: due now (last run failed), and the broken selector under "Changes since"', async () => {
  const parity = join(paths.project, 'tests', 'test_parity.py');
  writeFileSync(parity, readFileSync(parity, 'utf8').replace('== 6', '== 7'));
  const r = await cli(['run', 'alpha.yaml', '--now', '2025-10-21T08:00:00Z', '--quiet']);
  expect(r.code).toBe(1);
  expect(historyLines()).toHaveLength(2);
  const text = brief();
  expect(followupRow(text, 'nightly-parity')).toBe('| nightly-parity | Run the parity tests | parity | nightly | 2025-10-21 08:00Z ✗ parity failed | **due now (last run failed)** | Parity team |');
  expect(followupRow(text, 'weekly-baseline')).toContain('| 2025-10-21 08:00Z ✓ | 2025-10-28 |');
  expect(text).toContain(
    [
      '## Changes since 2025-10-20T08:00:00Z',
      '',
      'Compared with the previous run:',
      '',
      '- **Newly failing:** `parity` (passed → failed)',
      '- **Counts:** `parity` 3 → 2 passed, 0 → 1 failed',
      '',
    ].join('\n'),
  );
  const check = await cli(['render', 'alpha.yaml', '--check', '--now', '2025-10-22T00:00:00Z']);
  expect(check.code).toBe(0);
  const lint = await lintMarkdown([join(tmp.dir, 'out', 'alpha.md')]);
  expect(lint.output).toContain('0 error(s)');
  expect(lint.code).toBe(0);
});

test('4. `due` days later: the expected table, exit 1 for the overdue and the failed', async () => {
  const r = await cli(['due', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--now', '2025-10-25T09:00:00Z']);
  expect(r.stdout).toBe(
    [
      'BRIEF  FOLLOW-UP           OWNER          CADENCE        LAST RUN                           NEXT DUE               OVERDUE',
      'alpha  nightly-parity      Parity team    nightly        2025-10-21 08:00Z ✗ parity failed  now (last run failed)  yes (failed, 4 days)',
      'beta   fortnightly-audit   Audit          every 2 weeks  never                              2025-10-24             yes (1 day)',
      'beta   monthly-review      Review board   monthly        never                              2025-10-25 (today)     no',
      'gamma  daily-baseline      —              daily          never                              2025-10-25 (today)     no',
      'alpha  weekly-baseline     Baseline team  weekly         2025-10-21 08:00Z ✓                2025-10-28             no',
      'alpha  per-pr-smoke        Parity team    per-pr         2025-10-21 08:00Z ✓                every pull request     no',
      'gamma  on-change-baseline  —              on-change      never                              on change              no',
      '',
    ].join('\n'),
  );
  expect(r.stderr).toContain('7 follow-ups of 3 briefs on 2025-10-25: 1 overdue, 1 whose last run failed, 2 due today, 1 upcoming');
  expect(r.code).toBe(1);

  const within = await cli(['due', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--now', '2025-10-25T09:00:00Z', '--within', '2d', '--json']);
  expect(within.code).toBe(1);
  const doc = JSON.parse(within.stdout) as { within: unknown; followups: Array<{ brief: string; id: string; status: string; next_due: string | null; overdue: boolean; days_overdue: number }>; summary: Record<string, number> };
  expect(doc.within).toEqual({ seconds: 172800, until: '2025-10-27' });
  expect(doc.followups.map((f) => [f.brief, f.id, f.status, f.next_due, f.overdue, f.days_overdue])).toEqual([
    ['alpha', 'nightly-parity', 'failed', '2025-10-21', true, 4],
    ['beta', 'fortnightly-audit', 'overdue', '2025-10-24', true, 1],
    ['beta', 'monthly-review', 'due', '2025-10-25', false, 0],
    ['gamma', 'daily-baseline', 'due', '2025-10-25', false, 0],
  ]);
  expect(doc.summary).toEqual({ briefs: 3, followups: 7, shown: 4, overdue: 1, failed: 1, due: 2, upcoming: 1, undated: 2 });
});

test('5. `due --ics`: the calendar parses back into one recurring event per dated follow-up', async () => {
  const r = await cli(['due', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--now', '2025-10-25T09:00:00Z', '--ics', 'follow-ups.ics']);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('wrote follow-ups.ics (5 recurring events)');
  const text = readFileSync(join(tmp.dir, 'follow-ups.ics'), 'utf8');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const shown = events.map((e) => [e.uid, e.startDate.toString(), String(e.component.getFirstPropertyValue('rrule')), String(e.component.getFirstPropertyValue('dtstamp'))]);
  expect(shown).toEqual([
    ['alpha.nightly-parity@handoff-brief', '2025-10-21', 'FREQ=DAILY', '2025-10-25T09:00:00Z'],
    ['beta.fortnightly-audit@handoff-brief', '2025-10-24', 'FREQ=WEEKLY;INTERVAL=2', '2025-10-25T09:00:00Z'],
    ['beta.monthly-review@handoff-brief', '2025-10-25', 'FREQ=MONTHLY', '2025-10-25T09:00:00Z'],
    ['gamma.daily-baseline@handoff-brief', '2025-10-25', 'FREQ=DAILY', '2025-10-25T09:00:00Z'],
    ['alpha.weekly-baseline@handoff-brief', '2025-10-28', 'FREQ=WEEKLY', '2025-10-25T09:00:00Z'],
  ]);
  const nightly = events[0]!;
  expect(nightly.summary).toBe('Run the parity tests (alpha)');
  expect(nightly.description).toContain('Owner: Parity team\nSelectors: parity\n');
  expect(nightly.description).toContain('Last run: 2025-10-21 08:00Z ✗ parity failed');
  expect(nightly.description).toContain('Run what is due: handoff run alpha.yaml --due');
  // Same inputs, history and --now: same bytes.
  await cli(['due', 'alpha.yaml', 'beta.yaml', 'gamma.yaml', '--now', '2025-10-25T09:00:00Z', '--ics', 'again.ics']);
  expect(readFileSync(join(tmp.dir, 'again.ics'), 'utf8')).toBe(text);
});

test('6. `run --due` runs only what is due; then nothing is due: exit 0, a line saying so, nothing written', async () => {
  const parity = join(paths.project, 'tests', 'test_parity.py');
  writeFileSync(parity, readFileSync(parity, 'utf8').replace('== 7', '== 6'));
  const dry = await cli(['run', 'alpha.yaml', '--due', '--dry-run', '--now', '2025-10-25T09:00:00Z']);
  expect(dry.stderr).toBe('due on 2025-10-25: nightly-parity (last run failed); running 1 selector: parity\n');
  expect(dry.stdout).toMatch(/^parity: python3 -m pytest tests\/test_parity\.py /m);
  expect(dry.stdout).not.toMatch(/^(baseline|smoke):/m);

  const r = await cli(['run', 'alpha.yaml', '--due', '--now', '2025-10-25T09:00:00Z', '--quiet']);
  expect(r.code).toBe(0);
  const lines = historyLines();
  expect(lines).toHaveLength(3);
  expect((JSON.parse(lines[2]!) as { selectors: Array<{ id: string }> }).selectors.map((s) => s.id)).toEqual(['parity']);
  const text = brief();
  expect(followupRow(text, 'nightly-parity')).toContain('| 2025-10-25 09:00Z ✓ | 2025-10-26 |');
  expect(text).toContain('- **Newly passing:** `parity` (failed → passed)');
  expect(text).toContain('- **Not run this time:** `baseline`, `smoke`');

  const before = readFileSync(join(tmp.dir, 'out', 'alpha.md'), 'utf8');
  const again = await cli(['run', 'alpha.yaml', '--due', '--now', '2025-10-25T18:00:00Z']);
  expect(again.stderr).toBe('nothing is due: no follow-up of alpha is due on 2025-10-25 (next: nightly-parity on 2025-10-26); nothing run, nothing written\n');
  expect(again.code).toBe(0);
  expect(historyLines()).toHaveLength(3);
  expect(readFileSync(join(tmp.dir, 'out', 'alpha.md'), 'utf8')).toBe(before);

  // With --only: the due selectors among those named.
  const only = await cli(['run', 'alpha.yaml', '--due', '--only', 'smoke', '--now', '2025-10-26T09:00:00Z']);
  expect(only.stderr).toBe('nothing to run: due on 2025-10-26: nightly-parity (due today), but none of their selectors is among --only smoke; nothing written\n');
  expect(only.code).toBe(0);
  expect(historyLines()).toHaveLength(3);
  const unknown = await cli(['run', 'alpha.yaml', '--due', '--only', 'smokee', '--now', '2025-10-26T09:00:00Z']);
  expect(unknown.stderr).toContain('--only: no selector "smokee" (did you mean "smoke"?)');
  expect(unknown.code).toBe(2);
});

test('7. render --compare MANIFEST compares with that run instead of the previous one', async () => {
  const first = join(tmp.dir, 'first.evidence.json');
  const r = await cli(['run', 'alpha.yaml', '--out', 'other', '--only', 'smoke', '--now', '2025-10-27T09:00:00Z', '--quiet']);
  expect(r.code).toBe(0);
  writeFileSync(first, readFileSync(join(tmp.dir, 'other', 'alpha.evidence.json')));
  const shown = await cli(['render', 'alpha.yaml', '--compare', 'first.evidence.json', '--stdout', '--now', '2025-10-27T10:00:00Z']);
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain('## Changes since 2025-10-27T09:00:00Z\n\nCompared with first.evidence.json:\n\n- **New:** `parity` (not in the run compared with)\n');
  const alone = await cli(['render', 'alpha.yaml', '--compare', 'first.evidence.json', '--no-evidence', '--stdout']);
  expect(alone.stderr).toContain('--compare needs evidence to compare with it');
  expect(alone.code).toBe(2);
  expect(existsSync(join(tmp.dir, 'other', 'alpha.history.jsonl'))).toBe(true);
});
