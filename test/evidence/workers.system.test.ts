// What the shared workers promise beyond parity (docs/evidence.md#how-selectors-are-run), with real pytest on the fixture
// projects: what one selector changes does not reach the next (but for the documented leak),
// a crash or a timeout costs the worker and not the run, retries get a fresh worker, heavy
// imports are paid once per worker, and xdist selectors get a process of their own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { ROOT, makeTempDir } from '../helpers/cli.js';
import { killLeftovers, processesEnded } from '../helpers/processes.js';
import { testNeeding } from '../helpers/python-packages.js';
import { runFixture, type EvidenceRun } from './evidence-run.js';

const PROJECTS = join(ROOT, 'test/fixtures/pyprojects');
const FAULTS = join(PROJECTS, 'faults');
const testWithXdist = testNeeding('pytest-xdist');
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-workers-');
});
afterEach(() => {
  killLeftovers({ pidfiles: [join(tmp.dir, 'grandchild.pid')] });
  tmp.cleanup();
});

function run(options: Omit<EvidenceRun, 'outDir'>): Promise<EvidenceManifest> {
  return runFixture({ outDir: tmp.dir, ...options });
}

const outcomes = (m: EvidenceManifest): string[][] => m.selectors.map((s) => [s.id, s.outcome, String(s.worker)]);

test('what a selector changes in the interpreter is put back before the next one runs in the same worker', async () => {
  const m = await run({
    repo: FAULTS,
    specs: [
      { id: 'pollutes', run: 'pytest tests/test_pollutes.py' },
      { id: 'clean-slate', run: 'pytest tests/test_clean_slate.py' },
    ],
    ci: { environment: [{ name: 'HANDOFF_FIXTURE_KEEP', value: 'kept' }] },
  });
  expect(outcomes(m)).toEqual([
    ['pollutes', 'passed', 'shared'],
    ['clean-slate', 'passed', 'shared'],
  ]);
  expect(m.selectors[1]?.counts.passed).toBe(4);
  expect(m.shared_workers).toBe(1);
});

describe('a test that changes a module-level value and leaves it changed', () => {
  const specs = [
    { id: 'sets', run: 'pytest tests/test_leak_sets.py' },
    { id: 'reads', run: 'pytest tests/test_leak_reads.py' },
  ];

  test('in a shared worker, the next selector sees a library module changed (the documented leak), but its own repo modules afresh', async () => {
    const m = await run({ repo: FAULTS, specs });
    const reads = m.selectors[1];
    expect(reads).toMatchObject({ outcome: 'failed', worker: 'shared' });
    expect(reads?.counts).toMatchObject({ passed: 1, failed: 1 });
    expect(reads?.failures.map((f) => f.nodeid)).toEqual(['tests/test_leak_reads.py::test_library_module_is_untouched']);
    expect(reads?.failures[0]?.message).toContain("'changed by test_leak_sets' == 'default'");
    expect(m.shared_workers).toBe(1);
  });

  test('with --isolate, it sees neither', async () => {
    const m = await run({ repo: FAULTS, specs, isolate: true });
    expect(outcomes(m)).toEqual([
      ['sets', 'passed', 'own'],
      ['reads', 'passed', 'own'],
    ]);
    expect(m.selectors[1]?.counts.passed).toBe(2);
  });
});

test('a selector that crashes its worker (os._exit, a segfault) is an error with its log kept, and the next one runs', async () => {
  const m = await run({
    repo: FAULTS,
    specs: [
      { id: 'exits', run: 'pytest tests/test_exits_hard.py -v' },
      { id: 'segfault', run: 'pytest tests/test_segfault.py -v' },
      { id: 'after', run: 'pytest tests/test_pass.py' },
    ],
  });
  expect(m.selectors.map((s) => [s.id, s.outcome, s.exit_code])).toEqual([
    ['exits', 'error', 3],
    ['segfault', 'error', null],
    ['after', 'passed', 0],
  ]);
  expect(readFileSync(join(tmp.dir, 'logs/fixture/exits.log'), 'utf8')).toMatch(/test_before PASSED\s+\[ 50%\]\ntests\/test_exits_hard\.py::test_exits $/);
  expect(readFileSync(join(tmp.dir, 'logs/fixture/segfault.log'), 'utf8')).toContain('Fatal Python error: Segmentation fault');
  expect(m.selectors[2]?.counts.passed).toBe(3);
  expect(m.shared_workers).toBe(3);
});

test('after a timeout, the next selector gets a fresh worker; the hanging test\'s grandchild is gone', async () => {
  const pidfile = join(tmp.dir, 'grandchild.pid');
  const m = await run({
    repo: FAULTS,
    specs: [
      { id: 'hang', run: 'pytest tests/test_hang.py', timeout: 2 },
      { id: 'after', run: 'pytest tests/test_pass.py' },
    ],
    ci: { environment: [{ name: 'HANDOFF_PIDFILE', value: pidfile }] },
  });
  expect(outcomes(m)).toEqual([
    ['hang', 'timeout', 'shared'],
    ['after', 'passed', 'shared'],
  ]);
  expect(m.shared_workers).toBe(2);
  expect(await processesEnded([Number(readFileSync(pidfile, 'utf8'))], 2000)).toEqual([]);
});

test('the tests see the environment the command was given, not the calling process\'s, in a shared worker and with --isolate', async () => {
  process.env.HANDOFF_NOT_GIVEN = 'this process only';
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, HANDOFF_GIVEN: 'given' };
    delete env.HANDOFF_NOT_GIVEN;
    const specs = [{ id: 'env', run: 'pytest tests/test_env_given.py' }];
    for (const isolate of [false, true]) {
      const m = await run({ repo: FAULTS, specs, env, isolate });
      expect(outcomes(m)).toEqual([['env', 'passed', isolate ? 'own' : 'shared']]);
    }
  } finally {
    delete process.env.HANDOFF_NOT_GIVEN;
  }
});

