// `handoff validate` finds before a run what 0.2 found only after one, or said ten times: the
// rows and item `publish` will edit, TODOs left by `init`, a `repo:` that points at the wrong
// folder, and "did you mean" by edit distance. Real files in a temp folder, the built CLI.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-validate-before-');
  const repo = join(tmp.dir, 'repo');
  mkdirSync(join(repo, 'plans'), { recursive: true });
  mkdirSync(join(repo, 'docs'), { recursive: true });
  mkdirSync(join(repo, 'tests'), { recursive: true });
  writeFileSync(
    join(repo, 'plans', 'phase.md'),
    [
      '# Phase B plan',
      '',
      '| ID | Task Description | State | How/Why & Guidance |',
      '| --- | --- | --- | --- |',
      ...['A1', 'A5', 'B1', 'B2', 'B3', 'B4'].map((id) => `| ${id} | Task ${id} | [ ] | Guidance ${id}. |`),
      '| R1 | Repeated once | [ ] | |',
      '| R1 | Repeated twice | [ ] | |',
      '',
    ].join('\n'),
  );
  // A table without a guidance column: rows can be marked, but a note has nowhere to go.
  writeFileSync(join(repo, 'plans', 'bare.md'), '# Bare\n\n| ID | State |\n| --- | --- |\n| X1 | [ ] |\n');
  writeFileSync(
    join(repo, 'docs', 'fix_plan.md'),
    '# Fix plan\n\n## [PHASE-B-001] Phase B\n- Attempts History:\n  * [2025-10-18] Attempt #1 — Started. Artifacts: `plans/phase.md`\n',
  );
  writeFileSync(join(repo, 'tests', 'test_a.py'), 'def test_a():\n    pass\n');
});
afterEach(() => tmp.cleanup());

const HEAD = 'version: 1\nbrief: {id: b, title: B, initiative: PHASE-B-001, phase: B, recipient: {initiative: PHASE-C-002, phase: C}}\n';
function input(body: string, head = `${HEAD}repo: repo\n`): void {
  writeFileSync(join(tmp.dir, 'in.yaml'), `${head}${body}`);
}
const validate = (...args: string[]) => runCli(['validate', 'in.yaml', ...args], { cwd: tmp.dir });

describe('publish.mark and publish.ledger are checked like plans:', () => {
  test('a clean publish section passes, and a table without a guidance column takes a mark without a note', async () => {
    input(
      'publish:\n  mark:\n    - {file: plans/phase.md, rows: [B1, B2], note: "Brief out"}\n    - {file: plans/bare.md, rows: [X1], state: partial}\n  ledger: {file: docs/fix_plan.md, item: PHASE-B-001, summary: Brief published}\n',
    );
    const r = await validate();
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok: in.yaml: 0 selectors, 0 references, 0 plan files checked against repo\n');
    expect(r.code).toBe(0);
  });

  test('typos in files, row ids and the item are findings (exit 1) at their positions, with "did you mean"', async () => {
    input(
      [
        'publish:',
        '  mark:',
        '    - {file: plans/phase.md, rows: [B1, B5], state: done}',
        '    - {file: plans/phases.md, rows: [A1]}',
        '  ledger: {file: docs/fix_plan.md, item: PHASE-B-01, summary: Brief published}',
        '',
      ].join('\n'),
    );
    const r = await validate();
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'in.yaml:6:41: publish.mark[0].rows[1]: plan plans/phase.md has no row B5; did you mean B4?',
      'in.yaml:7:14: publish.mark[1].file: plan file plans/phases.md does not exist in repo; did you mean plans/phase.md?',
      'in.yaml:8:42: publish.ledger.item: ledger docs/fix_plan.md has no item [PHASE-B-01]; did you mean [PHASE-B-001]?',
    ]);
    expect(r.stderr).toBe('3 problems found in in.yaml\n');
    expect(r.code).toBe(1);
  });

  test('rows publish could not mark: an id on two rows, a note with no column to go in; a ledger with no place for the entry', async () => {
    writeFileSync(join(tmp.dir, 'repo', 'docs', 'items.md'), '# Ledger\n\n## [ONE-001] One\n- Status: open\n');
    input(
      [
        'publish:',
        '  mark:',
        '    - {file: plans/phase.md, rows: [R1]}',
        '    - {file: plans/bare.md, rows: [X1], note: Done}',
        '  ledger: {file: docs/items.md, summary: Brief published}',
        '',
      ].join('\n'),
    );
    const r = await validate();
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'in.yaml:6:37: publish.mark[0].rows[0]: plan plans/phase.md has row R1 2 times (lines 11, 12); publish cannot tell which to mark',
      'in.yaml:7:47: publish.mark[1].note: plan plans/bare.md line 5, row X1: cannot add the note: table 1 has no guidance column',
      'in.yaml:8:18: publish.ledger.file: ledger docs/items.md has no top-level "## Attempts History" section to add an entry to; name the item the entry goes under with item:',
    ]);
    expect(r.code).toBe(1);
  });
});

