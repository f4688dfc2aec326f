// The hand-over in CI, end to end through the built CLI on real pytest: the job summary,
// annotations and log groups with GITHUB_ACTIONS=true, --fail-on guardrail, --json, and a run
// split into shards on "two machines" (two folders) merged into one brief.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
const PHASE_E3 = 'data/integrate-pytorch-001/phase_e3.yaml';
const NOW = '2025-10-19T20:58:32Z';
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-ci-run-');
});
afterEach(() => tmp.cleanup());

function faultsInput(selectors: string): string {
  const file = join(tmp.dir, 'faults.yaml');
  writeFileSync(file, `version: 1\nbrief: {id: faults, title: Fault cases, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\nrepo: ${FAULTS}\nselectors:\n${selectors}\n`);
  return file;
}

const readManifest = (path: string): EvidenceManifest => JSON.parse(readFileSync(path, 'utf8')) as EvidenceManifest;

describe('on GitHub Actions', () => {
  test('job summary, ::error at the failing test, ::warning per guardrail finding, log tail in a group; exit 1', async () => {
    const input = faultsInput(
      '  - {id: ok, run: pytest tests/test_pass.py, purpose: passes, runtime: {max: 1h, min: 30m}}\n  - {id: broken, run: pytest tests/test_fail_deep.py, purpose: fails}',
    );
    const summary = join(tmp.dir, 'step-summary.md');
    writeFileSync(summary, '## An earlier step\n');
    const r = await runCli(['run', input, '--out', join(tmp.dir, 'out'), '--now', NOW], {
      env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: FAULTS },
    });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const error = lines.find((l) => l.startsWith('::error '));
    // The test function's own line (def test_deep_failure), as JUnit recorded it.
    const defLine = readFileSync(join(FAULTS, 'tests/test_fail_deep.py'), 'utf8').split('\n').indexOf('def test_deep_failure():') + 1;
    expect(error).toMatch(
      new RegExp(`^::error title=broken,file=tests/test_fail_deep\\.py,line=${defLine}::failed \\(expected to pass\\): 1 passed, 1 failed in [\\d.]+s — tests/test_fail_deep\\.py::test_deep_failure: ValueError: bottom of a 60-frame stack$`),
    );
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(1);
    expect(lines).toContainEqual(expect.stringMatching(/^::warning title=ok%3A runtime guardrail::ok took [\d.]+s: below min \(30m\)$/));
    const group = lines.indexOf(lines.find((l) => l.startsWith('::group::broken (failed): last lines of '))!);
    expect(group).toBeGreaterThan(-1);
    expect(lines.slice(group).indexOf('::endgroup::')).toBeGreaterThan(1);
    expect(lines.slice(group, group + 45).join('\n')).toContain('ValueError: bottom of a 60-frame stack');
    // The summary is appended to what earlier steps wrote.
    const text = readFileSync(summary, 'utf8');
    expect(text).toMatch(/^## An earlier step\n## Fault cases\n\n\*\*1 of 2 selectors as expected; not as expected: broken failed; evidence from 2025-10-19T20:58:32Z, /);
    expect(text).toContain('| ✗ | broken | **failed** (expected to pass): 1 passed, 1 failed in ');
    expect(text).toMatch(/\| ✓ \| ok \| 3 passed in [\d.]+s; below min \(30m\) \|/);
    expect(text).toContain('<summary>broken: tests/test_fail_deep.py::test_deep_failure: ValueError: bottom of a 60-frame stack</summary>');
    expect(text).toContain('_1 of 1 failure excerpts shown;');
    // Off GitHub, the tail is plain text on stderr instead, and stdout stays empty.
    const plain = await runCli(['run', input, '--out', join(tmp.dir, 'out2'), '--now', NOW]);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toMatch(/--- broken \(failed\): last lines of \S+broken\.log ---\n[\s\S]*ValueError: bottom of a 60-frame stack[\s\S]*\n---\n/);
  });

  test('--fail-on guardrail turns a max/min breach into exit 1; without it the run passes; --json is one document', async () => {
    const input = faultsInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes, runtime: {min: 30m}}');
    const plain = await runCli(['run', input, '--out', join(tmp.dir, 'a'), '--now', NOW, '--json', '--quiet']);
    expect(plain.code).toBe(0);
    const doc = JSON.parse(plain.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ all_met: true, exit_code: 0, shard: null, guardrail_breaches: [{ id: 'ok', finding: 'below min (30m)' }] });
    expect(doc.selectors).toEqual([expect.objectContaining({ id: 'ok', outcome: 'passed', met: true, counts: expect.objectContaining({ passed: 3 }), findings: ['below min (30m)'] })]);
    const gated = await runCli(['run', input, '--out', join(tmp.dir, 'b'), '--now', NOW, '--fail-on', 'guardrail']);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain('✗ ok: runtime below min (30m) (--fail-on guardrail)');
  });

  test('a summary file that cannot be written is a warning; the exit code is the run\'s', async () => {
    const input = faultsInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}');
    const r = await runCli(['run', input, '--out', join(tmp.dir, 'out'), '--now', NOW, '--summary', join(tmp.dir, 'no-such-dir', 'summary.md')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: cannot write the job summary \S+summary\.md \(ENOENT\); the run's result is unchanged/);
  });
});

