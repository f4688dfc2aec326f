// `handoff run` end to end: the built CLI as a child process, real pytest, real temp folders.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, makeTempDir, runCli } from '../helpers/cli.js';
import { fileWritten, killLeftovers, processesEnded } from '../helpers/processes.js';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
const NOW = '2025-10-19T20:58:32Z';
let tmp: ReturnType<typeof makeTempDir>;
/** What a test started: killed in afterEach, so a failed assertion leaves nothing running. */
let leftovers: { child?: ChildProcess; pidfiles: string[] };
beforeEach(() => {
  tmp = makeTempDir('handoff-run-cli-');
  leftovers = { pidfiles: [] };
});
afterEach(() => {
  killLeftovers(leftovers);
  tmp.cleanup();
});

function writeInput(selectors: string, ci = ''): string {
  const file = join(tmp.dir, 'faults.yaml');
  writeFileSync(
    file,
    `version: 1
brief: {id: faults, title: Fault cases, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}
selectors:
${selectors}
${ci}`,
  );
  return file;
}

function readManifest(out: string, id: string): EvidenceManifest {
  return JSON.parse(readFileSync(join(out, `${id}.evidence.json`), 'utf8')) as EvidenceManifest;
}

test('the Phase E3 demo: exit 0, every selector met, brief rendered with evidence, plain progress off a terminal', async () => {
  const out = join(tmp.dir, 'out');
  const r = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', out, '--now', NOW, '--jobs', '2']);
  expect(r.stderr).toMatch(/^start integration$/m);
  expect(r.stderr).toMatch(/^\[8\/8\] ✓ \S+: passed \([\d.]+s\)$/m);
  // The verdict is the run's last line, as it is the brief's first.
  expect(r.stderr).toMatch(/8 of 8 selectors as expected; evidence from 2025-10-19T20:58:32Z, commit [0-9a-f]{7}[^\n]*\. Evidence in \S+phase_e3_handoff\.evidence\.json\n$/);
  expect(r.code).toBe(0);
  const manifest = readManifest(out, 'phase_e3_handoff');
  expect(manifest.generated_at).toBe(NOW);
  expect(manifest.selectors.map((s) => [s.id, s.outcome, s.met])).toEqual(
    ['integration', 'backend-selection', 'tf-baseline', 'config-bridge-parity', 'lightning-orchestration', 'stitching', 'checkpoint', 'decoder-parity'].map((id) => [id, 'passed', true]),
  );
  const bridge = manifest.selectors.find((s) => s.id === 'config-bridge-parity');
  expect(bridge?.counts).toMatchObject({ passed: 5, deselected: 2 });
  expect(manifest.selectors.find((s) => s.id === 'backend-selection')?.counts.passed).toBe(6);
  const brief = readFileSync(join(out, 'phase_e3_handoff.md'), 'utf8');
  expect(brief).toMatch(/^# TEST-PYTORCH-001 Phase D3 Handoff Brief\n\n\*\*Verdict:\*\* 8 of 8 selectors as expected\.\n/);
  expect(brief).toContain('[log](logs/phase_e3_handoff/integration.log)');
  expect(brief).toContain('below min (20s)');
  // Checked right after the run, the brief is up to date: render picks up the evidence beside it.
  const check = await runCli(['render', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', out, '--check', '--now', '2025-10-25T08:00:00Z']);
  expect(check.stderr).toContain('is up to date');
  expect(check.code).toBe(0);
});

test('a selector that misses its expect: exit 1, brief and manifest still written', async () => {
  const input = writeInput(`  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}
  - {id: broken, run: pytest tests/test_fail_deep.py, purpose: fails}`);
  const out = join(tmp.dir, 'out');
  const r = await runCli(['run', input, '--repo', FAULTS, '--out', out, '--now', NOW]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^1 of 2 selectors as expected; not as expected: broken failed; evidence from 2025-10-19T20:58:32Z, /m);
  expect(r.stderr).toMatch(/✗ broken: failed \(expected to pass\) \(log: .*logs\/faults\/broken\.log\)/);
  expect(readManifest(out, 'faults').selectors.map((s) => s.outcome)).toEqual(['passed', 'failed']);
  expect(readFileSync(join(out, 'faults.md'), 'utf8')).toContain('bottom of a 60-frame stack');
});

test('python missing: exit 3 naming --python, nothing written', async () => {
  const input = writeInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}');
  const out = join(tmp.dir, 'out');
  const r = await runCli(['run', input, '--repo', FAULTS, '--out', out, '--python', 'no-such-python3']);
  expect(r.code).toBe(3);
  expect(r.stderr).toBe('no-such-python3: not found. Install Python 3 with pytest (e.g. apt-get install python3-pytest), or pick another interpreter with --python EXE.\n');
  expect(existsSync(out)).toBe(false);
});

test('pytest missing for the interpreter: exit 3 saying how to install it', async () => {
  // A python without pytest: the real one with its site-packages (where pytest is) left out.
  const fake = join(tmp.dir, 'bare-python');
  writeFileSync(fake, '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
  const input = writeInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}');
  const r = await runCli(['run', input, '--repo', FAULTS, '--out', join(tmp.dir, 'out'), '--python', fake]);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain('-m pytest does not work (');
  expect(r.stderr).toContain('No module named pytest). Install pytest for it (');
  expect(r.stderr).toContain('--python EXE');
  expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
});

test.each([[[]], [['--isolate']]])('a program that is no Python (--python /bin/ls %j): exit 3 saying so, nothing written', async (extra) => {
  const input = writeInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}');
  const r = await runCli(['run', input, '--repo', FAULTS, '--out', join(tmp.dir, 'out'), '--python', '/bin/ls', ...extra]);
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/^\/bin\/ls does not look like a Python interpreter \(it answered: \/bin\/ls: .+\); pick a Python 3 with pytest with --python EXE\.\n$/);
  expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
});

