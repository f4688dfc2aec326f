// If the CLI dies without a chance to clean up (SIGKILL, the OOM killer), nothing it started may
// outlive it by more than 2 s: the driver's supervisor sees its lifeline close (and, on Linux,
// gets PR_SET_PDEATHSIG) and ends its process group. Also: Ctrl-C with several workers busy.
// The built CLI runs as a child process on real pytest; checks read /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, makeTempDir } from '../helpers/cli.js';
import { killLeftovers, liveGroupMembers, liveProcessesWithEnv, processGroupOf, readPid, waitForFile, waitForNone } from '../helpers/processes.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
let tmp: ReturnType<typeof makeTempDir>;
let leftovers: { child?: ChildProcess; pidfiles: string[] };
beforeEach(() => {
  tmp = makeTempDir('handoff-parent-death-');
  leftovers = { pidfiles: [] };
});
afterEach(() => {
  killLeftovers(leftovers);
  // Whatever a failed test left, found by the marker in its environment.
  for (const pid of liveProcessesWithEnv(tmp.dir)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  tmp.cleanup();
});

function startRun(selectors: string, extra: string[]): ChildProcess {
  const input = join(tmp.dir, 'hang.yaml');
  writeFileSync(
    input,
    `version: 1
brief: {id: hang, title: Hang, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}
selectors:
${selectors}
ci:
  environment: [{name: HANDOFF_PIDFILE, value: "${join(tmp.dir, 'grandchild.pid')}"}, {name: HANDOFF_RUN_MARKER, value: "${tmp.dir}"}]
`,
  );
  const child = spawn(process.execPath, [BIN, 'run', input, '--repo', FAULTS, '--out', join(tmp.dir, 'out'), '--quiet', ...extra], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: 'ignore',
  });
  leftovers = { child, pidfiles: [join(tmp.dir, 'grandchild.pid')] };
  return child;
}

test.each([
  ['in a shared worker', []],
  ['in a process of its own (--isolate)', ['--isolate']],
])('kill -9 of the CLI during a hanging selector %s: no process of its group is left after 2 s', async (_, extra) => {
  const cli = startRun('  - {id: hang, run: pytest tests/test_hang.py, purpose: hangs}', extra);
  expect(await waitForFile(join(tmp.dir, 'grandchild.pid'))).toBe(true);
  const grandchild = readPid(join(tmp.dir, 'grandchild.pid')) as number;
  const group = processGroupOf(grandchild) as number;
  expect(group).toBeGreaterThan(1);
  expect(group).not.toBe(processGroupOf(cli.pid as number));
  // pytest (or its worker), the driver's supervisor and the test's `sleep` grandchild.
  expect(liveGroupMembers(group).length).toBeGreaterThanOrEqual(3);
  const closed = new Promise((resolve) => cli.on('close', resolve));
  cli.kill('SIGKILL');
  await closed;
  expect(await waitForNone(() => liveGroupMembers(group), 2000)).toEqual([]);
  expect(liveProcessesWithEnv(tmp.dir)).toEqual([]);
});

test('Ctrl-C with two workers busy: exit 130, both logs kept, every worker and its group ended', async () => {
  const cli = startRun(
    `  - {id: hang-a, run: pytest tests/test_hang.py -v, purpose: hangs}
  - {id: hang-b, run: pytest tests/test_hang_ignoring_sigterm.py -v, purpose: hangs and ignores SIGTERM}`,
    ['--jobs', '2'],
  );
  const closed = new Promise<number | null>((resolve) => cli.on('close', resolve));
  // The run writes its logs into its staging folder (out/.handoff-run-<id>-<pid>/logs/<id>/) until it is done.
  const staging = (): string => join(tmp.dir, 'out', readdirSync(join(tmp.dir, 'out')).find((n) => n.startsWith('.handoff-run-')) ?? 'none');
  const logs = (): string[] => ['hang-a', 'hang-b'].map((id) => join(staging(), 'logs', 'hang', `${id}.log`));
  // Both tests have started once both logs name them.
  const started = (): boolean =>
    existsSync(join(tmp.dir, 'out')) &&
    logs().every((l, i) => existsSync(l) && readFileSync(l, 'utf8').includes(i === 0 ? '::test_hangs_with_grandchild' : '::test_hangs_and_ignores_sigterm'));
  for (let i = 0; i < 200 && !started(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(started()).toBe(true);
  await new Promise((r) => setTimeout(r, 300));
  cli.kill('SIGINT');
  expect(await closed).toBe(130);
  for (const log of logs()) expect(existsSync(log)).toBe(true);
  expect(existsSync(join(tmp.dir, 'out', 'hang.evidence.json'))).toBe(false);
  expect(await waitForNone(() => liveProcessesWithEnv(tmp.dir), 1000)).toEqual([]);
});
