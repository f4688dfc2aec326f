// One pytest attempt as a real child process. Output goes straight from the child to the log
// file descriptor, so the CLI never holds it in memory however much a selector prints. pytest
// runs in its own process group (detached) so a timeout or Ctrl-C can end every process a test
// spawned, not just pytest itself.
import { closeSync, openSync, writeSync } from 'node:fs';
import { execa } from 'execa';

export interface PytestAttemptOptions {
  argv: readonly string[];
  cwd: string;
  /** Added to the CLI's own environment. */
  env: Record<string, string>;
  logPath: string;
  /** Append to the log (a retry) instead of starting it afresh. */
  append: boolean;
  /** Written to the log before pytest's output (e.g. an attempt separator). */
  header?: string;
  /** Seconds; undefined = no limit. */
  timeoutS?: number;
  /**
   * Between SIGTERM and SIGKILL of the process group, after a timeout, a Ctrl-C, or pytest
   * exiting with processes of its group still running. Default 3000.
   */
  graceMs?: number;
  signal?: AbortSignal;
  now?: () => number;
}

export interface PytestAttemptEnd {
  exitCode: number | null;
  timedOut: boolean;
  interrupted: boolean;
  /** Epoch ms. */
  startedAt: number;
  durationS: number;
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // ESRCH: the group is already gone.
  }
}

// Process groups still running. If the CLI exits while they run (a second Ctrl-C exits at
// once, or a crash), they are killed on the way out rather than left orphaned.
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

export async function runPytestAttempt(options: PytestAttemptOptions): Promise<PytestAttemptEnd> {
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? 3000;
  const fd = openSync(options.logPath, options.append ? 'a' : 'w');
  try {
    if (options.header) writeSync(fd, options.header);
    const [file, ...args] = options.argv;
    if (file === undefined) throw new Error('empty argv');
    const startedAt = now();
    let timedOut = false;
    let interrupted = false;
    // execa's types only admit the literals 3-9 as file descriptors, but it passes any fd to
    // the child unchanged (Node's stdio semantics); handing the child the log's fd keeps
    // pytest's output out of this process entirely.
    const logFd = fd as unknown as 3;
    const child = execa(file, args, {
      cwd: options.cwd,
      env: { PYTHONUNBUFFERED: '1', ...options.env },
      extendEnv: true,
      stdin: 'ignore',
      stdout: logFd,
      stderr: logFd,
      detached: true,
      cleanup: false,
      reject: false,
      buffer: false,
    });
    const pid = child.pid;
    if (pid !== undefined) trackGroup(pid);
    let killTimer: NodeJS.Timeout | undefined;
    let killAt = 0;
    const end = (): void => {
      if (pid === undefined || killTimer) return;
      signalGroup(pid, 'SIGTERM');
      killAt = Date.now() + graceMs;
      killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    };
    const timer = options.timeoutS !== undefined ? setTimeout(() => ((timedOut = true), end()), options.timeoutS * 1000) : undefined;
    const onAbort = (): void => {
      interrupted = true;
      end();
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const result = await child;
    const durationS = (now() - startedAt) / 1000;
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (pid !== undefined) {
      if (killTimer) {
        // pytest is gone, but what it spawned may still be shutting down: the rest of the
        // grace period, then SIGKILL for whatever is left of the group.
        clearTimeout(killTimer);
      } else {
        // A test that started a background process and returned: end it with its selector,
        // with the same escalation as a timeout, as it may ignore SIGTERM.
        signalGroup(pid, 'SIGTERM');
        killAt = Date.now() + graceMs;
      }
      await waitForGroup(pid, killAt);
      signalGroup(pid, 'SIGKILL');
      // Only now: until the group has had its SIGKILL, the exit hook must still see it.
      liveGroups.delete(pid);
    }
    if (result.failed && result.exitCode === undefined && !result.signal && 'code' in result && result.code === 'ENOENT') {
      throw new Error(`${file}: not found`);
    }
    return {
      exitCode: result.exitCode ?? null,
      timedOut,
      interrupted,
      startedAt,
      durationS,
    };
  } finally {
    closeSync(fd);
  }
}
