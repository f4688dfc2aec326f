// The brief tells the truth at a glance (issue: field-ready 0.2), end to end: one real `run` on
// the faults fixture project, then the brief it wrote is read for each point; and regenerating a
// brief keeps its evidence while showing the plan as it is now.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';
import { makeScratch, writeEvidence } from '../publish/scratch.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
const NOW = '2025-10-19T20:58:32Z';

describe('one run on the faults project', () => {
  const tmp = makeTempDir('handoff-truths-');
  let brief = '';
  let manifest: EvidenceManifest;
  let stderr = '';
  let code: number | null = null;
  beforeAll(async () => {
    writeFileSync(
      join(tmp.dir, 'faults.yaml'),
      `version: 1
brief: {id: truths, title: Truths, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}
repo: ${FAULTS}
selectors:
  - {id: expected-failure, run: pytest tests/test_fail_deep.py::test_deep_failure, purpose: documents a known bug, expect: fail}
  - {id: expected-skip, run: pytest tests/test_skip.py, purpose: GPU only, expect: skip}
  - {id: hangs-late, run: pytest tests/test_passes_then_hangs.py -v, purpose: three pass then one hangs, timeout: 3s}
  - {id: filtered, run: pytest tests/test_pass.py -m "not slow", purpose: a marker expression}
  - {id: imports, run: pytest --collect-only tests/test_collect_count.py -q, purpose: the module imports, collected: {min: 9}}
ci:
  markers: [{name: slow, meaning: long tests, registered: true}]
ownership:
  - {component: tests/, owner: Faults team}
  - {component: tests/test_skip.py, owner: GPU team}
references:
  - {path: tests/test_pass.py, note: the plainest test}
  - {path: docs/gone.md, note: not in the repo}
`,
    );
    const r = await runCli(['run', 'faults.yaml', '--out', 'deep/out/dir', '--now', NOW, '--jobs', '3'], { cwd: tmp.dir });
    ({ stderr, code } = r);
    brief = readFileSync(join(tmp.dir, 'deep/out/dir/truths.md'), 'utf8');
    manifest = JSON.parse(readFileSync(join(tmp.dir, 'deep/out/dir/truths.evidence.json'), 'utf8')) as EvidenceManifest;
  }, 60_000);
  afterAll(() => tmp.cleanup());

  const row = (id: string): string => brief.split('\n').find((l) => l.startsWith(`| ${id} |`)) ?? '';

  test('the verdict opens the brief and ends the run', () => {
    const verdict = /^\*\*Verdict:\*\* (3 of 5 selectors as expected \(1 known failure, 1 expected skip\); not as expected: hangs-late timed out, imports collected \(expected to collect tests\)\.)$/m.exec(brief)?.[1];
    expect(verdict).toBeDefined();
    expect(brief.split('\n')[2]).toBe(`**Verdict:** ${verdict}`);
    // The run's last line is the same verdict, with where its evidence came from.
    const line = `${verdict!.slice(0, -1)}; evidence from 2025-10-19T20:58:32Z, commit `;
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[0-9a-f]{7}\\. Evidence in `));
    expect(code).toBe(1);
  });

  test('an expected failure and an expected skip are met: ✓ and "expected", in the brief and in the progress', () => {
    expect(row('expected-failure')).toMatch(/\| ✓ failed, as expected: 1 failed in [\d.]+s; \[log\]/);
    expect(row('expected-skip')).toMatch(/\| ✓ skipped, as expected: 2 skipped in [\d.]+s; \[log\]/);
    expect(stderr).toMatch(/\] ✓ expected-failure: failed, as expected \(/);
    expect(stderr).toMatch(/\] ✓ expected-skip: skipped, as expected \(/);
    expect(`${brief}\n${stderr}`).not.toMatch(/met (its|their) expect|expect: /);
    // Its failure is shown as the expected one, not among the failures.
    const failures = brief.slice(brief.indexOf('### Failures'), brief.indexOf('### Expected failures'));
    expect(failures).not.toContain('`expected-failure`');
    expect(brief.slice(brief.indexOf('### Expected failures'))).toMatch(/^### Expected failures\n\nThese selectors expect to fail, and did\.\n\n#### `expected-failure` \(failed\)\n/);
  });

  test('a timeout shows the counts pytest printed before the kill', () => {
    expect(row('hangs-late')).toMatch(/\| ✗ \*\*timed out\*\* \(expected to pass\) after [\d.]+s; 3 passed before it; \[log\]/);
    expect(manifest.selectors.find((s) => s.id === 'hangs-late')?.counts).toMatchObject({ passed: 3, failed: 0 });
  });

  test('a collection check: "5 collected", and fewer than collected.min fails its expect', () => {
    expect(row('imports')).toMatch(/\| ✗ \*\*collected\*\* \(expected to collect tests\): 5 collected in [\d.]+s; collected 5, fewer than the minimum 9; \[log\]/);
    expect(manifest.selectors.find((s) => s.id === 'imports')).toMatchObject({ outcome: 'collected', expect: 'collect', met: false, counts: { collected: 5 } });
  });

  test('skip reasons with counts in the appendix', () => {
    expect(brief).toContain('### Skipped tests\n\n| Selector | Reason | Tests |\n| --- | --- | --- |\n');
    expect(brief).toContain('| `expected-skip` | needs a GPU | 1 |');
    expect(brief).toContain('| `expected-skip` | PyTorch not available (TF-only CI) | 1 |');
  });

  test('owners by the longest path prefix, markers from -m, registration from the repo\'s pytest configuration', () => {
    expect(row('expected-failure')).toContain('| Faults team |');
    expect(row('expected-skip')).toContain('| GPU team |');
    expect(row('filtered')).toContain('| `not slow` |');
    expect(brief).toContain('| `slow` | long tests | **no** (pytest.ini; the input says yes) |');
  });

  test('references link to the file when it is in the repo', () => {
    expect(brief).toMatch(/^- \[`tests\/test_pass\.py`\]\(\.\.\/(\.\.\/)+\S*test\/fixtures\/pyprojects\/faults\/tests\/test_pass\.py\) — the plainest test$/m);
    expect(brief).toContain('- `docs/gone.md` — not in the repo');
  });

  test('the repository is named as its reader knows it, with the commit, never as a path from the input or --out', () => {
    // The checkout's folder name stands for the repository here (a clone of this project has no
    // origin of a hosting service in CI); the fixture project is a folder inside it.
    expect(brief).toMatch(/^- \*\*Repository:\*\* `[^`/]+`, folder `test\/fixtures\/pyprojects\/faults` at commit `[0-9a-f]{7}`$/m);
    const header = brief.slice(0, brief.indexOf('\n## '));
    expect(header).not.toContain(FAULTS);
    expect(header).not.toContain('..');
  });
});

