// Every child process handoff starts goes through execa: the pytest workers and processes of
// their own (process-group.ts), git, and the Python probe (runToEnd below). execa is loaded on
// first use by dynamic import, so commands that start nothing (render, plan, due…) never load it.
// A child failing is data, never an exception: `reject: false`, then its exit code, signal and
// whether it timed out are read from the result. Never a shell string: file and arguments apart.
import type { Result } from 'execa';

type Execa = typeof import('execa');

let loading: Promise<Execa> | undefined;

export function loadExeca(): Promise<Execa> {
  return (loading ??= import('execa'));
}

/**
 * Why a child could not be started at all (ENOENT, EACCES), from execa's result: there was no
 * exit and no signal, so the error is the spawn's own (its `cause`).
 */
export function startFailure(result: Pick<Result, 'failed' | 'exitCode' | 'signal' | 'timedOut' | 'cause' | 'code'>): NodeJS.ErrnoException | undefined {
  if (!result.failed || result.exitCode !== undefined || result.signal !== undefined || result.timedOut) return undefined;
  return result.cause instanceof Error ? (result.cause as NodeJS.ErrnoException) : Object.assign(new Error(result.code ?? 'could not start'), { code: result.code });
}

export interface Ran {
  /** null when the command could not be started (see `startError`) or was ended by a signal. */
  code: number | null;
  /** Why it could not be started, e.g. ENOENT. */
  startError?: string;
  stdout: string;
  stderr: string;
}

export interface RunToEndOptions {
  cwd: string;
  /** The whole environment of the child: the command's own, never this process's. */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Runs a short command (git, the Python probe) to its end with no input; never rejects. */
export async function runToEnd(file: string, args: readonly string[], options: RunToEndOptions): Promise<Ran> {
  const { execa } = await loadExeca();
  const result = await execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    timeout: options.timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
    reject: false,
    stripFinalNewline: false,
    // No exit hook for a command this short: execa's (signal-exit) would also hook SIGINT and
    // SIGTERM, which the CLI handles itself.
    cleanup: false,
  });
  const failedToStart = startFailure(result);
  return {
    code: result.exitCode ?? null,
    startError: failedToStart ? (failedToStart.code ?? failedToStart.message) : undefined,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}
