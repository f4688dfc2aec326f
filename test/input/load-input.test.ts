import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { loadInput } from '../../src/input/load-input.js';
import { makeTempDir, ROOT } from '../helpers/cli.js';
import { BAD_DIR, BAD_INPUTS, GOOD_DIR } from './bad-inputs.js';

async function problemsOf(file: string) {
  try {
    await loadInput({ file, cwd: BAD_DIR });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error(`${file} loaded without problems`);
}

describe('loadInput: bad inputs', () => {
  test('every fixture in bad/ has expectations', () => {
    expect(readdirSync(BAD_DIR).sort()).toEqual(Object.keys(BAD_INPUTS).sort());
  });

  test.each(Object.entries(BAD_INPUTS))('%s reports every problem with its position', async (file, expected) => {
    const problems = await problemsOf(file);
    expect(problems.map((p) => [p.line, p.col, p.path])).toEqual(expected.map(([l, c, p]) => [l, c, p]));
    problems.forEach((p, i) => {
      expect(p.file).toBe(file);
      expect(p.message).toContain(expected[i]![3]);
    });
  });

  test('the alias bomb is refused, not expanded', async () => {
    // Expanding it would build 9^9 strings: the test would run out of memory or time long
    // before it could see this problem.
    const problems = await problemsOf('alias-bomb.yaml');
    expect(problems).toHaveLength(1);
  });

  test('a missing input file is named', async () => {
    await expect(loadInput({ file: 'no-such.yaml', cwd: BAD_DIR })).rejects.toThrow(/^no-such\.yaml: no such input file/);
  });

  test('a folder is not an input', async () => {
    await expect(loadInput({ file: '.', cwd: BAD_DIR })).rejects.toThrow(/is a folder/);
  });
});

describe('loadInput: good inputs', () => {
  test('every field is normalised into the model', async () => {
    const loaded = await loadInput({ file: 'full.yaml', cwd: GOOD_DIR });
    const { data } = loaded;
    expect(loaded.repoDir).toBe(join(GOOD_DIR, 'repo'));
    expect(data.brief).toEqual({
      id: 'full_brief-1',
      title: 'Every field',
      initiative: 'INTEGRATE-PYTORCH-001',
      phase: 'E3',
      recipient: { initiative: 'TEST-PYTORCH-001', phase: 'D3' },
      template: 'handoff',
      stamp: '2025-10-19T205832Z',
      date: '2025-10-19',
    });
    expect(data.purpose).toBe('Why & how -> "quoted" <b>\n');
    expect(data.flags).toEqual([{ name: 'backend', where: 'TrainingConfig.backend', values: ['tensorflow', 'pytorch'], default: 'tensorflow', notes: 'a | b' }]);
    expect(data.contract).toEqual(['`x` raises']);
    const [unit, suite] = data.selectors;
    expect(unit).toEqual({
      id: 'unit',
      run: 'python3 -m pytest tests/test_a.py::TestA::test_x[1] tests/b -k "a or b" -p no:cacheprovider --deselect tests/c.py::t -vv',
      pytestArgs: ['tests/test_a.py::TestA::test_x[1]', 'tests/b', '-k', 'a or b', '-p', 'no:cacheprovider', '--deselect', 'tests/c.py::t', '-vv'],
      files: ['tests/test_a.py', 'tests/b'],
      collectOnly: false,
      purpose: 'Unit',
      group: 'critical',
      owner: 'me',
      markers: ['torch', 'slow'],
      expect: 'fail',
      timeout: 5400,
      runtime: { max: 90, warn: 60, expected: 36, tolerance: 5, min: 20 },
    });
    expect(suite).toEqual({ id: 'whole-suite', run: 'pytest', pytestArgs: [], files: [], collectOnly: false, purpose: 'Everything', markers: [], expect: 'pass' });
    expect(data.ci).toEqual({
      markers: [{ name: 'integration', meaning: 'end to end', registered: false }],
      timeout: 120,
      retries: 1,
      retry_on: ['timeout', 'failure'],
      skip_policy: 'skip when torch is absent',
      environment: [{ name: 'CUDA_VISIBLE_DEVICES', value: '', why: 'CPU only' }],
      requirements: ['Python 3.11+'],
      python: '3.11',
      setup: ['pip install -r requirements-ci.txt', 'pip install -e . --no-deps'],
    });
    // A collection check: its expect defaults to collect (docs/input-format.md).
    expect(data.selectors[2]).toMatchObject({ id: 'imports', collectOnly: true, expect: 'collect', collected: { min: 66 }, files: ['tests'] });
    expect(data.artifacts).toEqual({ dir: 'plans/active/{initiative}/reports/{stamp}-{id}/' });
    expect(data.publish).toEqual({
      mark: [
        { file: 'plans/plan.md', rows: ['D1'], state: 'done', note: 'Brief published' },
        { file: 'plans/plan.md', rows: ['D2'], state: 'partial' },
      ],
      ledger: { file: 'docs/fix_plan.md', item: 'INTEGRATE-PYTORCH-001-STUBS', summary: 'Handoff brief published' },
    });
    expect(data.coordination).toEqual([{ topic: 'CI', with: 'TEST', action: 'Adopt a, b and c', status: 'agreed' }]);
    expect(data.ownership).toEqual([{ component: 'src/', owner: 'me', scope: 'all', contact: 'TBD' }]);
    expect(data.escalation).toEqual({ path: 'ask', triggers: [{ id: 'RT-001', when: 'slow', response: 'same day', owner: 'me' }] });
    expect(data.followups.map((f) => [f.id, f.cadence, f.cadenceText, f.selectors, f.paths, f.next])).toEqual([
      ['pr', { kind: 'per-pr' }, 'per-pr', ['unit'], [], undefined],
      ['fortnight', { kind: 'every', count: 2, unit: 'weeks' }, 'every 2 weeks', ['unit', 'whole-suite'], [], '2025-10-31'],
      ['change', { kind: 'on-change' }, 'on-change', [], ['src/model.py'], undefined],
      ['day', { kind: 'every', count: 1, unit: 'days' }, 'every 1 day', [], [], undefined],
    ]);
    expect(data.followups[1]).toMatchObject({ owner: 'me', expect: '6 passed' });
    expect(data.plan_extension).toEqual({ recommend: true, phase: 'D4', reason: 'CI' });
    expect(data.open_questions).toEqual(['Why?']);
    expect(data.plans).toEqual([{ file: 'plans/plan.md', rows: ['D1', 'D2'] }]);
    expect(data.references).toEqual([{ path: 'docs/a.md', anchor: '4.8', note: 'spec' }]);
    expect(data.checklist).toEqual([{ item: 'reviewed', done: true }, { item: 'logged', done: false }]);
    expect(data.notes).toBeUndefined();
  });

  test('a minimal input gets empty lists and no optional sections', async () => {
    const { data, repoDir } = await loadInput({ file: 'good/minimal.yaml', cwd: join(GOOD_DIR, '..') });
    expect(repoDir).toBe(join(GOOD_DIR, '..'));
    expect(data).toEqual({
      version: 1,
      brief: { id: 'fixture', title: 'Fixture brief', initiative: 'A', phase: 'E3', recipient: { initiative: 'B', phase: 'D3' } },
      flags: [],
      contract: [],
      selectors: [],
      coordination: [],
      ownership: [],
      followups: [],
      open_questions: [],
      plans: [],
      references: [],
      checklist: [],
    });
  });

  test('a Markdown input: front matter fields, body as notes, positions in whole-file lines', async () => {
    const loaded = await loadInput({ file: 'notes.md', cwd: GOOD_DIR });
    expect(loaded.data.brief.id).toBe('notes_brief');
    expect(loaded.data.notes).toBe('## Notes for the recipient\n\nBody text with a `code span` & <angle> brackets.\n');
    expect(loaded.positionOf(['brief', 'title'])).toEqual({ line: 6, col: 10 });
    expect(loaded.positionOf(['brief', 'recipient', 'phase'])).toEqual({ line: 9, col: 37 });
  });

  test('a CRLF Markdown input gives the same data, and LF notes, with the same positions', async () => {
    const tmp = makeTempDir();
    try {
      const text = readFileSync(join(GOOD_DIR, 'notes.md'), 'utf8').replace(/\n/g, '\r\n');
      await writeFile(join(tmp.dir, 'notes.md'), text);
      const crlf = await loadInput({ file: 'notes.md', cwd: tmp.dir });
      const lf = await loadInput({ file: 'notes.md', cwd: GOOD_DIR });
      expect(crlf.data.notes).toBe(lf.data.notes);
      expect(crlf.data.notes).not.toContain('\r');
      expect(crlf.data.brief).toEqual(lf.data.brief);
      expect(crlf.positionOf(['brief', 'title'])).toEqual(lf.positionOf(['brief', 'title']));
    } finally {
      tmp.cleanup();
    }
  });

  test('positionOf falls back to the nearest existing ancestor', async () => {
    const loaded = await loadInput({ file: 'full.yaml', cwd: GOOD_DIR });
    expect(loaded.positionOf(['selectors', 0, 'run'])).toEqual({ line: 19, col: 10 });
    expect(loaded.positionOf(['selectors', 0, 'nothing-here'])).toEqual({ line: 18, col: 5 });
    expect(loaded.positionOf(['selectors', 9])).toEqual({ line: 18, col: 3 });
    expect(loaded.positionOf([])).toEqual({ line: 1, col: 1 });
  });

  test('--repo wins over the input\'s repo, relative to cwd', async () => {
    const loaded = await loadInput({ file: 'good/full.yaml', cwd: join(GOOD_DIR, '..'), repo: 'elsewhere' });
    expect(loaded.repoDir).toBe(join(GOOD_DIR, '..', 'elsewhere'));
  });

  test('a byte-order mark and CRLF line ends are accepted', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const text = readFileSync(join(GOOD_DIR, 'minimal.yaml'), 'utf8');
      await writeFile(join(dir, 'crlf.yaml'), `\uFEFF${text.replace(/\n/g, '\r\n')}`);
      const loaded = await loadInput({ file: 'crlf.yaml', cwd: dir });
      expect(loaded.data.brief.title).toBe('Fixture brief');
      expect(loaded.positionOf(['brief', 'title'])).toEqual({ line: 4, col: 10 });
    } finally {
      cleanup();
    }
  });

  test('the Phase E3 input loads with its repo', async () => {
    const loaded = await loadInput({ file: 'data/integrate-pytorch-001/phase_e3.yaml', cwd: ROOT });
    expect(loaded.repoDir).toBe(join(ROOT, 'examples', 'ptychopinn-mini'));
    expect(loaded.data.selectors.map((s) => s.id)).toEqual([
      'integration', 'backend-selection', 'tf-baseline', 'config-bridge-parity', 'lightning-orchestration', 'stitching', 'checkpoint', 'decoder-parity',
    ]);
    expect(loaded.data.selectors[0]).toMatchObject({
      files: ['tests/torch/test_integration_workflow_torch.py'],
      runtime: { max: 90, warn: 60, expected: 36, tolerance: 5, min: 20 },
    });
    expect(loaded.data.followups.at(-1)).toMatchObject({ cadence: { kind: 'every', count: 2, unit: 'weeks' }, next: '2025-10-31' });
  });
});