test('repo folder missing or output folder not writable: exit 3, nothing written', async () => {
  const input = writeInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}');
  const out = join(tmp.dir, 'out');
  const a = await runCli(['run', input, '--repo', join(tmp.dir, 'no-such-repo'), '--out', out]);
  expect(a.code).toBe(3);
  expect(a.stderr).toMatch(/^--repo \/\S+\/no-such-repo: the folder given does not exist\n$/);
  expect(existsSync(out)).toBe(false);
  const blocker = join(tmp.dir, 'a-file');
  writeFileSync(blocker, 'not a folder');
  const b = await runCli(['run', input, '--repo', FAULTS, '--out', blocker]);
  expect(b.code).toBe(3);
  expect(b.stderr).toMatch(/^cannot create the output folder .*a-file \(ENOTDIR: a part of the path is a file, not a folder\); pick another with --out DIR\n$/);
  expect(readFileSync(blocker, 'utf8')).toBe('not a folder');
});

test('--dry-run prints each argv and runs nothing; --only narrows it', async () => {
  const out = join(tmp.dir, 'out');
  const r = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', out, '--dry-run', '--only', 'stitching,integration']);
  expect(r.code).toBe(0);
  const junit = (id: string): string => join(out, 'logs', 'phase_e3_handoff', `${id}.junit.xml`);
  expect(r.stdout).toBe(
    "# in examples/ptychopinn-mini, with CUDA_VISIBLE_DEVICES=''\n" +
      `integration: python3 -m pytest tests/torch/test_integration_workflow_torch.py::test_run_pytorch_train_save_load_infer -vv -o junit_family=xunit1 --junitxml=${junit('integration')}\n` +
      `stitching: python3 -m pytest tests/torch/test_workflows_components.py -k ReassembleCdiImageTorch -vv -o junit_family=xunit1 --junitxml=${junit('stitching')}\n`,
  );
  expect(existsSync(out)).toBe(false);
});