test('a retry runs in a fresh worker', async () => {
  const m = await run({
    repo: FAULTS,
    specs: [{ id: 'flaky', run: 'pytest tests/test_flaky.py' }],
    ci: { retries: 1, retry_on: ['failure'], environment: [{ name: 'HANDOFF_FLAKY_MARKER', value: join(tmp.dir, 'marker') }] },
  });
  expect(m.selectors[0]).toMatchObject({ outcome: 'flaky', attempts: 2, worker: 'shared' });
  expect(m.shared_workers).toBe(2);
});

describe('a project whose tests import a slow library (heavylib, standing in for torch)', () => {
  const HEAVY = join(PROJECTS, 'heavy');
  const specs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ id: `part-${i}`, run: `pytest tests/test_part${i}.py -q` }));
  async function imports(jobs: number, isolate: boolean, count = specs.length): Promise<number> {
    const log = join(tmp.dir, `imports-${jobs}-${isolate}.log`);
    const m = await run({
      repo: HEAVY,
      specs: specs.slice(0, count),
      jobs,
      isolate,
      ci: {
        environment: [
          { name: 'HEAVYLIB_IMPORT_S', value: '0.05' },
          { name: 'HEAVYLIB_IMPORT_LOG', value: log },
        ],
      },
    });
    expect(m.selectors.map((s) => [s.outcome, s.counts.passed])).toEqual(specs.slice(0, count).map(() => ['passed', 3]));
    return readFileSync(log, 'utf8').trim().split('\n').length;
  }

  test('pays the import once per worker, not once per selector', async () => {
    expect(await imports(1, false)).toBe(1);
    expect(await imports(2, false)).toBe(2);
  });

  test('pays it once per selector with --isolate', async () => {
    expect(await imports(2, true, 3)).toBe(3);
  });
});

testWithXdist('pytest-xdist: a selector with -n 2 runs in a process of its own with xdist\'s workers, with the right counts', async () => {
  const m = await run({
    repo: join(PROJECTS, 'parallel'),
    jobs: 2,
    specs: [
      { id: 'xdist', run: 'pytest tests -n 2', expect: 'fail' },
      { id: 'plain', run: 'pytest tests/test_fanout.py -k "not worker"' },
    ],
  });
  const [xdist, plain] = m.selectors;
  expect(xdist).toMatchObject({ worker: 'own', outcome: 'failed', exit_code: 1, met: true });
  expect(xdist?.counts).toEqual({ passed: 6, failed: 1, errors: 0, skipped: 1, xfailed: 0, xpassed: 0, deselected: 0 });
  expect(xdist?.failures.map((f) => f.nodeid)).toEqual(['tests/test_fanout.py::test_fails_in_a_worker']);
  expect(readFileSync(join(tmp.dir, 'logs/fixture/xdist.log'), 'utf8')).toMatch(/created: 2\/2 workers|2 workers \[8 items\]/);
  // Without xdist, the same file's xdist-only tests are deselected; it shares a worker.
  expect(plain).toMatchObject({ worker: 'shared', outcome: 'skipped' });
  expect(plain?.counts).toMatchObject({ skipped: 1, deselected: 7 });
  expect(m.shared_workers).toBe(1);
});

test('a virtualenv inside the repo folder is not the repo: its packages stay imported between selectors', async () => {
  const { execFileSync } = await import('node:child_process');
  const { cpSync, writeFileSync: write } = await import('node:fs');
  const repo = join(tmp.dir, 'repo');
  cpSync(join(PROJECTS, 'heavy', 'tests'), join(repo, 'tests'), { recursive: true });
  write(join(repo, 'pytest.ini'), '[pytest]\naddopts = -p no:cacheprovider -p no:hypothesispytest -p no:benchmark -p no:xdist -p no:xdist.looponfail\n');
  execFileSync('python3', ['-m', 'venv', '--without-pip', join(repo, '.venv')]);
  const python = join(repo, '.venv', 'bin', 'python');
  const sitePackages = execFileSync(python, ['-c', "import sysconfig; print(sysconfig.get_paths()['purelib'])"], { encoding: 'utf8' }).trim();
  // pytest comes from python3's own site folders. Not --system-site-packages: when python3 is
  // itself a virtualenv, that would give the base interpreter's folders, which may lack pytest.
  const outerSites = execFileSync('python3', ['-c', "import site; print('\\n'.join(site.getsitepackages() + [site.getusersitepackages()]))"], { encoding: 'utf8' });
  write(join(sitePackages, 'python3-site-packages.pth'), outerSites);
  cpSync(join(PROJECTS, 'libs', 'heavylib'), join(sitePackages, 'heavylib'), { recursive: true });
  const log = join(tmp.dir, 'imports.log');
  const m = await runFixture({
    repo,
    outDir: tmp.dir,
    python,
    specs: [1, 2, 3].map((i) => ({ id: `part-${i}`, run: `pytest tests/test_part${i}.py` })),
    ci: { environment: [{ name: 'HEAVYLIB_IMPORT_S', value: '0' }, { name: 'HEAVYLIB_IMPORT_LOG', value: log }] },
  });
  expect(m.selectors.map((s) => [s.outcome, s.worker])).toEqual([1, 2, 3].map(() => ['passed', 'shared']));
  expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
});
