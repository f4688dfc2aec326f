// Bad input and faults around histories and `handoff due`, end to end with the built CLI:
// a mix of good and bad inputs, histories that are not JSON lines, lines from a newer handoff,
// a line cut short by a crash, clocks, and two runs that finish at once.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHistoryEntry, formatHistoryLine, type HistoryEntry } from '../../src/evidence/history.js';
import { makeTempDir, runCli, runCliProcess } from '../helpers/cli.js';
import { setUpProject } from './inputs.js';
import { TOOL_VERSION } from '../../src/version.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-due-faults-');
  setUpProject(tmp.dir);
  mkdirSync(join(tmp.dir, 'out'));
});
afterEach(() => tmp.cleanup());

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: tmp.dir, env });

function line(time: string, met: Record<string, boolean>, extra: Record<string, unknown> = {}): string {
  const entry: HistoryEntry = {
    version: 1,
    time,
    tool: '0.2.0',
    source: 'run',
    input: null,
    manifest_sha256: `m-${time}`,
    commit: null,
    dirty: null,
    selectors: Object.entries(met).map(([id, ok]) => ({ id, outcome: ok ? 'passed' : 'failed', expect: 'pass', met: ok, duration_s: 1, counts: { passed: 1 } })),
  };
  return JSON.stringify({ ...entry, ...extra });
}

function writeHistory(id: string, lines: string[], end = '\n'): void {
  writeFileSync(join(tmp.dir, 'out', `${id}.history.jsonl`), lines.join('\n') + end);
}

test('a mix of good and bad inputs and histories: every problem reported, exit 2, no calendar written', async () => {
  writeFileSync(join(tmp.dir, 'broken.yaml'), readFileSync(join(tmp.dir, 'beta.yaml'), 'utf8').replace('cadence: monthly', 'cadence: fortnightly').replace('Beta hand-over', 'Broken'));
  writeHistory('alpha', [line('2025-10-20T08:00:00Z', { parity: true }), 'parity passed at 08:00', line('2025-10-21T08:00:00Z', { parity: true })]);
  const r = await cli(['due', 'alpha.yaml', 'broken.yaml', 'missing.yaml', 'gamma.yaml', '--now', '2025-10-25T00:00:00Z', '--ics', 'cal.ics']);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toEqual([
    expect.stringMatching(/^broken\.yaml:\d+:\d+: followups\[0\]\.cadence: "fortnightly" is not a cadence/),
    expect.stringMatching(/^missing\.yaml:1:1: /),
    expect.stringMatching(/^out\/alpha\.history\.jsonl:2:1: not a line of a run history \(one JSON object per line, written by handoff run\): Unexpected token/),
    '3 problems in 3 files; nothing written',
  ]);
  expect(existsSync(join(tmp.dir, 'cal.ics'))).toBe(false);
});

test('render, run and run --due on a history that is not JSON lines: exit 2 naming its line, nothing run or written', async () => {
  writeHistory('alpha', [line('2025-10-20T08:00:00Z', { parity: true, baseline: true, smoke: true }), '<<<<<<< HEAD']);
  const render = await cli(['render', 'alpha.yaml', '--now', '2025-10-25T00:00:00Z']);
  expect(render.stderr).toMatch(/^out\/alpha\.history\.jsonl:2:1: not a line of a run history/);
  expect(render.code).toBe(2);
  expect(existsSync(join(tmp.dir, 'out', 'alpha.md'))).toBe(false);
  const due = await cli(['run', 'alpha.yaml', '--due', '--now', '2025-10-25T00:00:00Z']);
  expect(due.code).toBe(2);
  expect(due.stderr).toMatch(/^out\/alpha\.history\.jsonl:2:1: /);
  // A plain run stops before running anything: no tests thrown away at the end.
  const run = await cli(['run', 'alpha.yaml', '--now', '2025-10-25T00:00:00Z']);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^out\/alpha\.history\.jsonl:2:1: /);
  expect(run.stderr).not.toMatch(/^start /m);
  expect(readdirSync(join(tmp.dir, 'out'))).toEqual(['alpha.history.jsonl']);
});