test('--only with an unknown id: exit 2 listing the ids, nothing written', async () => {
  const out = join(tmp.dir, 'out');
  const r = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', out, '--only', 'integraton']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--only: no selector "integraton" (did you mean "integration"?) in the input; its selectors are: integration, backend-selection,');
  expect(existsSync(out)).toBe(false);
});

test('bad --timeout and --jobs values: exit 2', async () => {
  const a = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', join(tmp.dir, 'o'), '--timeout', 'soon']);
  expect(a.code).toBe(2);
  expect(a.stderr).toContain('--timeout: "soon" is not a duration; use e.g. 90s, 2m or 1h30m');
  const b = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', join(tmp.dir, 'o'), '--jobs', '0']);
  expect(b.code).toBe(2);
  expect(b.stderr).toContain('--jobs: expected a whole number of at least 1');
  expect(existsSync(join(tmp.dir, 'o'))).toBe(false);
});

test('--only runs just that selector; --quiet prints nothing on success', async () => {
  const out = join(tmp.dir, 'out');
  const r = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--out', out, '--only', 'checkpoint', '--quiet', '--now', NOW]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('');
  expect(readManifest(out, 'phase_e3_handoff').selectors.map((s) => s.id)).toEqual(['checkpoint']);
  expect(readdirSync(join(out, 'logs'))).toEqual(['phase_e3_handoff']);
  expect(readdirSync(join(out, 'logs', 'phase_e3_handoff')).sort()).toEqual(['checkpoint.junit.xml', 'checkpoint.log']);
});

