// `handoff validate` through the built CLI: exit codes, the printed problem lines, no stack
// traces, and repo findings.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';
import { BAD_INPUTS, expectedLine, GOOD_DIR } from './bad-inputs.js';

const PHASE_E3 = 'data/integrate-pytorch-001/phase_e3.yaml';

describe('bad input exits 2 from validate and render, and nothing is written', () => {
  // Each fixture goes through the built CLI once, validate and render taking turns (both read the
  // input the same way); load-input.test.ts checks every fixture's positions in-process.
  test.each(Object.entries(BAD_INPUTS).map(([file, expected], i) => [file, i % 2 === 0 ? 'validate' : 'render', expected] as const))('%s (%s)', async (file, command, expected) => {
    const { dir, cleanup } = makeTempDir();
    try {
      const input = join('test/fixtures/inputs/bad', file);
      const out = join(dir, 'out');
      const args = command === 'validate' ? ['validate', input] : ['render', input, '--out', out, '--now', '2025-10-19T20:58:32Z'];
      const result = await runCli(args, { env: { TMPDIR: dir } });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(expected.length);
      lines.forEach((line, i) => {
        expect(line.startsWith(expectedLine(input, expected[i]!))).toBe(true);
        expect(line).toContain(expected[i]![3]);
      });
      expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  test('--json: a bad input is a document too (ok false, its problems as findings), exit 2, the lines on stderr', async () => {
    const input = join('test/fixtures/inputs/bad', 'missing-required.yaml');
    const result = await runCli(['validate', input, '--json']);
    expect(result.code).toBe(2);
    const doc = JSON.parse(result.stdout) as { repo: unknown; ok: boolean; findings: Array<{ line: number; col: number; path: string }> };
    expect(doc).toMatchObject({ file: input, repo: null, ok: false });
    const expected = BAD_INPUTS['missing-required.yaml']!;
    expect(doc.findings.map((f) => [f.line, f.col, f.path])).toEqual(expected.map((e) => [e[0], e[1], e[2]]));
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(expected.length);
  });

  test('a missing input file is named, exit 2', async () => {
    const result = await runCli(['validate', 'data/nope.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`data/nope.yaml: no such input file (looked for ${join(ROOT, 'data/nope.yaml')})\n`);
  });
});

describe('handoff validate: repo checks', () => {
  test('the Phase E3 input is clean against examples/ptychopinn-mini', async () => {
    const result = await runCli(['validate', PHASE_E3]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      `ok: ${PHASE_E3}: 8 selectors, 4 references, 1 plan file checked against examples/ptychopinn-mini\n`,
    );
    expect(result.code).toBe(0);
  });

  test('the Markdown example input is clean too', async () => {
    const result = await runCli(['validate', 'data/integrate-pytorch-001/phase_e3_notes.md']);
    expect(result.stdout).toBe(
      'ok: data/integrate-pytorch-001/phase_e3_notes.md: 2 selectors, 1 reference, 0 plan files checked against examples/ptychopinn-mini\n',
    );
    expect(result.code).toBe(0);
  });

  test('missing references, plan files and selector files are findings with positions, exit 1', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const repo = join(dir, 'repo');
      cpSync(join(ROOT, 'examples', 'ptychopinn-mini'), repo, { recursive: true });
      // Break three citations: a test file, a doc and the plan file.
      const input = readFileSync(join(ROOT, PHASE_E3), 'utf8')
        .replace('../../examples/ptychopinn-mini', 'repo')
        .replace('tests/torch/test_lightning_checkpoint.py', 'tests/torch/test_lightning_checkpointing.py')
        .replace('path: docs/findings.md', 'path: docs/finding.md')
        .replace('reports/2025-10-19T205832Z/phase_e3_docs_plan.md', 'reports/2025-10-19T205832Z/phase_e3_plan.md');
      writeFileSync(join(dir, 'phase_e3.yaml'), input);
      const result = await runCli(['validate', 'phase_e3.yaml'], { cwd: dir });
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines).toEqual([
        `phase_e3.yaml:61:10: selectors[6].run: test path tests/torch/test_lightning_checkpointing.py does not exist in repo; did you mean tests/torch/test_lightning_checkpoint.py?`,
        `phase_e3.yaml:126:12: plans[0].file: plan file plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_plan.md does not exist in repo; did you mean plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_docs_plan.md?`,
        `phase_e3.yaml:130:12: references[2].path: referenced file docs/finding.md does not exist in repo; did you mean docs/findings.md?`,
      ]);
      expect(result.stderr).toBe('3 problems found in phase_e3.yaml\n');
      // --json: the same findings as one document on stdout, the same exit code.
      const json = await runCli(['validate', 'phase_e3.yaml', '--json'], { cwd: dir });
      expect(json.code).toBe(1);
      expect(json.stderr).toBe('');
      const doc = JSON.parse(json.stdout) as { file: string; repo: string; collected: boolean; ok: boolean; findings: Array<{ file: string; line: number; col: number; path: string; message: string }> };
      expect(doc).toMatchObject({ file: 'phase_e3.yaml', repo: 'repo', collected: false, ok: false });
      expect(doc.findings.map((f) => `${f.file}:${f.line}:${f.col}: ${f.path}: ${f.message}`)).toEqual(lines);
    } finally {
      cleanup();
    }
  });

  test('a plan row the plan file does not have is a finding (0.1.0 printed ok and the brief showed "not found")', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const input = readFileSync(join(ROOT, PHASE_E3), 'utf8')
        .replace('../../examples/ptychopinn-mini', join(ROOT, 'examples/ptychopinn-mini'))
        .replace('rows: [D1, D2, D3]', 'rows: [D1, D33, X9]');
      writeFileSync(join(dir, 'phase_e3.yaml'), input);
      const result = await runCli(['validate', 'phase_e3.yaml'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout.trimEnd().split('\n')).toEqual([
        expect.stringMatching(/^phase_e3\.yaml:126:\d+: plans\[0\]\.rows\[1\]: plan \S+phase_e3_docs_plan\.md has no row D33; did you mean D3\?$/),
        expect.stringMatching(/^phase_e3\.yaml:126:\d+: plans\[0\]\.rows\[2\]: plan \S+ has no row X9; rows there: C1, D1, D2, D3$/),
      ]);
    } finally {
      cleanup();
    }
  });

  test('--repo is relative to the current folder and wins over repo:', async () => {
    const result = await runCli(['validate', join('..', PHASE_E3), '--repo', '../examples/ptychopinn-mini'], { cwd: join(ROOT, 'test') });
    expect(result.code).toBe(0);
    const wrong = await runCli(['validate', PHASE_E3, '--repo', 'test']);
    expect(wrong.code).toBe(1);
    // None of the input's files is in test/: one finding about the folder, not one per file.
    expect(wrong.stdout).toBe(
      `${PHASE_E3}:1:1: --repo test resolves to ${join(ROOT, 'test')}, which holds none of the 13 files this input cites (specs/ptychodus_api_spec.md, docs/workflows/pytorch.md and 11 more); pass the folder the input was written for\n`,
    );
  });

  test('a path that leaves the repo is a finding', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      mkdirSync(join(dir, 'repo'));
      writeFileSync(join(dir, 'secret.md'), 'x');
      const minimal = readFileSync(join(GOOD_DIR, 'minimal.yaml'), 'utf8');
      writeFileSync(join(dir, 'in.yaml'), `${minimal}repo: repo\nreferences: [{path: ../secret.md}]\n`);
      const result = await runCli(['validate', 'in.yaml'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe(`in.yaml:9:21: references[0].path: referenced file ../secret.md is outside the repo (repo)\n`);
    } finally {
      cleanup();
    }
  });

  test('a missing repo folder is an environment error, exit 3', async () => {
    const result = await runCli(['validate', relative(ROOT, join(GOOD_DIR, 'full.yaml'))]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'test/fixtures/inputs/good/full.yaml: repo: repo points at test/fixtures/inputs/good/repo, which does not exist; fix repo: or pass --repo DIR\n',
    );
    const flag = await runCli(['validate', PHASE_E3, '--repo', 'no/such/dir']);
    expect(flag.code).toBe(3);
    expect(flag.stderr).toBe('--repo no/such/dir: the folder given does not exist\n');
  });

  test('a Markdown input validates, and its problems count whole-file lines', async () => {
    const good = await runCli(['validate', relative(ROOT, join(GOOD_DIR, 'notes.md'))]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^ok: test\/fixtures\/inputs\/good\/notes\.md/);
  });
});

describe('handoff schema', () => {
  test('the committed JSON Schema is what the zod schema generates (run `npm run schema`)', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(ROOT, 'schema', 'handoff-input.schema.json'), 'utf8')).toBe(result.stdout);
  });
});
