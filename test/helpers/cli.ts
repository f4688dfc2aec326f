// Calling the CLI the way a user does, through its one entry. Most tests call `main` in-process
// (runCli): the same parser, command table and exit codes as the built CLI, without a Node
// start-up per call. Tests of what only a process shows — exit codes of the real bin, signals,
// pipes, the packed install — start the built CLI (dist/, made by `npm test`'s pretest build) as
// a child process (runCliProcess).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type Io, type OutputStream } from '../../src/main.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BIN = join(ROOT, 'bin', 'handoff.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

/** The environment a test runs the CLI with: the test's own, without a fixed clock or Node flags. */
function environment(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return { ...process.env, NODE_OPTIONS: '', SOURCE_DATE_EPOCH: '', ...extra };
}

/** A stream that keeps what is written to it. */
function capture(): OutputStream & { text: string } {
  const stream = {
    text: '',
    isTTY: false,
    write(chunk: string | Uint8Array): boolean {
      stream.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    },
    on() {
      return stream;
    },
  };
  return stream as unknown as OutputStream & { text: string };
}

export interface InProcessControl {
  /** Sends the run a Ctrl-C, as a terminal would. */
  interrupt(): void;
}

/**
 * `handoff ARGS` in this process, through `main`. `control` (optional) receives a handle to
 * interrupt the run once it has installed its Ctrl-C handler.
 */
export async function runCli(args: string[], options: CliOptions = {}, control?: (handle: InProcessControl) => void): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const handlers = new Set<() => void>();
  control?.({ interrupt: () => handlers.forEach((h) => h()) });
  const io: Io = {
    cwd: options.cwd ?? ROOT,
    env: environment(options.env),
    stdout,
    stderr,
    clock: () => new Date(),
    onInterrupt(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    exitNow(code) {
      throw new Error(`the CLI asked to exit at once with ${code}`);
    },
  };
  const code = await main(args, io);
  return { code, signal: null, stdout: stdout.text, stderr: stderr.text };
}

/** `node bin/handoff.js ARGS` as a child process. */
export function runCliProcess(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: environment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temp folder; call the returned cleanup in afterEach/afterAll. */
export function makeTempDir(prefix = 'handoff-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
