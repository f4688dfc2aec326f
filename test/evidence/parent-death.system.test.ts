// If the CLI dies without a chance to clean up (SIGKILL, the OOM killer), nothing it started may
// outlive it by more than 2 s: the driver's supervisor sees its lifeline close (and, on Linux,
// gets PR_SET_PDEATHSIG) and ends its process group. Also: Ctrl-C with several workers busy.
// The built CLI runs as a child process on real pytest; checks read /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, makeTempDir } from '../helpers/cli.js';
import { fileWritten, killLeftovers, liveGroupMembers, liveProcessesWithEnv, processesEnded, processGroupOf, readPid } from '../helpers/processes.js';

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
  environment: [{name: HANDOFF_PIDFILE, value: "${join(tmp.dir, 'grandchild.pid')}"}, {name: HANDOFF_STARTED, value: "${join(tmp.dir, 'started')}"}, {name: HANDOFF_RUN_MARKER, value: "${tmp.dir}"}]
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
  expect(await fileWritten(join(tmp.dir, 'grandchild.pid'))).toMatch(/^\d+$/);
  const grandchild = readPid(join(tmp.dir, 'grandchild.pid')) as number;
  const group = processGroupOf(grandchild) as number;
  expect(group).toBeGreaterThan(1);
  expect(group).not.toBe(processGroupOf(cli.pid as number));
  // pytest (or its worker), the driver's supervisor and the test's `sleep` grandchild.
  expect(liveGroupMembers(group).length).toBeGreaterThanOrEqual(3);
  const members = liveGroupMembers(group);
  const closed = new Promise((resolve) => cli.on('close', resolve));
  cli.kill('SIGKILL');
  await closed;
  expect(await processesEnded(members, 2000)).toEqual([]);
  expect(liveGroupMembers(group)).toEqual([]);
  expect(liveProcessesWithEnv(tmp.dir)).toEqual([]);
});

test('Ctrl-C with two workers busy: exit 130, both logs kept, every worker and its group ended', async () => {
  const cli = startRun(
    `  - {id: hang-a, run: pytest tests/test_hang.py -v, purpose: hangs}
  - {id: hang-b, run: pytest tests/test_hang_ignoring_sigterm.py -v, purpose: hangs and ignores SIGTERM}`,
    ['--jobs', '2'],
  );
  const closed = new Promise<number | null>((resolve) => cli.on('close', resolve));
  // Each test adds a line to `started` once it hangs, SIGTERM ignored by then where it ignores it.
  const started = await fileWritten(join(tmp.dir, 'started'), { timeoutMs: 20_000, ready: (text) => text.split('\n').filter(Boolean).length === 2 });
  expect(started?.split('\n').filter(Boolean).map((l) => l.split(' ')[0]).sort()).toEqual(['hang', 'hang-ignoring-sigterm']);
  const running = liveProcessesWithEnv(tmp.dir);
  cli.kill('SIGINT');
  expect(await closed).toBe(130);
  // The run wrote its logs into its staging folder (out/.handoff-run-<id>-<pid>-<random>/logs/<id>/).
  const staging = join(tmp.dir, 'out', readdirSync(join(tmp.dir, 'out')).find((n) => n.startsWith('.handoff-run-')) ?? 'none');
  for (const id of ['hang-a', 'hang-b']) expect(existsSync(join(staging, 'logs', 'hang', `${id}.log`))).toBe(true);
  expect(existsSync(join(tmp.dir, 'out', 'hang.evidence.json'))).toBe(false);
  expect(await processesEnded(running, 1000)).toEqual([]);
  expect(liveProcessesWithEnv(tmp.dir)).toEqual([]);
});
