// `plan status` and `plan mark` on every plan format (task lists, backticked legacy tables with
// their own letters, a table plan with an exit checklist) through the built CLI, byte for byte
// against test/expected/plan/, and a second run that changes nothing.
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/plans');
const EXPECTED = join(ROOT, 'test/expected/plan');

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-plan-formats-');
});
afterEach(() => tmp.cleanup());

function copyFixture(name: string, transform?: (text: string) => string): string {
  const path = join(tmp.dir, name);
  if (transform) writeFileSync(path, transform(readFileSync(join(FIXTURES, name), 'utf8')));
  else copyFileSync(join(FIXTURES, name), path);
  chmodSync(path, 0o644);
  return path;
}

const handoff = (...args: string[]) => runCli(args, { cwd: tmp.dir });
const expected = (name: string): string => readFileSync(join(EXPECTED, name), 'utf8');

describe('plan status shows every row with its format and line', () => {
  test.each(['tasklist-plan', 'legacy-checklist', 'exit-checklist'])('%s.md', async (name) => {
    copyFixture(`${name}.md`);
    const r = await handoff('plan', 'status', `${name}.md`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected(`${name}.status.txt`));
  });

  test('--json of a table plan with an exit checklist: the 0.1.0 tables plus every row', async () => {
    copyFixture('exit-checklist.md');
    const r = await handoff('plan', 'status', 'exit-checklist.md', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected('exit-checklist.status.json'));
  });
});

// Each case: the fixture, the commands run in order, and the expected file.
const MARKS: [string, string[][]][] = [
  [
    'tasklist-plan',
    [
      ['B1', 'OPTICS-ALIGN-003.B3', 'C1', '--note', '✅ 2026-03-05:'],
      ['B2', '--state', 'open'],
    ],
  ],
  [
    'legacy-checklist',
    [
      ['0.B', '1.A', '1.C'],
      ['1.B', '--state', 'partial'],
    ],
  ],
  ['exit-checklist', [['F2', 'X1', '--note', 'Checked']]],
];

