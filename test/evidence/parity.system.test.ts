// Shared workers against processes of their own (--isolate), on every fault case of
// test/fixtures/pyprojects/faults and on every other fixture project (the example project's
// Phase E3 selectors, follow-ups, heavy imports, pytest-xdist) with real pytest: the same
// outcome, exit code, counts, failure excerpts and log bytes (timings, and a faulthandler dump's
// frames outside the project, aside). Both runs are made once, side by side; each case is then
// compared on its own.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { EvidenceManifest, SelectorEvidence } from '../../src/evidence/manifest.js';
import { loadInput } from '../../src/input/load-input.js';
import { ROOT, makeTempDir } from '../helpers/cli.js';
import { killLeftovers, processGone, readPid } from '../helpers/processes.js';
import { testNeeding } from '../helpers/python-packages.js';
import { runFixture, type EvidenceRun } from './evidence-run.js';
import type { SelectorSpec } from './loaded.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
const testWithXdist = testNeeding('pytest-xdist');

/** Each case and the outcome it must have, so the comparison cannot pass on two empty runs. */
const CASES: Array<SelectorSpec & { outcome: string }> = [
  { id: 'pass', run: 'pytest tests/test_pass.py -vv', outcome: 'passed' },
  { id: 'long-traceback', run: 'pytest tests/test_fail_deep.py', outcome: 'failed' },
  { id: 'xfail', run: 'pytest tests/test_xfail.py -q -rxX', outcome: 'passed' },
  { id: 'xfail-only', run: 'pytest tests/test_xfail_only.py', outcome: 'passed' },
  { id: 'skip', run: 'pytest tests/test_skip.py -rs', outcome: 'skipped' },
  { id: 'collection-error', run: 'pytest tests/test_collect_error.py', outcome: 'error' },
  { id: 'missing-file', run: 'pytest tests/does_not_exist.py', outcome: 'error' },
  { id: 'nothing-selected', run: 'pytest tests/test_pass.py -k nomatch', outcome: 'no-tests' },
  { id: 'node-id', run: 'pytest "tests/test_params.py::test_ids[one [a b]]" -vv', outcome: 'passed' },
  { id: 'environment', run: 'pytest tests/test_env.py', outcome: 'passed' },
  { id: 'os-exit', run: 'pytest tests/test_exits_hard.py -v', outcome: 'error' },
  { id: 'segfault', run: 'pytest tests/test_segfault.py -v', outcome: 'error' },
  { id: 'hang', run: 'pytest tests/test_hang.py -v', timeout: 3, outcome: 'timeout' },
  { id: 'big-output', run: 'pytest tests/test_big_output.py -s -q', outcome: 'passed' },
];

let tmp: ReturnType<typeof makeTempDir>;
let shared: EvidenceManifest;
let isolated: EvidenceManifest;
const outDir = (mode: string): string => join(tmp.dir, mode);
const pidfile = (mode: string): string => join(tmp.dir, `${mode}-grandchild.pid`);

function run(mode: 'shared' | 'isolated'): Promise<EvidenceManifest> {
  return runFixture({
    repo: FAULTS,
    specs: CASES,
    outDir: outDir(mode),
    jobs: 2,
    isolate: mode === 'isolated',
    ci: {
      environment: [
        { name: 'HANDOFF_FIXTURE_ENV', value: 'from-ci-environment' },
        { name: 'CUDA_VISIBLE_DEVICES', value: '' },
        { name: 'HANDOFF_PIDFILE', value: pidfile(mode) },
        { name: 'HANDOFF_OUTPUT_MB', value: '200' },
      ],
    },
  });
}

beforeAll(async () => {
  tmp = makeTempDir('handoff-parity-');
  shared = await run('shared');
  isolated = await run('isolated');
}, 300_000);
afterAll(() => {
  killLeftovers({ pidfiles: [pidfile('shared'), pidfile('isolated')] });
  tmp.cleanup();
});

function find(m: EvidenceManifest, id: string): SelectorEvidence {
  const s = m.selectors.find((x) => x.id === id);
  if (!s) throw new Error(`no evidence for ${id}`);
  return s;
}

