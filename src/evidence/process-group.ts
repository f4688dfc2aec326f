// A child process in a process group of its own (detached), so that a timeout or Ctrl-C can end
// every process a test spawned, not just pytest itself: SIGTERM to the group, SIGKILL after a
// grace period. Both the own-process runs (pytest-process.ts) and the shared workers
// (worker-pool.ts) are started here.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

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

/** Resolves when the group is empty or the deadline (epoch ms) has passed. */
async function waitForGroup(pid: number, deadline: number): Promise<void> {
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

export interface GroupExit {
  /** null when the leader was ended by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GroupProcess {
  child: ChildProcess;
  /** Resolves when the group's leader exits; rejects when it could not be started (ENOENT). */
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
  env: NodeJS.ProcessEnv;
  stdio: StdioOptions;
}

export function spawnGroup(file: string, args: readonly string[], options: SpawnGroupOptions): GroupProcess {
  const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: options.stdio, detached: true });
  const pid = child.pid;
  if (pid !== undefined) trackGroup(pid);
  const exited = new Promise<GroupExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // The 'error' of a failed start is handled by whoever awaits `exited`; never unhandled.
  exited.catch(() => {});
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
  return { child, exited, end, settle };
}
