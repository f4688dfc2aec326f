// One pytest attempt as a process of its own: `python -m pytest ARGS`, run through the driver
// (python/handoff_worker.py own), which behaves exactly like it but also ends its process group
// if the CLI dies. Output goes straight from the child to the log file descriptor, so the CLI
// never holds it in memory however much a selector prints. Selectors that can share a warm
// worker go through worker-pool.ts instead; both return the same PytestAttemptEnd.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { ownProcessArgs } from './driver.js';
import { spawnGroup } from './process-group.js';

export interface PytestAttemptOptions {
  python: string;
  /** pytest's arguments: what follows `python -m pytest`. */
  args: readonly string[];
  cwd: string;
  /** The environment the command was given (the CLI's): the selector's `env` is added to it. */
  cliEnv: NodeJS.ProcessEnv;
  /** The selector's own environment (ci.environment). */
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
  /** A shared worker started for this attempt, not one that ran an earlier selector (a retry). */
  fresh?: boolean;
}

/** Where an attempt ran: in a shared warm worker, or in a pytest process of its own. */
export type WorkerKind = 'shared' | 'own';

export interface PytestAttemptEnd {
  /** null when the process was ended by a signal. */
  exitCode: number | null;
  timedOut: boolean;
  interrupted: boolean;
  /** Epoch ms. */
  startedAt: number;
  durationS: number;
  worker: WorkerKind;
}

export type AttemptRunner = (options: PytestAttemptOptions) => Promise<PytestAttemptEnd>;

export const DEFAULT_GRACE_MS = 3000;

/** Opens the log for an attempt (afresh, or appended to for a retry) and writes its header. */
export function openLog(options: Pick<PytestAttemptOptions, 'logPath' | 'append' | 'header'>): number {
  const fd = openSync(options.logPath, options.append ? 'a' : 'w');
  if (options.header) writeSync(fd, options.header);
  return fd;
}

/** The CLI's environment plus the selector's; unbuffered, so a killed run's log shows how far it got. */
export function childEnv(cliEnv: NodeJS.ProcessEnv, env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...cliEnv, PYTHONUNBUFFERED: '1', ...env };
}

export function notFound(python: string, error: NodeJS.ErrnoException): Error {
  return error.code === 'ENOENT' ? new Error(`${python}: not found`) : error;
}

export async function runPytestAttempt(options: PytestAttemptOptions): Promise<PytestAttemptEnd> {
  const now = options.now ?? Date.now;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const fd = openLog(options);
  try {
    const startedAt = now();
    let timedOut = false;
    let interrupted = false;
    // fd 3 is the driver's lifeline: it reads end-of-file when the CLI dies.
    const group = await spawnGroup(options.python, ownProcessArgs(options.args), {
      cwd: options.cwd,
      env: childEnv(options.cliEnv, options.env),
      stdio: ['ignore', fd, fd, 'pipe'],
    });
    const timer = options.timeoutS !== undefined ? setTimeout(() => ((timedOut = true), group.end(graceMs)), options.timeoutS * 1000) : undefined;
    const onAbort = (): void => {
      interrupted = true;
      group.end(graceMs);
    };
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const exit = await group.exited;
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (exit.startError) throw notFound(options.python, exit.startError);
    const durationS = (now() - startedAt) / 1000;
    await group.settle(graceMs);
    (group.child.stdio[3] as Socket | null)?.destroy();
    return { exitCode: exit.code, timedOut, interrupted, startedAt, durationS, worker: 'own' };
  } finally {
    closeSync(fd);
  }
}