/** What must not depend on where a selector ran. */
function results(s: SelectorEvidence): unknown {
  return { outcome: s.outcome, exit_code: s.exit_code, met: s.met, counts: s.counts, junit: s.junit, failures: s.failures, attempts: s.attempts };
}

/**
 * A log with what legitimately differs taken out: timings, the JUnit path (each run has its
 * own output folder, and pytest pads the line to its length), thread ids, and in a
 * faulthandler dump every frame but the project's own. The fatal error line and the test's
 * frames are the same in both modes; the frames of pytest and below are not: a shared worker
 * enters through pytest.main, a process of its own through `python -m pytest` (runpy, and
 * since pytest 9.1 `_console_main` instead of `main`).
 */
function normalize(text: string, repo: string): string {
  let inDump = false;
  return text
    .replace(/ in \d+(\.\d+)?s\b/g, ' in Ns')
    .replace(/^-+ generated xml file: .* -+$/gm, '-- generated xml file --')
    .replace(/0x[0-9a-f]+/g, '0xN')
    .split('\n')
    .filter((line) => {
      if (/^(Current thread|Thread) 0xN \(most recent call first\):$/.test(line)) return (inDump = true);
      if (inDump && line.startsWith('  File "')) return line.startsWith(`  File "${repo}${sep}`);
      inDump = false;
      return true;
    })
    .join('\n');
}

/** The first and last bytes of a big log, and its size less the tail (where the timing is). */
function bigLogShape(path: string, repo: string): { size: number; head: string; tail: string } {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const read = (from: number, length: number): string => {
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, from);
      return buffer.toString('utf8');
    };
    return { size: size - 4096, head: normalize(read(0, 4096), repo), tail: normalize(read(size - 4096, 4096), repo) };
  } finally {
    closeSync(fd);
  }
}

test.each(CASES.map((c) => [c.id, c.outcome]))('%s: %s, identical in a shared worker and in a process of its own', (id, outcome) => {
  const a = find(shared, id);
  const b = find(isolated, id);
  expect([a.worker, b.worker]).toEqual(['shared', 'own']);
  expect(a.outcome).toBe(outcome);
  expect(results(a)).toEqual(results(b));
  const [logA, logB] = [join(outDir('shared'), a.log), join(outDir('isolated'), b.log)];
  if (id === 'big-output') {
    expect(statSync(logA).size).toBeGreaterThan(200 * 1024 * 1024);
    expect(bigLogShape(logA, FAULTS)).toEqual(bigLogShape(logB, FAULTS));
  } else {
    const text = readFileSync(logA, 'utf8');
    expect(text.length).toBeGreaterThan(0);
    expect(normalize(text, FAULTS)).toBe(normalize(readFileSync(logB, 'utf8'), FAULTS));
  }
});

test('the crashes left their logs: what pytest printed before the process ended', () => {
  for (const m of [shared, isolated]) {
    expect(readFileSync(join(outDir(m === shared ? 'shared' : 'isolated'), find(m, 'os-exit').log), 'utf8')).toContain('tests/test_exits_hard.py::test_before PASSED');
    const segfault = readFileSync(join(outDir(m === shared ? 'shared' : 'isolated'), find(m, 'segfault').log), 'utf8');
    expect(segfault).toContain('Fatal Python error: Segmentation fault');
    expect(segfault).toContain('test_segfault.py", line 10 in test_crashes');
  }
  expect(find(shared, 'segfault').exit_code).toBeNull(); // ended by SIGSEGV
  expect(find(shared, 'os-exit').exit_code).toBe(3);
});

test('the hanging test\'s grandchild is gone in both runs', () => {
  for (const mode of ['shared', 'isolated']) {
    const pid = readPid(pidfile(mode));
    expect(pid).toBeGreaterThan(1);
    expect(processGone(pid as number)).toBe(true);
  }
});