describe('shards and merge', () => {
  test('two shards on two "machines", merged: the manifest and brief of one run, apart from timings and shard notes', async () => {
    const [m1, m2, single, merged] = ['machine-1', 'machine-2', 'single', 'merged'].map((d) => join(tmp.dir, d));
    const [a, b, one] = await Promise.all([
      runCli(['run', PHASE_E3, '--shard', '1/2', '--out', m1!, '--now', NOW, '--quiet']),
      runCli(['run', PHASE_E3, '--shard', '2/2', '--out', m2!, '--now', '2025-10-19T20:59:00Z', '--quiet']),
      runCli(['run', PHASE_E3, '--out', single!, '--now', NOW, '--quiet']),
    ]);
    expect([a.code, b.code, one.code]).toEqual([0, 0, 0]);
    // A shard writes its own manifest and no brief.
    expect(readdirSync(m1!).sort()).toEqual(['logs', 'phase_e3_handoff.evidence.shard-1-of-2.json']);
    const parts = [join(m1!, 'phase_e3_handoff.evidence.shard-1-of-2.json'), join(m2!, 'phase_e3_handoff.evidence.shard-2-of-2.json')];
    const ids = parts.map((p) => readManifest(p).selectors.map((s) => s.id));
    expect([...ids[0]!, ...ids[1]!].sort()).toEqual(readManifest(join(single!, 'phase_e3_handoff.evidence.json')).selectors.map((s) => s.id).sort());
    expect(ids[0]!.filter((id) => ids[1]!.includes(id))).toEqual([]);

    const m = await runCli(['merge', PHASE_E3, ...parts, '--out', merged!, '--now', NOW]);
    expect(m.stderr).toMatch(/8 of 8 selectors as expected; evidence from 2025-10-19T20:59:00Z/);
    expect(m.code).toBe(0);
    const comparable = (path: string) =>
      readManifest(path).selectors.map(({ id, outcome, expect: e, met, exit_code, attempts, counts, failures, log, junit }) => ({ id, outcome, expect: e, met, exit_code, attempts, counts, failures, log, junit }));
    expect(comparable(join(merged!, 'phase_e3_handoff.evidence.json'))).toEqual(comparable(join(single!, 'phase_e3_handoff.evidence.json')));
    const mergedManifest = readManifest(join(merged!, 'phase_e3_handoff.evidence.json'));
    expect(mergedManifest.selectors.map((s) => s.shard)).toEqual(mergedManifest.selectors.map((s) => (ids[0]!.includes(s.id) ? '1/2' : '2/2')));
    // Shards write no history of their own; the merge appends the one line of the whole run.
    expect(existsSync(join(m1!, 'phase_e3_handoff.history.jsonl'))).toBe(false);
    const history = readFileSync(join(merged!, 'phase_e3_handoff.history.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: string; selectors: unknown[] });
    expect(history.map((h) => [h.source, h.selectors.length])).toEqual([['merge', 8]]);
    // Logs were gathered next to the merged manifest.
    for (const s of mergedManifest.selectors) expect(statSync(join(merged!, s.log)).size).toBeGreaterThan(0);
    // The brief: the single run's, but for durations, the evidence time and each row's shard note.
    const strip = (text: string) =>
      text
        .replace(/ in [\d.]+s/g, '')
        .replace(/; shard \d\/2/g, '')
        .replace(/2025-10-19T20:5\d:\d\dZ/g, 'TIME')
        .replace(/2025-10-19 20:5\dZ/g, "TIME")
        .replace(/2025-10-19T205\d\d\dZ/g, 'STAMP')
        .replace(/; (below min|outside expected)[^;|]*/g, '')
        // The runtime chart's alt text states the durations.
        .replace(/^!\[(integration): .*\]\((.*)\)$/gm, '![$1]($2)')
        // How many workers each machine started is how the run was made, not its evidence.
        .replace(/^(- \*\*Run:\*\* [^:]*): .*$/m, '$1')
        .replace(/sha256:[0-9a-f]+/, '');
    const mergedBrief = readFileSync(join(merged!, 'phase_e3_handoff.md'), 'utf8');
    expect(mergedBrief).toContain('; shard 1/2;');
    expect(strip(mergedBrief)).toBe(strip(readFileSync(join(single!, 'phase_e3_handoff.md'), 'utf8')));
  }, 120_000);

  describe('parts that do not belong together: exit 2 naming them, nothing written', () => {
    // The two shards are run once; each test gets its own copy of the input and the shards'
    // folder (the manifests name the input relative to themselves, so the copy stands alone).
    let made: ReturnType<typeof makeTempDir>;
    beforeAll(async () => {
      made = makeTempDir('handoff-ci-shards-');
      const input = join(made.dir, 'faults.yaml');
      writeFileSync(input, `version: 1\nbrief: {id: faults, title: Fault cases, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\nrepo: ${FAULTS}\nselectors:\n  - {id: ok, run: pytest tests/test_pass.py, purpose: a}\n  - {id: skips, run: pytest tests/test_skip.py, purpose: b, expect: skip}\n`);
      for (const k of [1, 2]) {
        const r = await runCli(['run', input, '--shard', `${k}/2`, '--out', join(made.dir, 'shards'), '--now', NOW, '--quiet']);
        expect(r.code).toBe(0);
      }
    });
    afterAll(() => made.cleanup());
    let parts: string[];
    beforeEach(() => {
      cpSync(made.dir, tmp.dir, { recursive: true });
      parts = [1, 2].map((k) => join(tmp.dir, 'shards', `faults.evidence.shard-${k}-of-2.json`));
    });

    async function mergeFails(args: string[], message: RegExp): Promise<void> {
      const out = join(tmp.dir, 'merged');
      const r = await runCli(['merge', join(tmp.dir, 'faults.yaml'), ...args, '--out', out]);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(2);
      expect(existsSync(out)).toBe(false);
    }

    test('a missing shard', () => mergeFails([parts[0]!], /faults\.yaml:1:1: no part has evidence for "(ok|skips)"; merge every shard's manifest/));

    test('the same shard twice, so its selectors are doubled', () =>
      mergeFails([parts[0]!, parts[0]!, parts[1]!], /shard 1\/2 was given twice[\s\S]*selector "\S+" is in more than one part/));

    test('parts from another version of the input', async () => {
      writeFileSync(join(tmp.dir, 'faults.yaml'), `${readFileSync(join(tmp.dir, 'faults.yaml'), 'utf8')}purpose: edited since\n`);
      await mergeFails(parts, /shard-1-of-2\.json:1:1: was made from another version of the input than \S+faults\.yaml/);
    });

    test('parts from different repo commits', async () => {
      const other = join(tmp.dir, 'other.json');
      writeFileSync(other, readFileSync(parts[1]!, 'utf8').replace(/"commit": "[0-9a-f]+"/, '"commit": "0000000000000000000000000000000000000000"'));
      mkdirSync(join(tmp.dir, 'logs'), { recursive: true });
      cpSync(join(tmp.dir, 'shards', 'logs'), join(tmp.dir, 'logs'), { recursive: true });
      await mergeFails([parts[0]!, other], /the parts ran against different repo commits/);
    });

    test('shards split from different last runs: the doubled and missing selectors, and why', async () => {
      // Machine A still has the last run's manifest in its --out, where "skips" took 5 s and "ok"
      // 1 s, so it weighs "skips" heavier and runs it as shard 1; the parts above had none.
      const [one, two] = parts.map(readManifest);
      expect([one!.shard?.split, two!.shard?.split]).toEqual(['runtime.expected', 'runtime.expected']);
      const machineA = join(tmp.dir, 'a');
      mkdirSync(machineA);
      const last = { ...one!, shard: undefined, selectors: [...one!.selectors, ...two!.selectors].map((s) => ({ ...s, duration_s: s.id === 'skips' ? 5 : 1 })) };
      writeFileSync(join(machineA, 'faults.evidence.json'), JSON.stringify(last));
      const r = await runCli(['run', join(tmp.dir, 'faults.yaml'), '--shard', '1/2', '--out', machineA, '--now', NOW, '--quiet']);
      expect(r.code).toBe(0);
      const fromA = join(machineA, 'faults.evidence.shard-1-of-2.json');
      expect(readManifest(fromA).selectors.map((s) => s.id)).toEqual(['skips']);
      expect(readManifest(fromA).shard?.split).toBe(`runtime.expected, else the durations of the run at ${one!.generated_at}`);
      await mergeFails([fromA, parts[1]!], /selector "skips" is in more than one part[\s\S]*no part has evidence for "ok"[\s\S]*the shards were split from different last runs/);
    });

    test('a truncated manifest', async () => {
      const cut = join(tmp.dir, 'shards', 'cut.json');
      const text = readFileSync(parts[1]!, 'utf8');
      writeFileSync(cut, text.slice(0, text.length / 2));
      await mergeFails([parts[0]!, cut], /cut\.json:\d+:\d+: not a JSON evidence manifest/);
    });
  });
});

test.each(['0/2', '3/2', '1/0', 'a/b', '1'])('--shard %s: exit 2, nothing run or written', async (shard) => {
  const r = await runCli(['run', PHASE_E3, '--shard', shard, '--out', join(tmp.dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`--shard: "${shard}" is not a shard; write K/N with 1 ≤ K ≤ N`);
  expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
});
