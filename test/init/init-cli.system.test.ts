// `handoff init --from-plan` through the built CLI: the starting input it writes for the example
// repo's Phase E3 plan, byte for byte against test/expected/init/; `validate` names each TODO it
// leaves (exit 2) and passes (and collects, with real pytest) once they are filled in; brief.date
// from the plan's stamp or the command's clock; Markdown output through gray-matter; --force;
// bad input.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import { parse } from 'yaml';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const EXAMPLE_REPO = join(ROOT, 'examples/ptychopinn-mini');
const EXAMPLE_PLAN = 'plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_docs_plan.md';
const EXPECTED = join(ROOT, 'test/expected/init');

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-init-');
});
afterEach(() => tmp.cleanup());

describe('the example repo’s Phase E3 plan, Phase D rows', () => {
  test('stdout: exactly the expected input, the same bytes on every run', async () => {
    const args = ['init', '--from-plan', `examples/ptychopinn-mini/${EXAMPLE_PLAN}`, '--rows', 'D1,D2,D3'];
    const first = await runCli(args, { cwd: ROOT });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(readFileSync(join(EXPECTED, 'phase_e3_docs_plan.input.yaml'), 'utf8'));
    expect((await runCli(args, { cwd: ROOT })).stdout).toBe(first.stdout);
  });

  test('--out FILE --repo DIR: validate names the TODO left (exit 2); filled in, the input passes `handoff validate --collect` (real pytest)', async () => {
    const r = await runCli(
      ['init', '--from-plan', join(EXAMPLE_REPO, EXAMPLE_PLAN), '--rows', 'D1,D2,D3', '--repo', EXAMPLE_REPO, '--out', 'inputs/phase_e3.yaml'],
      { cwd: tmp.dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('wrote inputs/phase_e3.yaml: 3 plan rows, 1 selector; check the TODO fields, then run `handoff validate inputs/phase_e3.yaml`\n');
    const text = readFileSync(join(tmp.dir, 'inputs/phase_e3.yaml'), 'utf8');
    // The repo is written relative to the input file, as inputs state it.
    expect(parse(text)).toMatchObject({
      repo: expect.stringMatching(/\/examples\/ptychopinn-mini$/) as unknown,
      selectors: [{ id: 'backend-selection', run: 'pytest tests/torch/test_backend_selection.py -vv', purpose: 'Define follow-up checks' }],
      plans: [{ file: EXAMPLE_PLAN, rows: ['D1', 'D2', 'D3'] }],
    });
    expect(text).toContain('  # from row D3\n  - id: backend-selection\n');
    const todo = await runCli(['validate', 'inputs/phase_e3.yaml'], { cwd: tmp.dir });
    expect(todo.stderr).toBe('inputs/phase_e3.yaml:10:52: brief.recipient.phase: still the placeholder TODO that handoff init wrote; fill in the receiving phase, e.g. D3\n');
    expect(todo.code).toBe(2);
    writeFileSync(join(tmp.dir, 'inputs/phase_e3.yaml'), text.replace('phase: TODO}', 'phase: D3}'));
    const validate = await runCli(['validate', 'inputs/phase_e3.yaml', '--collect'], { cwd: tmp.dir, timeoutMs: 120_000 });
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/^ok: inputs\/phase_e3\.yaml: 1 selector, 0 references, 1 plan file checked against .*, selectors collected\n$/);
    expect(validate.code).toBe(0);
  }, 120_000);

  test('an existing --out is not replaced without --force (exit 2, unchanged); with --force it is', async () => {
    const out = join(tmp.dir, 'in.yaml');
    writeFileSync(out, 'keep me\n');
    const args = ['init', '--from-plan', join(EXAMPLE_REPO, EXAMPLE_PLAN), '--out', 'in.yaml'];
    const refused = await runCli(args, { cwd: tmp.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe('handoff: --out in.yaml: the file exists; pass --force to replace it\n');
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
    const forced = await runCli([...args, '--force'], { cwd: tmp.dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Starting input written by/);
    expect(readdirSync(tmp.dir)).toEqual(['in.yaml']);
  });
});

describe('a task-list plan, written as a Markdown input', () => {
  function makeRepo(): void {
    mkdirSync(join(tmp.dir, 'plans/active/OPTICS-ALIGN-003'), { recursive: true });
    cpSync(join(ROOT, 'test/fixtures/plans/tasklist-plan.md'), join(tmp.dir, 'plans/active/OPTICS-ALIGN-003/plan.md'));
    // The test files the quoted commands name, so validate finds them.
    mkdirSync(join(tmp.dir, 'tests'));
    writeFileSync(join(tmp.dir, 'tests/test_mirrors.py'), 'def test_positions_roundtrip():\n    assert True\n');
    writeFileSync(join(tmp.dir, 'tests/test_optics_report.py'), 'def test_summary():\n    assert True\n');
  }

  test('front matter through gray-matter, comments kept, the body as notes, date from --now; it validates once the TODOs are filled in', async () => {
    makeRepo();
    const r = await runCli(['init', '--from-plan', 'plans/active/OPTICS-ALIGN-003/plan.md', '--rows', 'A2', '--rows', 'C2,B1', '--out', 'handoff.md', '--now', '2026-03-05T23:30:00Z'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const text = readFileSync(join(tmp.dir, 'handoff.md'), 'utf8');
    expect(text).toBe(readFileSync(join(EXPECTED, 'tasklist-plan.input.md'), 'utf8'));
    const read = matter(text);
    expect(read.data).toMatchObject({ brief: { initiative: 'OPTICS-ALIGN-003', phase: 'TODO' }, repo: '.' });
    expect(read.content).toContain('<!-- Notes for the recipient go here');
    const todo = await runCli(['validate', 'handoff.md'], { cwd: tmp.dir });
    expect(todo.stderr.trimEnd().split('\n')).toEqual([
      'handoff.md:10:10: brief.phase: still the placeholder TODO that handoff init wrote; fill in the phase handing over, e.g. E3',
      'handoff.md:11:27: brief.recipient.initiative: still the placeholder TODO that handoff init wrote; fill in the receiving initiative',
      'handoff.md:11:40: brief.recipient.phase: still the placeholder TODO that handoff init wrote; fill in the receiving phase, e.g. D3',
    ]);
    expect(todo.code).toBe(2);
    writeFileSync(join(tmp.dir, 'handoff.md'), text.replace('phase: TODO #', 'phase: B #').replace('{initiative: TODO, phase: TODO}', '{initiative: MODEL-FIT-004, phase: A}'));
    const validate = await runCli(['validate', 'handoff.md'], { cwd: tmp.dir });
    expect(validate.stdout).toBe('ok: handoff.md: 2 selectors, 0 references, 1 plan file checked against .\n');
    expect(validate.code).toBe(0);
  });

  test('without --now, brief.date is today by SOURCE_DATE_EPOCH, else the clock', async () => {
    makeRepo();
    const args = ['init', '--from-plan', 'plans/active/OPTICS-ALIGN-003/plan.md'];
    const epoch = await runCli(args, { cwd: tmp.dir, env: { SOURCE_DATE_EPOCH: String(Date.UTC(2026, 2, 5, 12) / 1000) } });
    expect(epoch.code).toBe(0);
    expect(parse(epoch.stdout)).toMatchObject({ brief: { date: '2026-03-05' } });
    const clock = await runCli(args, { cwd: tmp.dir });
    const today = new Date().toISOString().slice(0, 10);
    expect((parse(clock.stdout) as { brief: { date: string } }).brief.date).toMatch(new RegExp(`^(${today}|${new Date(Date.now() - 60_000).toISOString().slice(0, 10)})$`));
  });

  test('without --rows, the rows that are not done; a command quoted twice is one selector', async () => {
    makeRepo();
    const plan = join(tmp.dir, 'plans/active/OPTICS-ALIGN-003/plan.md');
    const text = readFileSync(plan, 'utf8')
      .replace('- [ ] B1: Scan the slit widths', '- [ ] B1: Run `pytest tests/test_mirrors.py -q` and scan the slit widths')
      .replace('1. [ ] C1: Draft the alignment note.', '1. [ ] C1: Draft the note after `pytest  tests/test_mirrors.py -q`, then `pytest tests/test_mirrors.py::test_positions_roundtrip` and `pytest tests/ | tee log`.');
    writeFileSync(plan, text);
    const r = await runCli(['init', '--from-plan', 'plans/active/OPTICS-ALIGN-003/plan.md'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('note: row C1 quotes `pytest tests/ | tee log`, which is not a selector (a pipe (|) is not allowed: a selector is one pytest command, run without a shell); left out\n');
    const data = parse(r.stdout) as { selectors: { id: string; run: string }[]; plans: { rows: string[] }[] };
    expect(data.plans[0]!.rows).toEqual(['B1', 'B2', 'OPTICS-ALIGN-003.B3', 'C1']);
    expect(data.selectors).toEqual([
      { id: 'mirrors', run: 'pytest tests/test_mirrors.py -q', purpose: 'Run `pytest tests/test_mirrors.py -q` and scan the slit widths (`--width` | `--height` pairs) and save `scan.csv`.' },
      { id: 'mirrors-2', run: 'pytest tests/test_mirrors.py::test_positions_roundtrip', purpose: expect.stringMatching(/^Draft the note/) as unknown as string },
    ]);
    expect(r.stdout).toContain('  # from rows B1, C1\n  - id: mirrors\n');
    expect(r.stdout).toContain('  # not a selector (row C1): pytest tests/ | tee log\n');
  });
});

describe('bad input: exit 2, nothing written', () => {
  const init = (...args: string[]) => runCli(['init', ...args], { cwd: tmp.dir });
  const nothingWritten = (): void => expect(readdirSync(tmp.dir).filter((f) => f !== 'plan.md' && f !== 'repo')).toEqual([]);

  test('an unknown --rows id names the ids there', async () => {
    const r = await init('--from-plan', join(EXAMPLE_REPO, EXAMPLE_PLAN), '--rows', 'D1,D9', '--out', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`handoff: --rows: no row with id D9 in ${EXAMPLE_PLAN}; ids there: C1, D1, D2, D3\n`);
    nothingWritten();
  });

  test('a plan whose rows are all done, without --rows', async () => {
    writeFileSync(join(tmp.dir, 'plan.md'), '# P\n\n- [x] A1: done\n');
    const r = await init('--from-plan', 'plan.md');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: every row of plan.md is done; name the rows to hand over with --rows ID…\n');
  });

  test('a plan with no checklist, a missing plan', async () => {
    writeFileSync(join(tmp.dir, 'plan.md'), '# P\n\nJust prose.\n');
    const none = await init('--from-plan', 'plan.md');
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('plan.md:1:1: no checklist (a table with ID and State columns, or a task list) in this file\n');
    const missing = await init('--from-plan', 'nope.md');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`nope.md:1:1: no such file (looked in ${tmp.dir})\n`);
  });

  test('a plan outside --repo', async () => {
    mkdirSync(join(tmp.dir, 'repo'));
    writeFileSync(join(tmp.dir, 'plan.md'), '# P\n\n- [ ] A1: open\n');
    const r = await init('--from-plan', 'plan.md', '--repo', 'repo', '--out', 'in.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: plan.md is not inside the repo repo; name the repo it belongs to with --repo DIR\n');
    nothingWritten();
  });

  test('--out that is neither YAML nor Markdown', async () => {
    const r = await init('--from-plan', join(EXAMPLE_REPO, EXAMPLE_PLAN), '--out', 'in.txt');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: --out in.txt: write the input to a .yaml, .yml or .md file\n');
    nothingWritten();
  });

  test('a missing repo folder is the environment: exit 3', async () => {
    writeFileSync(join(tmp.dir, 'plan.md'), '# P\n\n- [ ] A1: open\n');
    const r = await init('--from-plan', 'plan.md', '--repo', 'gone');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('repo folder gone does not exist\n');
  });
});

test('selector ids come from the file or folder each quoted command names', async () => {
  const plan = join(tmp.dir, 'plan.md');
  writeFileSync(
    plan,
    [
      '# Phase F plan (INIT-X)',
      '',
      '| ID | Task Description | State | How/Why & Guidance |',
      '| --- | --- | --- | --- |',
      '| F1 | Collect the torch suite | [ ] | Run `pytest --collect-only tests/torch/ -q` first. |',
      '| F2 | Check the loader | [ ] | `pytest tests/unit/test_io_loader.py -vv` must pass. |',
      '',
    ].join('\n'),
  );
  const r = await runCli(['init', '--from-plan', plan, '--rows', 'F1', 'F2', '--repo', tmp.dir], { cwd: tmp.dir });
  expect(r.code).toBe(0);
  const input = parse(r.stdout) as { selectors: Array<{ id: string; run: string }> };
  expect(input.selectors.map((s) => [s.id, s.run])).toEqual([
    ['torch', 'pytest --collect-only tests/torch/ -q'],
    ['io-loader', 'pytest tests/unit/test_io_loader.py -vv'],
  ]);
});
