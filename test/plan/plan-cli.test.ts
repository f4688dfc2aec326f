// `handoff plan status` and `handoff plan mark` through the built CLI, on real files in temp folders.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/plans');
const EXPECTED = join(ROOT, 'test/expected/plan');

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-plan-');
});
afterEach(() => tmp.cleanup());

/** Copies a fixture into the temp folder (writable, whatever the source mode) and returns its path. */
function copyFixture(name: string, as = name, transform?: (text: string) => string): string {
  const path = join(tmp.dir, as);
  if (transform) writeFileSync(path, transform(readFileSync(join(FIXTURES, name), 'utf8')));
  else copyFileSync(join(FIXTURES, name), path);
  chmodSync(path, 0o644);
  return path;
}

const mark = (...args: string[]) => runCli(['plan', 'mark', ...args], { cwd: tmp.dir });

describe('plan mark on the real Phase E3 plan', () => {
  test('D1 D2 D3 with a note gives exactly the expected file; a second run changes nothing', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md');
    const first = await mark('phase_e3_docs_plan.md', 'D1', 'D2', 'D3', '--note', '✅ 2025-10-19:');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('marked 3 rows');
    const expected = readFileSync(join(EXPECTED, 'phase_e3_docs_plan.marked.md'));
    expect(readFileSync(plan).equals(expected)).toBe(true);

    const second = await mark('phase_e3_docs_plan.md', 'D1', 'D2', 'D3', '--note', '✅ 2025-10-19:');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change');
    expect(readFileSync(plan).equals(expected)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['phase_e3_docs_plan.md']);
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md');
    const before = readFileSync(plan);
    const r = await mark('phase_e3_docs_plan.md', 'D2', '--state', 'P', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/phase_e3_docs_plan\.md\n\+\+\+ b\/phase_e3_docs_plan\.md\n@@ -53,7 \+53,7 @@/);
    expect(r.stdout).toContain('\n-| D2 | Update plan & ledger references | [ ] |');
    expect(r.stdout).toContain('\n+| D2 | Update plan & ledger references | [P] |');
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['phase_e3_docs_plan.md']);
  });

  test('marking back to open with --state " " restores the original bytes', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md');
    const original = readFileSync(plan);
    expect((await mark('phase_e3_docs_plan.md', 'A1', 'D3')).code).toBe(0);
    expect((await mark('phase_e3_docs_plan.md', 'D3', '--state', ' ')).code).toBe(0);
    expect((await mark('phase_e3_docs_plan.md', 'A1')).stdout).toContain('nothing to change');
    expect(readFileSync(plan).equals(original)).toBe(true);
  });

  test('keeps the file mode', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md');
    chmodSync(plan, 0o640);
    expect((await mark('phase_e3_docs_plan.md', 'D1')).code).toBe(0);
    expect(statSync(plan).mode & 0o777).toBe(0o640);
  });
});