/** Every file under a folder (staging folders of runs left out) with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.handoff-run-')) continue;
      const rel = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(join(d, entry.name), `${rel}/`);
      else files[rel] = readFileSync(join(d, entry.name), 'latin1');
    }
  };
  walk(dir, '');
  return files;
}

test('SIGINT: exit 130, children ended, the previous evidence byte-identical, this run\'s logs kept aside', async () => {
  const pidfile = join(tmp.dir, 'grandchild.pid');
  const input = writeInput(
    '  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}\n  - {id: hang, run: pytest tests/test_hang.py -vv, purpose: hangs}',
    `ci:\n  environment: [{name: HANDOFF_PIDFILE, value: "${pidfile}"}]\n`,
  );
  const out = join(tmp.dir, 'out');
  // The evidence an earlier run left: brief, manifest, log and JUnit file of `ok`.
  const first = await runCli(['run', input, '--repo', FAULTS, '--out', out, '--only', 'ok', '--now', NOW, '--quiet']);
  expect(first.code).toBe(0);
  const before = snapshot(out);
  expect(Object.keys(before).sort()).toEqual(['faults.evidence.json', 'faults.history.jsonl', 'faults.md', 'logs/faults/ok.junit.xml', 'logs/faults/ok.log']);
  const child = spawn(process.execPath, [BIN, 'run', input, '--repo', FAULTS, '--out', out, '--jobs', '1'], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  leftovers = { child, pidfiles: [pidfile] };
  const closed = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // Once the test has spawned its grandchild (so `ok` has run again), interrupt.
  expect(await fileWritten(pidfile)).toMatch(/^\d+$/);
  child.kill('SIGINT');
  const code = await closed;
  expect(code).toBe(130);
  expect(stderr).toMatch(/interrupted: running selectors were ended; the previous evidence in \S+ is unchanged; this run's logs so far are in (\S+\/\.handoff-run-faults-\d+-[0-9a-f]{8}\/logs\/faults)\n$/);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(snapshot(out)).toEqual(before);
  const staged = /logs so far are in (\S+)\n$/.exec(stderr)![1]!;
  expect(readFileSync(join(staged, 'hang.log'), 'utf8')).toContain('test_hang.py::test_hangs_with_grandchild');
  const pid = Number(readFileSync(pidfile, 'utf8'));
  expect(await processesEnded([pid])).toEqual([]);
  // The next run clears the staging folder the interrupted one left.
  const again = await runCli(['run', input, '--repo', FAULTS, '--out', out, '--only', 'ok', '--now', NOW, '--quiet']);
  expect(again.code).toBe(0);
  expect(readdirSync(out).filter((n) => n.startsWith('.handoff-run-'))).toEqual([]);
});

test('a run that cannot write its results changes nothing: exit 3, the previous evidence byte-identical', async () => {
  const input = writeInput('  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}\n  - {id: skips, run: pytest tests/test_skip.py, purpose: skips, expect: skip}');
  const out = join(tmp.dir, 'out');
  expect((await runCli(['run', input, '--repo', FAULTS, '--out', out, '--now', NOW, '--quiet'])).code).toBe(0);
  const before = snapshot(out);
  // An immutable logs folder: the new logs cannot be renamed into it (root ignores mode bits, not this).
  execFileSync('chattr', ['+i', join(out, 'logs', 'faults')]);
  try {
    const r = await runCli(['run', input, '--repo', FAULTS, '--out', out, '--now', '2025-10-20T00:00:00Z', '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^cannot write \S+ \(EPERM: read-only or immutable\?\); nothing was changed\n$/);
  } finally {
    execFileSync('chattr', ['-i', join(out, 'logs', 'faults')]);
  }
  expect(snapshot(out)).toEqual(before);
});

test('a second SIGINT exits at once, and still kills process groups that ignore SIGTERM', async () => {
  const pidfile = join(tmp.dir, 'grandchild.pid');
  const sigterms = join(tmp.dir, 'sigterms');
  const input = writeInput(
    '  - {id: stubborn, run: pytest tests/test_hang_ignoring_sigterm.py, purpose: ignores SIGTERM}',
    `ci:\n  environment: [{name: HANDOFF_PIDFILE, value: "${pidfile}"}, {name: HANDOFF_SIGTERMS, value: "${sigterms}"}]\n`,
  );
  const out = join(tmp.dir, 'out');
  const child = spawn(process.execPath, [BIN, 'run', input, '--repo', FAULTS, '--out', out], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: 'ignore',
  });
  leftovers = { child, pidfiles: [pidfile] };
  const closed = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(await fileWritten(pidfile)).toMatch(/^\d+$/);
  child.kill('SIGINT'); // SIGTERM to the group, which ignores it; SIGKILL would follow in 3 s
  // The test noted the SIGTERM: the first Ctrl-C has been acted on, and the next is a second one.
  expect(await fileWritten(sigterms)).toBe('SIGTERM\n');
  child.kill('SIGINT'); // the impatient second Ctrl-C
  const code = await closed;
  expect(code).toBe(130);
  expect(existsSync(join(out, 'faults.evidence.json'))).toBe(false);
  const pid = Number(readFileSync(pidfile, 'utf8'));
  // Well under the 3 s grace: the exit hook's SIGKILL, not the grace timer, ended it.
  expect(await processesEnded([pid], 2000)).toEqual([]);
});

test('a passing test\'s background process that ignores SIGTERM is gone once handoff run has exited', async () => {
  const pidfile = join(tmp.dir, 'stubborn-daemon.pid');
  const input = writeInput(
    '  - {id: stubborn-daemon, run: pytest tests/test_leaves_stubborn_background.py, purpose: leaves a daemon}',
    `ci:\n  environment: [{name: HANDOFF_PIDFILE, value: "${pidfile}"}]\n`,
  );
  const out = join(tmp.dir, 'out');
  leftovers = { pidfiles: [pidfile] };
  const r = await runCli(['run', input, '--repo', FAULTS, '--out', out, '--quiet', '--now', NOW]);
  expect(r.code).toBe(0);
  expect(readManifest(out, 'faults').selectors.map((s) => [s.outcome, s.met])).toEqual([['passed', true]]);
  const pid = Number(readFileSync(pidfile, 'utf8'));
  expect(pid).toBeGreaterThan(1);
  expect(await processesEnded([pid], 2000)).toEqual([]);
});