test('lines from a newer handoff, or with fields this one does not know, are kept and ignored', async () => {
  const lines = [
    line('2025-10-20T08:00:00Z', { parity: true }, { runner: { os: 'linux', arch: 'arm64' } }),
    JSON.stringify({ version: 3, time: '2025-10-24T08:00:00Z', tool: '1.4.0', runs: [{ id: 'parity', ok: false }] }),
    line('2025-10-24T09:00:00Z', { parity: false }, { tool: '1.4.0', source: 'schedule' }),
  ];
  writeHistory('alpha', lines);
  const r = await cli(['due', 'alpha.yaml', '--now', '2025-10-21T00:00:00Z']);
  expect(r.stderr).toContain('out/alpha.history.jsonl:2: written by a newer handoff (history version 3, handoff 1.4.0); skipped\n');
  expect(r.stderr).toContain(`out/alpha.history.jsonl:3: written by handoff 1.4.0, newer than this ${TOOL_VERSION}, with fields it cannot read; skipped\n`);
  // The line this version reads counts: parity met on 10-20, so it is due on 10-21.
  expect(r.stdout).toMatch(/^alpha\s+nightly-parity\s+Parity team\s+nightly\s+2025-10-20 08:00Z ✓\s+2025-10-21 \(today\)\s+no$/m);
  expect(r.code).toBe(0);
  expect(readFileSync(join(tmp.dir, 'out', 'alpha.history.jsonl'), 'utf8')).toBe(`${lines.join('\n')}\n`);
});

test('a last line cut short by a crash: reported, skipped, never fatal; the next run appends after it and both are read', async () => {
  const whole = line('2025-10-20T08:00:00Z', { parity: true, baseline: true, smoke: true });
  writeHistory('alpha', [whole, whole.slice(0, 80)], '');
  const due = await cli(['due', 'alpha.yaml', '--now', '2025-10-20T12:00:00Z']);
  expect(due.stderr).toContain('out/alpha.history.jsonl:2: the last line is incomplete (a run writing it now, or one that stopped while writing it); skipped\n');
  expect(due.code).toBe(0);
  const run = await cli(['run', 'alpha.yaml', '--only', 'smoke', '--now', '2025-10-21T08:00:00Z', '--quiet']);
  expect(run.code).toBe(0);
  const text = readFileSync(join(tmp.dir, 'out', 'alpha.history.jsonl'), 'utf8');
  expect(text.split('\n')).toHaveLength(3);
  const after = await cli(['due', 'alpha.yaml', '--now', '2025-10-21T12:00:00Z', '--json']);
  expect(after.stderr).toContain('out/alpha.history.jsonl:2: starts with a line cut short (a run that stopped while writing it), which the next run appended to; that part is skipped\n');
  const doc = JSON.parse(after.stdout) as { followups: Array<{ id: string; last_run: { time: string } | null }> };
  expect(doc.followups.find((f) => f.id === 'per-pr-smoke')?.last_run?.time).toBe('2025-10-21T08:00:00Z');
  expect(doc.followups.find((f) => f.id === 'nightly-parity')?.last_run?.time).toBe('2025-10-20T08:00:00Z');
});

test('clocks: --now, else SOURCE_DATE_EPOCH, decides what is overdue; a bad one is a usage error', async () => {
  writeHistory('alpha', [line('2025-10-20T08:00:00Z', { parity: true, baseline: true, smoke: true })]);
  const byNow = await cli(['due', 'alpha.yaml', '--now', '2025-10-23T10:00:00Z', '--json']);
  const byEpoch = await cli(['due', 'alpha.yaml', '--json'], { SOURCE_DATE_EPOCH: String(Date.parse('2025-10-23T10:00:00Z') / 1000) });
  expect(byEpoch.stdout).toBe(byNow.stdout);
  expect(byNow.code).toBe(1);
  expect(JSON.parse(byNow.stdout).followups[0]).toMatchObject({ id: 'nightly-parity', status: 'overdue', days_overdue: 2 });
  // --now beats SOURCE_DATE_EPOCH.
  const earlier = await cli(['due', 'alpha.yaml', '--now', '2025-10-21T10:00:00+02:00'], { SOURCE_DATE_EPOCH: String(Date.parse('2025-10-23T10:00:00Z') / 1000) });
  expect(earlier.stdout).toMatch(/nightly-parity .* 2025-10-21 \(today\)\s+no$/m);
  expect(earlier.code).toBe(0);
  const bad = await cli(['due', 'alpha.yaml'], { SOURCE_DATE_EPOCH: 'yesterday' });
  expect(bad.stderr).toContain('SOURCE_DATE_EPOCH: "yesterday" is not a whole number of seconds');
  expect(bad.code).toBe(2);
  const within = await cli(['due', 'alpha.yaml', '--within', 'a week']);
  expect(within.stderr).toContain('--within: "a week" is not a length of time; use e.g. 7d, 2w, 36h or 1w2d');
  expect(within.code).toBe(2);
});