describe('regenerating a brief', () => {
  const tmp = makeTempDir('handoff-regen-');
  afterAll(() => tmp.cleanup());

  test('render picks up the evidence beside the brief: --check passes after run, a plan edit keeps the evidence and shows the new state', async () => {
    const s = makeScratch(tmp.dir);
    await writeEvidence(s);
    const first = await runCli(['render', 'handoff.yaml', '--now', NOW], { cwd: s.dir });
    expect(first.code).toBe(0);
    const check = await runCli(['render', 'handoff.yaml', '--check', '--now', '2025-11-02T10:00:00Z'], { cwd: s.dir });
    expect(check.stderr).toContain('out/phase_e3_handoff.md is up to date');
    expect(check.code).toBe(0);
    const plan = 'repo/plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_docs_plan.md';
    expect((await runCli(['plan', 'mark', plan, 'D1'], { cwd: s.dir })).code).toBe(0);
    const stale = await runCli(['render', 'handoff.yaml', '--check', '--now', NOW], { cwd: s.dir });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('+| D1 | [x] done |');
    const again = await runCli(['render', 'handoff.yaml', '--now', NOW], { cwd: s.dir });
    expect(again.code).toBe(0);
    const text = readFileSync(join(s.out, 'phase_e3_handoff.md'), 'utf8');
    expect(text).toContain('| D1 | [x] done |');
    expect(text).toMatch(/\| ✓ 1 passed in 0\.5s; \[log\]\(logs\/integration\.log\) \|/);
    expect(text).toContain('## Evidence appendix');
    // --no-evidence leaves it out, on purpose only.
    const bare = await runCli(['render', 'handoff.yaml', '--now', NOW, '--no-evidence', '--stdout'], { cwd: s.dir });
    expect(bare.stdout).not.toContain('## Evidence appendix');
    expect(bare.stdout).toContain('**Verdict:** Not run yet: no evidence for the 8 selectors.');
  });

  test('a log changed since the run is marked in the brief and fails --check', async () => {
    const s = makeScratch(join(tmp.dir, 'b'));
    await writeEvidence(s);
    expect((await runCli(['render', 'handoff.yaml', '--now', NOW], { cwd: s.dir })).code).toBe(0);
    writeFileSync(join(s.out, 'logs', 'stitching.log'), 'edited by hand\n');
    const check = await runCli(['render', 'handoff.yaml', '--check', '--now', NOW], { cwd: s.dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('+**Logs changed since the run:** `stitching` (changed); the evidence above no longer matches its logs.');
    expect(check.stdout).toMatch(/\+\| stitching \|.*\[log\]\(logs\/stitching\.log\) \(\*\*log changed since the run\*\*\) \|/);
  });
});
