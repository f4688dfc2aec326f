// A child process in a process group of its own (detached), so that a timeout or Ctrl-C can end
// every process a test spawned, not just pytest itself: SIGTERM to the group, SIGKILL after a
// grace period. Both the own-process runs (pytest-process.ts) and the shared workers
// (worker-pool.ts) are started here, through execa.
//
// What execa does not do for a group, done here: its `timeout`, `cancelSignal` and
// `forceKillAfterDelay` signal the leader only (kill(pid)), never its group (kill(-pid)); and its
// `cleanup` skips detached children. So the group is signalled with process.kill(-pid), and the
// groups still running are killed on the way out by an exit hook of this module.
import type { Options } from 'execa';
import type { ChildProcess } from 'node:child_process';
import { loadExeca, startFailure } from './child-process.js';

export function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is already gone.
  }
}

// Process groups still running. If the CLI exits while they run (a second Ctrl-C exits at
// once, or a crash), they are killed on the way out rather than left orphaned. (A SIGKILL of
// the CLI skips this hook: then the driver's supervisor ends its group, python/handoff_worker.py.)
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const group of liveGroups) signalGroup(group, 'SIGKILL');
  });
}

/** Whether any process of the group is still there. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves when the group is empty or the deadline (epoch ms) has passed. A poll: the kernel
 * tells no one but a parent when a process ends, and what a test leaves behind is no child of ours.
 */
async function waitForGroup(pid: number, deadline: number): Promise<void> {
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

export interface GroupExit {
  /** null when the leader was ended by a signal or could not be started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the leader could not be started at all (ENOENT, EACCES): then there was no group. */
  startError?: NodeJS.ErrnoException;
}

export interface GroupProcess {
  /** The leader (execa's subprocess): its stdio pipes are read and written by the caller. */
  child: ChildProcess;
  /** Resolves when the group's leader exits, or could not be started; never rejects. */
  exited: Promise<GroupExit>;
  /** SIGTERM to the whole group now, SIGKILL after `graceMs`. Idempotent. */
  end(graceMs: number): void;
  /**
   * Once the leader has exited: ends what is left of its group (processes a test left
   * behind) with the same escalation, waits until the group is empty or SIGKILLed, and stops
   * tracking it.
   */
  settle(graceMs: number): Promise<void>;
}

export interface SpawnGroupOptions {
  cwd: string;
  /** The child's whole environment. */
  env: NodeJS.ProcessEnv;
  /** Plain values only: 'pipe', 'ignore', or a file descriptor (the log), which the child writes to itself. */
  stdio: ReadonlyArray<'pipe' | 'ignore' | number>;
}

export async function spawnGroup(file: string, args: readonly string[], options: SpawnGroupOptions): Promise<GroupProcess> {
  const { execa } = await loadExeca();
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    // Plain values are handed to the kernel as they are, a file descriptor of any number too,
    // though execa's types list only 1 to 9.
    stdio: options.stdio as Extract<Options['stdio'], readonly unknown[]>,
    detached: true,
    reject: false,
    // Output goes to a log file descriptor, or is read by the caller as it comes: never held.
    buffer: false,
  });
  const pid = subprocess.pid;
  if (pid !== undefined) trackGroup(pid);
  const exited = new Promise<GroupExit>((resolve) => {
    // The leader's own exit, not execa's result: the result waits until every pipe of the child
    // is closed, and a process a test forked (holding the worker's stderr or control channel)
    // can keep one open until its group is ended, which needs this exit first.
    subprocess.once('exit', (code, signal) => resolve({ code, signal }));
    // A start that failed has no exit: execa's result says why.
    void subprocess.then((result) => {
      const startError = startFailure(result);
      if (startError) resolve({ code: null, signal: null, startError });
    });
  });
  let killTimer: NodeJS.Timeout | undefined;
  let killAt = 0;
  const end = (graceMs: number): void => {
    if (pid === undefined || killTimer) return;
    signalGroup(pid, 'SIGTERM');
    killAt = Date.now() + graceMs;
    killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
  };
  const settle = async (graceMs: number): Promise<void> => {
    if (pid === undefined) return;
    if (killTimer) {
      // The leader is gone, but what it spawned may still be shutting down: the rest of the
      // grace period, then SIGKILL for whatever is left of the group.
      clearTimeout(killTimer);
    } else if (groupAlive(pid)) {
      // A test that started a background process and returned: end it with its selector,
      // with the same escalation as a timeout, as it may ignore SIGTERM.
      signalGroup(pid, 'SIGTERM');
      killAt = Date.now() + graceMs;
    }
    await waitForGroup(pid, killAt);
    signalGroup(pid, 'SIGKILL');
    // Only now: until the group has had its SIGKILL, the exit hook must still see it.
    liveGroups.delete(pid);
  };
  return { child: subprocess, exited, end, settle };
}