test('two runs that finish at once: both lines in the history, whole', async () => {
  // Two runs of one brief into one output folder, started together (two processes, as two
  // people or two CI jobs would) on a project whose tests take the same time, so that both
  // append at about the same moment.
  const [a, b] = await Promise.all([
    runCliProcess(['run', 'alpha.yaml', '--now', '2025-10-20T08:00:00Z', '--quiet'], { cwd: tmp.dir }),
    runCliProcess(['run', 'alpha.yaml', '--now', '2025-10-20T08:00:01Z', '--quiet'], { cwd: tmp.dir }),
  ]);
  expect([a.code, b.code]).toEqual([0, 0]);
  const lines = readFileSync(join(tmp.dir, 'out', 'alpha.history.jsonl'), 'utf8').split('\n');
  expect(lines.pop()).toBe('');
  expect(lines.map((l) => (JSON.parse(l) as HistoryEntry).time).sort()).toEqual(['2025-10-20T08:00:00Z', '2025-10-20T08:00:01Z']);
});

test('the history line of a manifest is what run writes (the helper the tests use agrees with the CLI)', async () => {
  const r = await cli(['run', 'alpha.yaml', '--only', 'smoke', '--now', '2025-10-20T08:00:00Z', '--quiet']);
  expect(r.code).toBe(0);
  const manifestText = readFileSync(join(tmp.dir, 'out', 'alpha.evidence.json'), 'utf8');
  const written = readFileSync(join(tmp.dir, 'out', 'alpha.history.jsonl'), 'utf8');
  expect(written).toBe(`${formatHistoryLine(createHistoryEntry(JSON.parse(manifestText), manifestText, 'run'))}\n`);
});

test('--ics - prints the calendar instead of the table; an input named twice counts once', async () => {
  writeHistory('alpha', [line('2025-10-20T08:00:00Z', { parity: true, baseline: true, smoke: true })]);
  const r = await cli(['due', 'alpha.yaml', './alpha.yaml', 'beta.yaml', '--ics', '-', '--now', '2025-10-20T12:00:00Z']);
  expect(r.code).toBe(0);
  expect(r.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(r.stdout.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(4);
  expect(r.stderr).toBe('5 follow-ups of 2 briefs on 2025-10-20: 0 overdue, 0 whose last run failed, 0 due today, 4 upcoming, 1 per pull request or on change\n');
  const both = await cli(['due', 'alpha.yaml', '--ics', '-', '--json']);
  expect(both.stderr).toContain('--ics - and --json both print on stdout');
  expect(both.code).toBe(2);
});

test("a quoted pattern ('data/**/*.yaml') is expanded by handoff, at any depth; one that matches nothing is exit 2", async () => {
  mkdirSync(join(tmp.dir, 'data', 'deep', 'er'), { recursive: true });
  writeFileSync(join(tmp.dir, 'data', 'alpha.yaml'), readFileSync(join(tmp.dir, 'alpha.yaml'), 'utf8').replace('repo: proj', 'repo: ../proj'));
  writeFileSync(join(tmp.dir, 'data', 'deep', 'er', 'beta.yaml'), readFileSync(join(tmp.dir, 'beta.yaml'), 'utf8').replace('repo: proj', 'repo: ../../../proj'));
  writeFileSync(join(tmp.dir, 'data', 'deep', 'notes.md'), '# not an input\n');
  const r = await cli(['due', 'data/**/*.yaml', '--json', '--now', '2025-10-20T12:00:00Z']);
  expect(r.stderr).toMatch(/ of 2 briefs on 2025-10-20/);
  const doc = JSON.parse(r.stdout) as { followups: Array<{ brief: string }> };
  expect([...new Set(doc.followups.map((f) => f.brief))].sort()).toEqual(['alpha', 'beta']);
  // Problems in the order the arguments were given; a missing name with brackets is a missing file.
  const none = await cli(['due', 'gone[1].yaml', 'nowhere/**/*.yaml', 'alpha.yaml', '--now', '2025-10-20T12:00:00Z']);
  expect(none.stderr.split('\n')).toEqual([
    expect.stringMatching(/^gone\[1\]\.yaml:1:1: no such input file/),
    `nowhere/**/*.yaml:1:1: no input file matches this pattern (looked in ${tmp.dir})`,
    '2 problems in 2 files; nothing written',
    '',
  ]);
  expect(none.code).toBe(2);
});
