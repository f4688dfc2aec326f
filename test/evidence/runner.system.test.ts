// The runner against real pytest on test/fixtures/pyprojects/faults: one case per test file,
// run as `handoff run` runs them, in warm shared workers (parity.test.ts checks that a process
// of its own gives the same, and that a 200 MB log is complete). Counts are asserted as numbers
// AND against the summary line pytest itself wrote to the log. The cases that need no retries,
// timeouts or pidfiles run together in one run of two workers, as a real run would.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Counts, EvidenceManifest, SelectorEvidence } from '../../src/evidence/manifest.js';
import { ROOT, makeTempDir } from '../helpers/cli.js';
import { killLeftovers, processesEnded } from '../helpers/processes.js';
import { PYTHON } from '../helpers/python.js';
import { runFixture } from './evidence-run.js';
import type { SelectorSpec } from './loaded.js';
import type { Ci } from '../../src/input/model.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');

/** pytest's own summary words for these counts, in its order, e.g. "1 failed, 1 passed". */
function summaryWords(c: Counts): string {
  const parts: Array<[number, string]> = [
    [c.failed, 'failed'],
    [c.passed, 'passed'],
    [c.skipped, 'skipped'],
    [c.deselected, 'deselected'],
    [c.xfailed, 'xfailed'],
    [c.xpassed, 'xpassed'],
    [c.errors, c.errors === 1 ? 'error' : 'errors'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`).join(', ') || 'no tests ran';
}

function expectCountsMatchLog(dir: string, s: SelectorEvidence, counts: Partial<Counts>): void {
  const full = { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0, ...counts };
  expect(s.counts).toEqual(full);
  // Only the tail: a failed match must not print a big log.
  const tail = readFileSync(join(dir, s.log), 'utf8').slice(-4096);
  expect(tail).toMatch(new RegExp(`(^|=+ )${summaryWords(full)} in [\\d.]+s`, 'm'));
}

/** The commit `git` reports for the fixture's checkout, or null outside a git work tree. */
function checkoutCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: FAULTS, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

describe('the plain cases, in one run of two shared workers', () => {
  const CASES: SelectorSpec[] = [
    { id: 'pass', run: 'pytest tests/test_pass.py -vv' },
    { id: 'deep', run: 'pytest tests/test_fail_deep.py' },
    { id: 'deep-expected', run: 'pytest tests/test_fail_deep.py', expect: 'fail' },
    { id: 'xfail', run: 'pytest tests/test_xfail.py -vv' },
    { id: 'xfail-pass', run: 'pytest tests/test_xfail_only.py' },
    { id: 'xfail-skip', run: 'pytest tests/test_xfail_only.py', expect: 'skip' },
    { id: 'skip', run: 'pytest tests/test_skip.py -vv' },
    { id: 'skip-ok', run: 'pytest tests/test_skip.py', expect: 'skip' },
    { id: 'coll', run: 'pytest tests/test_collect_error.py' },
    { id: 'nofile', run: 'pytest tests/does_not_exist.py' },
    { id: 'none', run: 'pytest tests/test_pass.py -k nomatch' },
    { id: 'param', run: 'pytest "tests/test_params.py::test_ids[one [a b]]" -vv' },
    { id: 'env', run: 'pytest tests/test_env.py' },
    { id: 'guarded', run: 'pytest tests/test_pass.py', runtime: { min: 100, expected: 200, tolerance: 5 } },
  ];
  let tmp: ReturnType<typeof makeTempDir>;
  let m: EvidenceManifest;
  const one = (id: string): SelectorEvidence => {
    const s = m.selectors.find((x) => x.id === id);
    if (!s) throw new Error(`no evidence for ${id}`);
    return s;
  };

  beforeAll(async () => {
    tmp = makeTempDir('handoff-runner-');
    m = await runFixture({
      repo: FAULTS,
      specs: CASES,
      outDir: tmp.dir,
      jobs: 2,
      ci: {
        environment: [
          { name: 'HANDOFF_FIXTURE_ENV', value: 'from-ci-environment' },
          { name: 'CUDA_VISIBLE_DEVICES', value: '' },
        ],
      },
    });
  }, 120_000);
  afterAll(() => tmp.cleanup());

  test('passing selector: passed, met, provenance and log hash recorded', () => {
    const s = one('pass');
    expect(s).toMatchObject({ outcome: 'passed', met: true, exit_code: 0, attempts: 1, log: 'logs/fixture/pass.log', junit: 'logs/fixture/pass.junit.xml', worker: 'shared' });
    expect(m.shared_workers).toBe(2);
    expectCountsMatchLog(tmp.dir, s, { passed: 3 });
    expect(s.argv).toEqual([PYTHON, '-m', 'pytest', 'tests/test_pass.py', '-vv', '-o', 'junit_family=xunit1', `--junitxml=${join(tmp.dir, 'logs/fixture/pass.junit.xml')}`]);
    expect(s.log_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.files).toEqual({ 'tests/test_pass.py': expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(m.environment.pytest).toMatch(/^\d+\.\d+/);
    expect(m.environment.python).toMatch(/^3\.\d+/);
    expect(m.repo.commit).toBe(checkoutCommit());
    expect(m.generated_at).toBe('2025-10-19T20:58:32Z');
  });

  test('the manifest keeps input order, whatever order the workers finished in', () => {
    expect(m.selectors.map((s) => s.id)).toEqual(CASES.map((c) => c.id));
  });

  test('failure with a 60-frame traceback: excerpt keeps head and tail with "N lines omitted"', () => {
    const s = one('deep');
    expect(s).toMatchObject({ outcome: 'failed', met: false, exit_code: 1 });
    expectCountsMatchLog(tmp.dir, s, { passed: 1, failed: 1 });
    expect(s.failures).toHaveLength(1);
    const f = s.failures[0]!;
    expect(f.nodeid).toBe('tests/test_fail_deep.py::test_deep_failure');
    expect(f.message).toBe('ValueError: bottom of a 60-frame stack');
    expect(f.excerpt).toMatch(/^def test_deep_failure\(\):/);
    expect(f.excerpt).toMatch(/… \d+ lines omitted …/);
    expect(f.excerpt).toMatch(/E\s+ValueError: bottom of a 60-frame stack[\s\S]*$/);
    expect(f.excerpt.split('\n').length).toBeLessThan(40);
  });

  test('expect: fail is met by a failing selector', () => {
    expect(one('deep-expected')).toMatchObject({ outcome: 'failed', expect: 'fail', met: true });
  });

  test('xfail and xpass are counted as pytest counts them', () => {
    const s = one('xfail');
    expect(s.outcome).toBe('passed');
    expectCountsMatchLog(tmp.dir, s, { passed: 1, xfailed: 1, xpassed: 1 });
  });

  test('only xfailed tests: passed (an xfail is a success), which meets expect: pass but not expect: skip', () => {
    expect(['xfail-pass', 'xfail-skip'].map((id) => [one(id).outcome, one(id).exit_code, one(id).met])).toEqual([
      ['passed', 0, true],
      ['passed', 0, false],
    ]);
    expectCountsMatchLog(tmp.dir, one('xfail-pass'), { xfailed: 2 });
  });

  test('all skipped: skipped, which meets expect: skip but not expect: pass', () => {
    expect(['skip', 'skip-ok'].map((id) => [one(id).outcome, one(id).met])).toEqual([
      ['skipped', false],
      ['skipped', true],
    ]);
    expectCountsMatchLog(tmp.dir, one('skip'), { skipped: 2 });
  });

  test('collection error: error, with the import failure as the excerpt', () => {
    const s = one('coll');
    expect(s).toMatchObject({ outcome: 'error', exit_code: 2, met: false });
    expectCountsMatchLog(tmp.dir, s, { errors: 1 });
    expect(s.failures[0]?.nodeid).toBe('tests/test_collect_error.py');
    expect(s.failures[0]?.excerpt).toContain("No module named 'module_that_does_not_exist'");
  });

  test('usage error (a file that does not exist): error, with pytest\'s ERROR line', () => {
    const s = one('nofile');
    expect(s).toMatchObject({ outcome: 'error', exit_code: 4, met: false });
    expectCountsMatchLog(tmp.dir, s, {});
    expect(s.failures[0]?.message).toBe('ERROR: file or directory not found: tests/does_not_exist.py');
    expect(s.files).toEqual({ 'tests/does_not_exist.py': null });
  });

  test('nothing selected (-k matching nothing): no-tests, deselected counted from the summary line', () => {
    const s = one('none');
    expect(s).toMatchObject({ outcome: 'no-tests', exit_code: 5, met: false });
    expectCountsMatchLog(tmp.dir, s, { deselected: 3 });
  });

  test('a node id with spaces and brackets in its parametrize id runs exactly that test', () => {
    const s = one('param');
    expect(s.outcome).toBe('passed');
    expectCountsMatchLog(tmp.dir, s, { passed: 1 });
    expect(s.argv[3]).toBe('tests/test_params.py::test_ids[one [a b]]');
    expect(readFileSync(join(tmp.dir, 'logs/fixture/param.junit.xml'), 'utf8')).toContain('name="test_ids[one [a b]]"');
  });

  test('ci.environment reaches the test', () => {
    const s = one('env');
    expect(s.outcome).toBe('passed');
    expectCountsMatchLog(tmp.dir, s, { passed: 1 });
  });

  test('runtime guardrails become findings', () => {
    expect(one('guarded').runtime_findings).toEqual(['below min (100s)', 'outside expected 200s ± 5s']);
  });

  test('two workers write separate, complete logs and JUnit files for each selector', () => {
    for (const s of m.selectors.filter((x) => x.id !== 'nofile')) {
      const log = readFileSync(join(tmp.dir, s.log), 'utf8');
      expect(log.match(/test session starts/g)).toHaveLength(1);
      expect(log).toMatch(/=+ .* in [\d.]+s =+\s*$/);
      expect(existsSync(join(tmp.dir, `logs/fixture/${s.id}.junit.xml`))).toBe(true);
    }
    expect(readFileSync(join(tmp.dir, 'logs/fixture/pass.log'), 'utf8')).not.toContain('test_xfail');
    expect(readFileSync(join(tmp.dir, 'logs/fixture/xfail.log'), 'utf8')).not.toContain('test_pass');
  });
});

describe('retries, timeouts and processes left behind', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('handoff-runner-');
  });
  afterEach(() => {
    // A failed assertion must not leave a fixture's grandchild running.
    killLeftovers({ pidfiles: [join(tmp.dir, 'grandchild.pid'), join(tmp.dir, 'daemon.pid'), join(tmp.dir, 'stubborn-daemon.pid')] });
    tmp.cleanup();
  });

  function run(specs: SelectorSpec[], ci?: Partial<Ci>, extra: { jobs?: number; retries?: number; timeoutS?: number } = {}): Promise<EvidenceManifest> {
    return runFixture({ repo: FAULTS, specs, ci, outDir: tmp.dir, ...extra });
  }

  function only(m: EvidenceManifest): SelectorEvidence {
    expect(m.selectors).toHaveLength(1);
    return m.selectors[0] as SelectorEvidence;
  }

  test('flaky: fails once, passes on the retry (retry_on: failure); both attempts are in the log', async () => {
    const marker = join(tmp.dir, 'flaky-marker');
    const s = only(
      await run([{ id: 'flaky', run: 'pytest tests/test_flaky.py' }], {
        retries: 1,
        retry_on: ['failure'],
        environment: [{ name: 'HANDOFF_FLAKY_MARKER', value: marker }],
      }),
    );
    expect(s).toMatchObject({ outcome: 'flaky', attempts: 2, met: false, exit_code: 0 });
    expectCountsMatchLog(tmp.dir, s, { passed: 1 });
    const log = readFileSync(join(tmp.dir, s.log), 'utf8');
    expect(log).toContain('1 failed in');
    expect(log).toContain('===== handoff: attempt 2 =====');
  });

  test('no retry when retry_on does not name the outcome', async () => {
    const marker = join(tmp.dir, 'flaky-marker');
    const s = only(
      await run([{ id: 'flaky', run: 'pytest tests/test_flaky.py' }], {
        retries: 1,
        retry_on: ['timeout'],
        environment: [{ name: 'HANDOFF_FLAKY_MARKER', value: marker }],
      }),
    );
    expect(s).toMatchObject({ outcome: 'failed', attempts: 1 });
  });

  test('a hanging test that spawned a grandchild: timeout ends the whole process group', async () => {
    const pidfile = join(tmp.dir, 'grandchild.pid');
    const s = only(
      await run([{ id: 'hang', run: 'pytest tests/test_hang.py', timeout: 2 }], {
        environment: [{ name: 'HANDOFF_PIDFILE', value: pidfile }],
      }),
    );
    expect(s).toMatchObject({ outcome: 'timeout', exit_code: null, met: false, junit: null });
    expect(s.failures[0]?.message).toBe('timed out after 2s; the process group was ended');
    const pid = Number(readFileSync(pidfile, 'utf8'));
    expect(pid).toBeGreaterThan(1);
    // The group got SIGKILL before runEvidence returned; the kernel may still be ending it.
    expect(await processesEnded([pid])).toEqual([]);
  });

  test('a process group that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
    const pidfile = join(tmp.dir, 'grandchild.pid');
    const s = only(
      await run([{ id: 'stubborn', run: 'pytest tests/test_hang_ignoring_sigterm.py', timeout: 2 }], {
        environment: [{ name: 'HANDOFF_PIDFILE', value: pidfile }],
      }),
    );
    expect(s.outcome).toBe('timeout');
    const pid = Number(readFileSync(pidfile, 'utf8'));
    expect(await processesEnded([pid])).toEqual([]);
  });

  test('a background process a passing test leaves behind is ended when its pytest exits', async () => {
    const pidfile = join(tmp.dir, 'daemon.pid');
    const s = only(
      await run([{ id: 'daemon', run: 'pytest tests/test_leaves_background.py' }], {
        environment: [{ name: 'HANDOFF_PIDFILE', value: pidfile }],
      }),
    );
    expect(s.outcome).toBe('passed');
    const pid = Number(readFileSync(pidfile, 'utf8'));
    expect(await processesEnded([pid])).toEqual([]);
  });

  test('--timeout beats the selector timeout, and retry_on: timeout retries it', async () => {
    const pidfile = join(tmp.dir, 'grandchild.pid');
    const s = only(
      await run([{ id: 'hang', run: 'pytest tests/test_hang.py', timeout: 600 }], { retries: 1, retry_on: ['timeout'], environment: [{ name: 'HANDOFF_PIDFILE', value: pidfile }] }, { timeoutS: 1 }),
    );
    expect(s).toMatchObject({ outcome: 'timeout', attempts: 2 });
  });
});