test('a fresh worker replaced each one a timeout or a crash ended, and the run went on', () => {
  // 2 workers to start with, plus one for each of the hang, the os._exit and the segfault.
  expect(shared.shared_workers).toBeGreaterThanOrEqual(4);
  expect(shared.selectors.filter((s) => s.worker === 'shared')).toHaveLength(CASES.length);
  expect(isolated.shared_workers).toBe(0);
});

describe('every other fixture project: the same results in shared workers and with --isolate', () => {
  const PROJECTS = join(ROOT, 'test/fixtures/pyprojects');
  let dir: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    dir = makeTempDir('handoff-parity-projects-');
  });
  afterAll(() => dir.cleanup());

  async function bothWays(name: string, run: Omit<EvidenceRun, 'outDir' | 'isolate' | 'jobs'>): Promise<EvidenceManifest> {
    const [shared, isolated] = await Promise.all(
      (['shared', 'isolated'] as const).map((mode) => runFixture({ ...run, jobs: 2, isolate: mode === 'isolated', outDir: join(dir.dir, name, mode) })),
    );
    expect(isolated!.selectors.map((s) => s.worker)).toEqual(run.specs.map(() => 'own'));
    expect(shared!.selectors.map((s) => s.id)).toEqual(run.specs.map((s) => s.id));
    for (const id of run.specs.map((s) => s.id)) {
      const [a, b] = [find(shared!, id), find(isolated!, id)];
      // Something ran, so the comparison cannot pass on two empty results.
      expect({ id, counted: Object.values(a.counts).reduce((x, y) => x + y, 0) > 0 }).toEqual({ id, counted: true });
      // Which xdist worker (gw0, gw1) ran a test is xdist's choice on every run, in either mode.
      const scrub = (v: unknown): unknown => JSON.parse(JSON.stringify(v).replace(/\bgw\d+\b/g, 'gwN'));
      expect({ id, ...(scrub(results(a)) as object) }).toEqual({ id, ...(scrub(results(b)) as object) });
      // An xdist selector runs in a process of its own in both modes, and the order its workers
      // report in varies from run to run: its log is compared only through the results above.
      if (a.worker === 'own') continue;
      const [logA, logB] = [join(dir.dir, name, 'shared', a.log), join(dir.dir, name, 'isolated', b.log)];
      expect({ id, log: normalize(readFileSync(logA, 'utf8'), run.repo) }).toEqual({ id, log: normalize(readFileSync(logB, 'utf8'), run.repo) });
    }
    return shared!;
  }

  test('the example project, with the Phase E3 input\'s own selectors and CI environment', async () => {
    const loaded = await loadInput({ file: 'data/integrate-pytorch-001/phase_e3.yaml', cwd: ROOT });
    const specs = loaded.data.selectors.map((s) => ({ id: s.id, run: s.run, expect: s.expect }));
    expect(specs).toHaveLength(8);
    const shared = await bothWays('example', { repo: loaded.repoDir, specs, ci: { environment: loaded.data.ci?.environment ?? [] } });
    expect(shared.selectors.filter((s) => !s.met).map((s) => s.id)).toEqual([]);
  }, 120_000);

  test('the follow-ups project', () =>
    bothWays('followups', {
      repo: join(PROJECTS, 'followups'),
      specs: ['baseline', 'parity', 'smoke'].map((f) => ({ id: f, run: `pytest tests/test_${f}.py -v` })),
    }));

  test('the heavy-import project', () =>
    bothWays('heavy', {
      repo: join(PROJECTS, 'heavy'),
      specs: [1, 2, 3].map((i) => ({ id: `part-${i}`, run: `pytest tests/test_part${i}.py -v` })),
      ci: { environment: [{ name: 'HEAVYLIB_IMPORT_S', value: '0.05' }] },
    }));

  testWithXdist('the pytest-xdist project (a selector with -n 2 runs in a process of its own either way)', () =>
    bothWays('parallel', {
      repo: join(PROJECTS, 'parallel'),
      specs: [
        { id: 'xdist', run: 'pytest tests -n 2', expect: 'fail' },
        { id: 'plain', run: 'pytest tests/test_fanout.py -k "not worker" -rs' },
      ],
    }));
});