describe('plan status', () => {
  test('lists every row as an aligned table with a summary', async () => {
    copyFixture('phase_e3_docs_plan.md', 'plan.md');
    const r = await runCli(['plan', 'status', 'plan.md'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('LINE  FORMAT   ID  STATE  TASK');
    expect(lines[1]).toBe('22    table 1  A1  [x]    Catalogue documentation gaps');
    expect(lines[12]).toBe('57    table 4  D3  [ ]    Define follow-up checks');
    expect(r.stdout).toContain('12 rows in 4 tables: 9 done, 0 partial, 3 open');
  });

  test('--json gives tables and rows', async () => {
    copyFixture('phase_e3_docs_plan.md', 'plan.md');
    const r = await runCli(['plan', 'status', 'plan.md', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { tables: { index: number; heading: string; rows: { id: string; state: string }[] }[] };
    expect(json.tables).toHaveLength(4);
    expect(json.tables[3]!.heading).toBe('Phase D — TEST-PYTORCH-001 Handoff Package');
    // The 0.1.0 fields are unchanged; format, mark and section are new.
    expect(json.tables[3]!.rows[0]).toEqual({
      id: 'D1', state: ' ', task: 'Author handoff brief', line: 55,
      format: 'table', mark: '[ ]', section: 'Phase D — TEST-PYTORCH-001 Handoff Package',
    });
  });

  test('rows with missing or invalid State cells are listed, not dropped', async () => {
    copyFixture('missing-cells.md', 'plan.md');
    const r = await runCli(['plan', 'status', 'plan.md'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^7 +table 1 +M3 +\(none\) +No state cell$/m);
    expect(r.stdout).toMatch(/^9 +table 1 +M5 +\?done +Not a state$/m);
    expect(r.stdout).toContain('5 rows in 1 table: 0 done, 0 partial, 2 open, 3 without a valid state');
  });

  test('a missing plan file is exit 2 naming it', async () => {
    const r = await runCli(['plan', 'status', 'nope.md'], { cwd: tmp.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`nope.md:1:1: no such file (looked in ${tmp.dir})\n`);
  });
});

describe('bad plan files and bad usage', () => {
  test('a plan with no checklist table: exit 2 at 1:1, nothing written', async () => {
    const plan = copyFixture('no-checklist.md', 'plan.md');
    const before = readFileSync(plan);
    for (const args of [['plan', 'status', 'plan.md'], ['plan', 'mark', 'plan.md', 'F1']]) {
      const r = await runCli(args, { cwd: tmp.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('plan.md:1:1: no checklist (a table with ID and State columns, or a task list) in this file\n');
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });

  test('rows with missing cells: exit 2 with file:line:col: id: message for each, nothing written', async () => {
    const plan = copyFixture('missing-cells.md', 'plan.md');
    const before = readFileSync(plan);
    const r = await mark('plan.md', 'M1', 'M2', 'M3', '--note', 'checked');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'plan.md:6:1: M2: cannot add the note: row has no guidance cell\nplan.md:7:1: M3: row has no State cell (table 1 has 4 columns)\n',
    );
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });

  test('an empty or invalid State cell is filled in, padding kept', async () => {
    const plan = copyFixture('missing-cells.md', 'plan.md');
    expect((await mark('plan.md', 'M4', 'M5')).code).toBe(0);
    const text = readFileSync(plan, 'utf8');
    expect(text).toContain('| M4 | Empty state cell | [x] | Guidance. |\n');
    expect(text).toContain('| M5 | Not a state | [x] | Guidance. |\n');
  });

  test('unknown row ids: exit 2 naming them and the ids that exist, nothing written', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md', 'plan.md');
    const before = readFileSync(plan);
    const r = await mark('plan.md', 'D1', 'D9', 'E1');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: no row with id D9, E1 in plan.md; ids there: A1, A2, A3, B1, B2, B3, C1, C2, C3, D1, D2, D3\n');
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });

  test('a row id in two tables: exit 2 listing both positions; --table N picks one', async () => {
    const plan = copyFixture('duplicate-ids.md', 'plan.md');
    const before = readFileSync(plan);
    const r = await mark('plan.md', 'A1');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: row id A1 appears more than once: plan.md:7 (table 1), plan.md:14 (table 2); pick one with --table N or --line N\n');
    expect(readFileSync(plan).equals(before)).toBe(true);

    const picked = await mark('plan.md', 'A1', '--table', '1');
    expect(picked.code).toBe(0);
    const text = readFileSync(plan, 'utf8');
    expect(text).toContain("| A1 | First table's A1 | [x] |");
    expect(text).toContain("| A1 | Second table's A1 | [ ] |");
  });

  test('a row id twice in one table: exit 2, --table cannot help but --line can', async () => {
    const plan = copyFixture('duplicate-ids.md', 'plan.md');
    const r = await mark('plan.md', 'A3', '--table', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('row id A3 appears more than once: plan.md:15 (table 2), plan.md:16 (table 2); pick one with --line N');
    const picked = await mark('plan.md', 'A3', '--line', '16');
    expect(picked.code).toBe(0);
    expect(readFileSync(plan, 'utf8').split('\n')[15]).toMatch(/^\| A3 .*\| \[x\] \|/);
    expect(readFileSync(plan, 'utf8').split('\n')[14]).toMatch(/^\| A3 .*\| \[ \] \|/);
  });

  test('a bad --state is exit 2 and takes no lock', async () => {
    copyFixture('phase_e3_docs_plan.md', 'plan.md');
    const r = await mark('plan.md', 'D1', '--state', 'finished');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: --state: "finished" is not a state; use done, partial or open (or x, P, " ")\n');
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });
});

describe('--note only counts as present in the form plan mark writes', () => {
  const plan = (guidance: string, state = 'x') =>
    `# Plan\n\n| ID | Task Description | State | How/Why & Guidance |\n| --- | --- | --- | --- |\n| N1 | Ship it | [${state}] | ${guidance} |\n`;

  test('--note Done on guidance "Done when CI is green" adds the note; a second run changes nothing', async () => {
    const path = join(tmp.dir, 'plan.md');
    writeFileSync(path, plan('Done when CI is green', ' '));
    const first = await mark('plan.md', 'N1', '--note', 'Done');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('plan.md: marked 1 row\n  N1 (line 5): [ ] -> [x], note added\n');
    expect(readFileSync(path, 'utf8')).toBe(plan('Done: Done when CI is green'));
    const second = await mark('plan.md', 'N1', '--note', 'Done');
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('plan.md: nothing to change (N1 already [x] with the note)\n');
    expect(readFileSync(path, 'utf8')).toBe(plan('Done: Done when CI is green'));
  });

  test('a note ending in punctuation is not taken as present when the guidance only starts with its characters', async () => {
    const path = join(tmp.dir, 'plan.md');
    writeFileSync(path, plan('✅ 2025-10-19:30 run (time, not a note)', ' '));
    const r = await mark('plan.md', 'N1', '--note', '✅ 2025-10-19:');
    expect(r.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(plan('✅ 2025-10-19: ✅ 2025-10-19:30 run (time, not a note)'));
  });

  test('guidance equal to the note counts as present', async () => {
    const path = join(tmp.dir, 'plan.md');
    writeFileSync(path, plan('Done', ' '));
    const r = await mark('plan.md', 'N1', '--note', 'Done');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('plan.md: marked 1 row\n  N1 (line 5): [ ] -> [x]\n');
    expect(readFileSync(path, 'utf8')).toBe(plan('Done'));
  });
});

describe('bytes that must survive', () => {
  test('CRLF line endings stay CRLF; only the State bytes change', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md', 'plan.md', (t) => t.replace(/\n/g, '\r\n'));
    const before = readFileSync(plan, 'utf8');
    expect((await mark('plan.md', 'D1', 'D2', 'D3', '--note', '✅ 2025-10-19:')).code).toBe(0);
    const after = readFileSync(plan, 'utf8');
    const expected = readFileSync(join(EXPECTED, 'phase_e3_docs_plan.marked.md'), 'utf8').replace(/\n/g, '\r\n');
    expect(after).toBe(expected);
    expect(after.split('\r\n').length).toBe(before.split('\r\n').length);
    expect(/[^\r]\n/.test(after)).toBe(false);
  });

  test('a table in a code fence is ignored: its ids cannot be marked and its bytes stay', async () => {
    const plan = copyFixture('fenced-table.md', 'plan.md');
    const r = await mark('plan.md', 'E1');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: no row with id E1 in plan.md; ids there: R1\n');
    expect((await mark('plan.md', 'R1')).code).toBe(0);
    const text = readFileSync(plan, 'utf8');
    expect(text).toContain('| E1 | Example row in a fence | [ ] | must be ignored |');
    expect(text).toContain('    | E2 | [ ] |');
    expect(text).toContain('| R1 | The real row | [x] | Real guidance. |');
  });

  test('escaped pipes and trailing spaces are kept byte for byte', async () => {
    const plan = copyFixture('escaped-pipe.md', 'plan.md');
    const r = await mark('plan.md', 'P|1', 'P2', 'P3', '--state', 'P', '--note', 'a|b');
    expect(r.code).toBe(0);
    const expected = readFileSync(join(FIXTURES, 'escaped-pipe.md'), 'utf8')
      .replace('| P\\|1 | Choose `a \\| b` | [ ] | Use', '| P\\|1 | Choose `a \\| b` | [P] | a\\|b: Use')
      .replace('| P2 | Plain | [ ] | Cell', '| P2 | Plain | [P] | a\\|b: Cell')
      .replace('|P3|Tight|[ ]|No padding|', '|P3|Tight|[P]|a\\|b: No padding|');
    expect(readFileSync(plan, 'utf8')).toBe(expected);
    expect(readFileSync(plan, 'utf8')).toContain('piping. |  \n| P2 | Plain | [P] | a\\|b: Cell with trailing padding    |   \n');
  });
});

describe('files that cannot be written', () => {
  test('a read-only (0444) plan: exit 3, file unchanged, even as root', async () => {
    // Root ignores permission bits, so the kernel would let the rename through; handoff
    // checks the mode itself, the way editors refuse to save a read-only file.
    const plan = copyFixture('phase_e3_docs_plan.md', 'plan.md');
    chmodSync(plan, 0o444);
    const before = readFileSync(plan);
    const r = await mark('plan.md', 'D1');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('plan.md: the file is read-only (mode 444); make it writable (chmod u+w) and run again; the file is unchanged\n');
    expect(readFileSync(plan).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });

  test('a plan the kernel refuses to replace (immutable file): exit 3, file unchanged', async () => {
    // `chattr +i` makes rename-over and writes fail with EPERM even for root, so this is a
    // real write failure, not handoff's own mode check (the mode stays 0644).
    const plan = copyFixture('phase_e3_docs_plan.md', 'plan.md');
    const before = readFileSync(plan);
    // Needs a file system with the immutable attribute (ext4, xfs, btrfs: the temp folder here).
    expect(spawnSync('chattr', ['+i', plan]).status).toBe(0);
    try {
      const r = await mark('plan.md', 'D1');
      expect(r.code).toBe(3);
      expect(r.stderr).toBe('plan.md: cannot write: EPERM (read-only, immutable, or on a read-only file system?); the file is unchanged\n');
      expect(readFileSync(plan).equals(before)).toBe(true);
      expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
    } finally {
      spawnSync('chattr', ['-i', plan]);
    }
  });

  test('a folder the kernel refuses to write in (immutable folder): exit 3, file unchanged', async () => {
    const plan = copyFixture('phase_e3_docs_plan.md', 'plan.md');
    const before = readFileSync(plan);
    expect(spawnSync('chattr', ['+i', tmp.dir]).status).toBe(0);
    try {
      const r = await mark('plan.md', 'D1');
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^plan\.md: cannot write: EPERM .*the file is unchanged\n$/);
      expect(readFileSync(plan).equals(before)).toBe(true);
    } finally {
      spawnSync('chattr', ['-i', tmp.dir]);
    }
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });
});

describe('concurrent runs', () => {
  test('8 plan mark processes on one file at once: every mark is kept, no lock left behind', async () => {
    const ids = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8'];
    const rows = ids.map((id) => `| ${id} | Task ${id} | [ ] | Guidance ${id}. |`).join('\n');
    const plan = join(tmp.dir, 'plan.md');
    writeFileSync(plan, `# Busy plan\n\n| ID | Task Description | State | How/Why & Guidance |\n| --- | --- | --- | --- |\n${rows}\n`);
    const results = await Promise.all(ids.map((id) => mark('plan.md', id, '--note', `by ${id}`)));
    expect(results.map((r) => r.code)).toEqual(ids.map(() => 0));
    const text = readFileSync(plan, 'utf8');
    for (const id of ids) expect(text).toContain(`| ${id} | Task ${id} | [x] | by ${id}: Guidance ${id}. |`);
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });

  test('a lock left by a process that died is broken, not waited on', async () => {
    copyFixture('phase_e3_docs_plan.md', 'plan.md');
    // A pid far above any pid_max in use: "no such process".
    writeFileSync(join(tmp.dir, 'plan.md.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), token: 'dead', time: Date.now() }));
    const r = await mark('plan.md', 'D1');
    expect(r.code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'plan.md'), 'utf8')).toContain('| D1 | Author handoff brief | [x] |');
    expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  });
});