describe('TODO left by init is bad input', () => {
  test('each TODO is a problem at its position, exit 2; render still takes the draft', async () => {
    input('selectors:\n  - {id: a, run: pytest tests/test_a.py, purpose: TODO}\n', 'version: 1\nbrief:\n  id: b\n  title: B\n  initiative: PHASE-B-001\n  phase: TODO\n  recipient: {initiative: TODO, phase: C}\nrepo: repo\n');
    const r = await validate();
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'in.yaml:6:10: brief.phase: still the placeholder TODO that handoff init wrote; fill in the phase handing over, e.g. E3',
      'in.yaml:7:27: brief.recipient.initiative: still the placeholder TODO that handoff init wrote; fill in the receiving initiative',
      'in.yaml:10:51: selectors[0].purpose: still the placeholder TODO that handoff init wrote; fill in the value',
    ]);
    expect(r.code).toBe(2);
    const render = await runCli(['render', 'in.yaml', '--stdout', '--now', '2025-10-19T20:58:32Z'], { cwd: tmp.dir });
    expect(render.code).toBe(0);
  });

  test('TODO inside a longer text is the user\'s own words, not a placeholder', async () => {
    input('open_questions: ["TODO: ask about CI", "Who owns TODO.md?"]\n');
    expect((await validate()).code).toBe(0);
  });
});

describe('a repo folder that holds none of the cited files: one finding that says where it resolved', () => {
  const cites = 'references: [{path: docs/fix_plan.md}, {path: plans/phase.md}]\nselectors:\n  - {id: a, run: pytest tests/test_a.py tests/test_b.py, purpose: P}\n';

  test('from repo: (0.2 printed one "does not exist" line per file)', async () => {
    mkdirSync(join(tmp.dir, 'elsewhere'));
    input(cites, `${HEAD}repo: elsewhere\n`);
    const r = await validate('--collect');
    expect(r.stdout).toBe(
      `in.yaml:3:7: repo: elsewhere resolves to ${join(tmp.dir, 'elsewhere')}, which holds none of the 4 files this input cites (docs/fix_plan.md, plans/phase.md and 2 more); fix repo: (it is relative to this file) or pass --repo DIR\n`,
    );
    expect(r.stderr).toBe('1 problem found in in.yaml\n');
    expect(r.code).toBe(1);
  });

  test('from --repo, and from the current folder', async () => {
    input(cites, HEAD);
    const flag = await validate('--repo', 'repo/docs');
    expect(flag.stdout).toBe(`in.yaml:1:1: --repo repo/docs resolves to ${join(tmp.dir, 'repo', 'docs')}, which holds none of the 4 files this input cites (docs/fix_plan.md, plans/phase.md and 2 more); pass the folder the input was written for\n`);
    expect(flag.code).toBe(1);
    const here = await validate();
    expect(here.stdout).toBe(`in.yaml:1:1: the repo is the current folder ${tmp.dir} (the input has no repo:), which holds none of the 4 files this input cites (docs/fix_plan.md, plans/phase.md and 2 more); add repo: to the input or pass --repo DIR\n`);
    expect(here.code).toBe(1);
  });

  test('when some cited files are there, each missing one is its own finding', async () => {
    input(cites);
    const r = await validate();
    expect(r.stdout).toBe('in.yaml:6:18: selectors[0].run: test path tests/test_b.py does not exist in repo; did you mean tests/test_a.py?\n');
    expect(r.code).toBe(1);
  });
});

test('a plan row in plans: suggests its neighbour: B5 → B4 (0.2: A5)', async () => {
  input('plans:\n  - {file: plans/phase.md, rows: [B4, B5]}\n');
  const r = await validate();
  expect(r.stdout).toBe('in.yaml:5:39: plans[0].rows[1]: plan plans/phase.md has no row B5; did you mean B4?\n');
  expect(r.code).toBe(1);
});
