// `handoff validate --collect` end to end with the built CLI: the two node ids the real,
// hand-written Phase E3 brief cited (neither existed) are reported with their positions.
import { appendFileSync, cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, makeTempDir, runCli } from '../helpers/cli.js';
import { processesEnded } from '../helpers/processes.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-collect-cli-');
});
afterEach(() => tmp.cleanup());

test('validate --collect: exit 1, one finding per selector that names a missing node id', async () => {
  const input = join(tmp.dir, 'handwritten.yaml');
  writeFileSync(
    input,
    `version: 1
brief: {id: e3, title: Phase E3, initiative: INTEGRATE-PYTORCH-001, phase: E3, recipient: {initiative: TEST-PYTORCH-001, phase: D3}}
repo: ${join(ROOT, 'examples/ptychopinn-mini')}
selectors:
  - id: backend-selection
    run: pytest tests/torch/test_backend_selection.py -vv
    purpose: exists
  - id: fail-fast
    run: pytest tests/torch/test_backend_selection.py::TestBackendSelection::test_pytorch_unavailable_raises_runtime_error -vv
    purpose: cited by the hand-written brief
  - id: cross-backend-checkpoint
    run: pytest tests/torch/test_model_manager.py::test_load_tensorflow_checkpoint_with_pytorch_backend -vv
    purpose: cited by the hand-written brief
`,
  );
  const r = await runCli(['validate', 'handwritten.yaml', '--collect', '--jobs', '2'], { cwd: tmp.dir });
  expect(r.code).toBe(1);
  // The missing test file is reported once, by the path check; collecting it would only say it again.
  expect(r.stdout.trimEnd().split('\n')).toEqual([
    // The hand-written brief's name for the test, and the one that exists.
    'handwritten.yaml:9:10: selectors[1].run: selector "fail-fast" names a node id that does not exist: tests/torch/test_backend_selection.py::TestBackendSelection::test_pytorch_unavailable_raises_runtime_error (did you mean tests/torch/test_backend_selection.py::test_pytorch_without_torch_raises_actionable_runtime_error?)',
    expect.stringMatching(/^handwritten\.yaml:12:10: selectors\[2\]\.run: test path tests\/torch\/test_model_manager\.py does not exist in \S+/),
  ]);
});

test('validate --collect with a missing interpreter: exit 3', async () => {
  const r = await runCli(['validate', 'data/integrate-pytorch-001/phase_e3.yaml', '--collect', '--python', 'no-such-python3']);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain('no-such-python3: not found.');
});

test('validate --collect: a collection that hangs is ended at the selector timeout, its process group with it', async () => {
  const { mkdirSync, readFileSync, existsSync } = await import('node:fs');
  mkdirSync(join(tmp.dir, 'repo', 'tests'), { recursive: true });
  const pidFile = join(tmp.dir, 'child.pid');
  // Importing this test module starts a child process, then blocks: collection never ends.
  writeFileSync(
    join(tmp.dir, 'repo', 'tests', 'test_hangs_on_import.py'),
    `import subprocess, sys, time\np = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])\nopen(${JSON.stringify(pidFile)}, "w").write(str(p.pid))\ntime.sleep(120)\n\ndef test_never():\n    pass\n`,
  );
  writeFileSync(
    join(tmp.dir, 'input.yaml'),
    'version: 1\nbrief: {id: hang, title: H, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}}\nrepo: repo\nselectors:\n  - {id: hangs, run: pytest tests/test_hangs_on_import.py, purpose: P, timeout: 2s}\n',
  );
  const r = await runCli(['validate', 'input.yaml', '--collect'], { cwd: tmp.dir });
  expect(r.stdout).toContain('input.yaml:5:22: selectors[0].run: selector "hangs" collection timed out after 2s');
  expect(r.code).toBe(1);
  expect(existsSync(pidFile)).toBe(true);
  const pid = Number(readFileSync(pidFile, 'utf8'));
  expect(await processesEnded([pid])).toEqual([]);
});

test('validate --collect shows pytest\'s own error: line, and leaves a repo without git byte-identical', async () => {
  const repo = join(tmp.dir, 'repo');
  cpSync(join(ROOT, 'examples/ptychopinn-mini'), repo, { recursive: true, filter: (src) => !/\.pytest_cache|__pycache__/.test(src) });
  // A conftest that does what pytest-benchmark does even when only collecting: make a
  // .benchmarks folder in the rootdir (the example project turns the real plugin off).
  appendFileSync(join(repo, 'tests', 'conftest.py'), '\n\ndef pytest_configure(config):\n    import os\n\n    os.makedirs(os.path.join(str(config.rootpath), ".benchmarks"), exist_ok=True)\n');
  const files = (): string[] => readdirSync(repo, { recursive: true }).map(String).sort();
  const before = files();
  writeFileSync(
    join(tmp.dir, 'in.yaml'),
    `version: 1
brief: {id: e3, title: Phase E3, initiative: I, phase: E3, recipient: {initiative: T, phase: D3}}
repo: repo
selectors:
  - {id: ok, run: pytest tests/torch/test_backend_selection.py, purpose: collects}
  - {id: bad-option, run: pytest tests/torch/test_backend_selection.py --no-such-option, purpose: refused}
`,
  );
  // Byte code would be written next to the modules unless validate prevents it.
  const r = await runCli(['validate', 'in.yaml', '--collect'], { cwd: tmp.dir, env: { PYTHONDONTWRITEBYTECODE: '' } });
  expect(r.stdout).toBe('in.yaml:6:27: selectors[1].run: selector "bad-option" is a command line pytest refuses: unrecognized arguments: --no-such-option\n');
  expect(r.code).toBe(1);
  expect(files()).toEqual(before);
});