describe('plan mark writes each file’s own symbols and nothing else', () => {
  test.each(MARKS)('%s.md gives exactly the expected file; running it all again changes nothing', async (name, runs) => {
    const plan = copyFixture(`${name}.md`);
    for (const args of runs) expect((await handoff('plan', 'mark', `${name}.md`, ...args)).code).toBe(0);
    const want = expected(`${name}.marked.md`);
    expect(readFileSync(plan, 'utf8')).toBe(want);
    for (const args of runs) {
      const again = await handoff('plan', 'mark', `${name}.md`, ...args);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('nothing to change');
    }
    expect(readFileSync(plan, 'utf8')).toBe(want);
    expect(readdirSync(tmp.dir)).toEqual([`${name}.md`]);
  });

  test.each(MARKS)('%s.md with CRLF line endings: the same edit, CRLF kept', async (name, runs) => {
    const plan = copyFixture(`${name}.md`, (t) => t.replace(/\n/g, '\r\n'));
    for (const args of runs) expect((await handoff('plan', 'mark', `${name}.md`, ...args)).code).toBe(0);
    expect(readFileSync(plan, 'utf8')).toBe(expected(`${name}.marked.md`).replace(/\n/g, '\r\n'));
  });

  test('the report names each row with its old and new state as the file writes them', async () => {
    copyFixture('legacy-checklist.md');
    const r = await handoff('plan', 'mark', 'legacy-checklist.md', '1.A', '1.C');
    expect(r.stdout).toBe('legacy-checklist.md: marked 2 rows\n  1.A (line 11): `[ ]` -> `[D]`\n  1.C (line 13): (empty) -> `[D]`\n');
  });

  test('--state x, P and " " still work, and mean done, partial and open in the file’s own letters', async () => {
    const plan = copyFixture('legacy-checklist.md');
    expect((await handoff('plan', 'mark', 'legacy-checklist.md', '1.A', '--state', 'x')).code).toBe(0);
    expect((await handoff('plan', 'mark', 'legacy-checklist.md', '1.B', '--state', 'P')).code).toBe(0);
    expect((await handoff('plan', 'mark', 'legacy-checklist.md', '0.A', '--state', ' ')).code).toBe(0);
    const text = readFileSync(plan, 'utf8');
    expect(text).toContain('| 1.A | Simulate 3 noise levels per detector | `[D]` |');
    expect(text).toContain('| 1.B | Fit the noise curves | `[P]` |');
    expect(text).toContain('| 0.A | Collect the Phase 2 noise estimates | `[ ]` |');
  });

  test('--dry-run on a task list prints the diff and writes nothing', async () => {
    const plan = copyFixture('tasklist-plan.md');
    const before = readFileSync(plan);
    const r = await handoff('plan', 'mark', 'tasklist-plan.md', 'C1', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\n-1. [ ] C1: Draft the alignment note.  \n+1. [x] C1: Draft the alignment note.  \n');
    expect(readFileSync(plan).equals(before)).toBe(true);
  });
});

describe('bad input: exit 2, nothing written', () => {
  async function refuses(fixture: string, args: string[], stderr: string): Promise<void> {
    const plan = copyFixture(fixture);
    const before = readFileSync(plan);
    const r = await handoff('plan', 'mark', fixture, ...args);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual([fixture]);
  }

  test('an unknown id lists the ids there (items without a label have none)', () =>
    refuses(
      'tasklist-plan.md',
      ['B9'],
      'handoff: no row with id B9 in tasklist-plan.md; ids there: A1, A2, B1, B2, OPTICS-ALIGN-003.B3, Phase B gate, C1, C2, S1, S2\n',
    ));

  test('an item inside a code fence is not an item', () =>
    refuses(
      'tasklist-plan.md',
      ['Z9'],
      'handoff: no row with id Z9 in tasklist-plan.md; ids there: A1, A2, B1, B2, OPTICS-ALIGN-003.B3, Phase B gate, C1, C2, S1, S2\n',
    ));

  test('two tasks labelled S3 without --line: both lines named', () =>
    refuses('duplicate-tasks.md', ['S3'], 'handoff: row id S3 appears more than once: duplicate-tasks.md:4 (task), duplicate-tasks.md:7 (task); pick one with --line N\n'));

  test('--line on a line that holds no item: the nearest items are named', () =>
    refuses('duplicate-tasks.md', ['S3', '--line', '5'], 'handoff: --line 5: line 5 of duplicate-tasks.md is not a checklist row or task item; the nearest are line 4 (S3) and line 7 (S3)\n'));

  test('--line on an item with another id', () =>
    refuses('duplicate-tasks.md', ['S3', '--line', '8'], 'handoff: --line 8: line 8 of duplicate-tasks.md is row S4, not S3\n'));

  test('an unknown --state', () =>
    refuses('tasklist-plan.md', ['C1', '--state', 'half'], 'handoff: --state: "half" is not a state; use done, partial or open (or x, P, " ")\n'));

  test('--table in a file of task lists only', () =>
    refuses('duplicate-tasks.md', ['S4', '--table', '1'], 'handoff: --table 1: duplicate-tasks.md has 0 checklist tables\n'));
});

test('--line picks one of two tasks with the same label; the other keeps its bytes', async () => {
  const plan = copyFixture('duplicate-tasks.md');
  const r = await handoff('plan', 'mark', 'duplicate-tasks.md', 'S3', '--line', '4');
  expect(r.stdout).toBe('duplicate-tasks.md: marked 1 row\n  S3 (line 4): [ ] -> [x]\n');
  expect(readFileSync(plan, 'utf8')).toBe(readFileSync(join(FIXTURES, 'duplicate-tasks.md'), 'utf8').replace('- [ ] S3: Archive the old', '- [x] S3: Archive the old'));
});

test('a file whose only task list is in a code fence has no checklist: exit 2', async () => {
  writeFileSync(join(tmp.dir, 'plan.md'), '# Plan\n\n```\n- [ ] A1: example\n```\n');
  const r = await handoff('plan', 'status', 'plan.md');
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('plan.md:1:1: no checklist (a table with ID and State columns, or a task list) in this file\n');
});
