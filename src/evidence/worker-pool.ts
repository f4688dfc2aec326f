// Warm pytest workers (python/handoff_worker.py serve): up to `size` Python processes that each
// run selector after selector as its own pytest.main call, so the interpreter, pytest, its
// plugins and the project's third-party imports are paid once per worker, not per selector.
// `run` has the same shape as runPytestAttempt, so run-evidence.ts and collect.ts use either.
//
// A worker whose process ends mid-selector (a timeout or Ctrl-C ended its group, or a test
// crashed it: os._exit, a segfault) reports that exit as the selector's; it is never reused.
// A retry asks for a fresh worker (`fresh`), one that has run nothing yet.
import { closeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import { serveArgs } from './driver.js';
import { lastLine, pytestBroken, pythonNotFound, type PythonEnvironment } from './environment.js';
import { spawnGroup, type GroupExit, type GroupProcess } from './process-group.js';
import { childEnv, DEFAULT_GRACE_MS, notFound, openLog, type PytestAttemptEnd, type PytestAttemptOptions } from './pytest-process.js';
import { decodeWorkerMessage, encodeMessage, ProtocolError, type CliMessage, type StartedMessage, type WorkerMessage } from './worker-protocol.js';

type WorkerEvent = { kind: 'message'; message: WorkerMessage } | { kind: 'invalid'; reason: string } | { kind: 'exit' };

/** How long a worker may take, after pytest.main returned, to end leftovers and reset itself. */
const RESET_ALLOWANCE_MS = 15_000;
/** How long a worker told to stop (end of its control channel) may take to exit. */
const CLOSE_ALLOWANCE_MS = 2_000;

/** The promise's value, or `fallback` after `ms`; the timer never outlives the wait. */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

class Worker {
  readonly group: GroupProcess;
  used = false;
  exit: GroupExit = { code: null, signal: null };
  private readonly control: Socket;
  private readonly lifeline: Socket;
  private buffer = '';
  private stderrTail = '';
  private readonly events: WorkerEvent[] = [];
  private wake: (() => void) | undefined;

  static async start(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Worker> {
    // fd 3: JSON lines both ways (worker-protocol.ts); fd 4: the lifeline, end-of-file when the CLI dies.
    return new Worker(await spawnGroup(python, serveArgs(), { cwd, env, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] }));
  }

  private constructor(group: GroupProcess) {
    this.group = group;
    const stdio = this.group.child.stdio;
    this.control = stdio[3] as Socket;
    this.lifeline = stdio[4] as Socket;
    // EPIPE and the like when the worker died: its exit tells what happened.
    this.control.on('error', () => {});
    this.lifeline.on('error', () => {});
    this.control.setEncoding('utf8').on('data', (text: string) => this.onData(text));
    (stdio[2] as Readable).setEncoding('utf8').on('data', (text: string) => (this.stderrTail = (this.stderrTail + text).slice(-4096)));
    const drained = new Promise<void>((resolve) => this.control.once('end', resolve).once('close', resolve));
    void this.group.exited.then(async (exit) => {
      this.exit = exit;
      // The exit can be seen before the last messages: read what the channel still holds
      // (a forked grandchild may keep it open, hence the bound).
      if (!exit.startError) await within(drained, 200, undefined);
      this.push({ kind: 'exit' });
    });
  }

  private onData(text: string): void {
    this.buffer += text;
    for (let at = this.buffer.indexOf('\n'); at !== -1; at = this.buffer.indexOf('\n')) {
      const line = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 1);
      if (line.trim() === '') continue;
      try {
        this.push({ kind: 'message', message: decodeWorkerMessage(line) });
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        this.push({ kind: 'invalid', reason: error.message });
      }
    }
  }

  private push(event: WorkerEvent): void {
    this.events.push(event);
    this.wake?.();
  }

  /** The next message or the exit; undefined if none came within `withinMs`. */
  async next(withinMs?: number): Promise<WorkerEvent | undefined> {
    const deadline = withinMs === undefined ? undefined : Date.now() + withinMs;
    while (this.events.length === 0) {
      const wait = new Promise<boolean>((resolve) => (this.wake = () => resolve(true)));
      if (deadline === undefined) await wait;
      else if (!(await within(wait, Math.max(0, deadline - Date.now()), false))) return undefined;
    }
    this.wake = undefined;
    return this.events.shift();
  }

  send(message: CliMessage): void {
    this.control.write(encodeMessage(message));
  }

  /** Why the worker could not start, for the error message. */
  describeFailure(python: string): Error {
    if (this.exit.startError) return notFound(python, this.exit.startError);
    const how = this.exit.signal ? `killed by ${this.exit.signal}` : `exit ${this.exit.code}`;
    return new Error(lastLine(this.stderrTail) || how);
  }

  /** Stop: end of the control channel, then the group's end if it lingers; resolves when gone. */
  async close(graceMs: number): Promise<void> {
    this.control.end();
    const gone = await within(this.group.exited.then(() => true), CLOSE_ALLOWANCE_MS, false);
    if (!gone) this.group.end(graceMs);
    await this.group.exited;
    await this.group.settle(graceMs);
    this.control.destroy();
    this.lifeline.destroy();
  }
}

export interface WorkerPoolOptions {
  python: string;
  /**
   * `python` is a version manager's shim: the first worker starts through it and reports the
   * interpreter it runs (sys.executable); every later worker starts that interpreter directly.
   */
  shim?: boolean;
  cwd: string;
  /** The environment the command was given (the CLI's). */
  cliEnv: NodeJS.ProcessEnv;
  /** Added to `cliEnv`: the selectors' shared environment (ci.environment). */
  env: Record<string, string>;
  /** Workers kept alive at most: the number of attempts that run at once (--jobs). */
  size: number;
  graceMs?: number;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly alive = new Set<Worker>();
  private readonly closing: Array<Promise<void>> = [];
  /** Workers started ahead of need that no attempt has taken yet (undefined: failed to start). */
  private readonly unclaimed: Array<Promise<Worker | undefined>> = [];
  private closed = false;
  /** Workers that ran at least one attempt (the brief says how many). */
  workersUsed = 0;

  /** What workers are started with: `options.python`, until a shim's first worker names its interpreter. */
  private python: string;

  constructor(private readonly options: WorkerPoolOptions) {
    this.python = options.python;
  }

  /** The interpreter later workers start (and processes of their own should). */
  get executable(): string {
    return this.python;
  }

  private get graceMs(): number {
    return this.options.graceMs ?? DEFAULT_GRACE_MS;
  }

  /** Starts a worker and waits until it has imported pytest; throws what kept it from starting. */
  private async start(): Promise<{ worker: Worker; started: StartedMessage }> {
    const worker = await Worker.start(this.python, this.options.cwd, childEnv(this.options.cliEnv, this.options.env));
    this.alive.add(worker);
    const first = await worker.next();
    if (first?.kind === 'message' && first.message.kind === 'started') return { worker, started: first.message };
    this.discard(worker);
    if (first?.kind === 'message' && first.message.kind === 'failed') throw new Error(first.message.error);
    if (first?.kind === 'message') throw new Error(`the worker sent "${first.message.kind}" before "started"`);
    if (first?.kind === 'invalid') throw new Error(`the worker's first line is not of its protocol (${first.reason})`);
    throw worker.describeFailure(this.options.python);
  }

  /**
   * The environment check of `run` and `validate --collect`, made by starting the first
   * worker (which then runs selectors): the versions for the manifest, or EnvironmentError.
   */
  async probe(): Promise<PythonEnvironment> {
    const { python } = this.options;
    const first = this.start();
    // The others start at the same time, so that all --jobs workers are ready together: a
    // worker started only when a second selector asks for one would make it wait. Behind a
    // shim they start once the first has said which interpreter the shim runs.
    const startOthers = (): void => {
      for (let i = 1; i < this.options.size; i++) this.startAhead();
    };
    if (!this.options.shim) startOthers();
    let started: { worker: Worker; started: StartedMessage };
    try {
      started = await first;
    } catch (error) {
      if ((error as Error).message === `${python}: not found`) throw pythonNotFound(python);
      throw pytestBroken(python, (error as Error).message);
    }
    const { executable } = started.started;
    if (this.options.shim && isAbsolute(executable)) this.python = executable;
    if (this.options.shim) startOthers();
    this.idle.push(started.worker);
    const { python: version, pytest, platform } = started.started;
    return { python: version, pytest, platform };
  }

  private startAhead(): void {
    const entry = this.start().then(
      (started) => started.worker,
      () => undefined, // an attempt that asks for it starts another, and reports why that fails
    );
    this.unclaimed.push(entry);
    void entry.then((worker) => {
      const at = this.unclaimed.indexOf(entry);
      if (at === -1) return; // an attempt took it while it started
      this.unclaimed.splice(at, 1);
      if (worker && this.closed) this.discard(worker);
      else if (worker) this.idle.push(worker);
    });
  }

  private async acquire(fresh: boolean): Promise<Worker> {
    const reusable = this.idle.findIndex((w) => !fresh || !w.used);
    if (reusable !== -1) return this.idle.splice(reusable, 1)[0] as Worker;
    const ahead = this.unclaimed.shift();
    const started = ahead ? await ahead : undefined;
    if (started) return started;
    if (this.alive.size >= this.options.size) {
      const spare = this.idle.shift();
      if (spare) this.discard(spare);
    }
    return (await this.start()).worker;
  }

  private discard(worker: Worker): void {
    this.alive.delete(worker);
    this.closing.push(worker.close(this.graceMs));
  }

  readonly run = async (options: PytestAttemptOptions): Promise<PytestAttemptEnd> => {
    const now = options.now ?? Date.now;
    const graceMs = options.graceMs ?? this.graceMs;
    closeSync(openLog(options));
    const worker = await this.acquire(options.fresh === true);
    if (options.signal?.aborted) {
      this.idle.push(worker);
      return { exitCode: null, timedOut: false, interrupted: true, startedAt: now(), durationS: 0, worker: 'shared' };
    }
    if (!worker.used) this.workersUsed++;
    worker.used = true;
    const startedAt = now();
    let timedOut = false;
    let interrupted = false;
    worker.send({ kind: 'run', args: [...options.args], log: options.logPath, grace_ms: Math.round(graceMs) });
    const timer = options.timeoutS !== undefined ? setTimeout(() => ((timedOut = true), worker.group.end(graceMs)), options.timeoutS * 1000) : undefined;
    const onAbort = (): void => {
      interrupted = true;
      worker.group.end(graceMs);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const event = await worker.next();
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    const durationS = (now() - startedAt) / 1000;
    if (event?.kind === 'message' && event.message.kind === 'done') {
      // pytest.main returned. The worker now ends what the tests left running and resets
      // itself; only then may it take the next selector.
      const after = await worker.next(graceMs + RESET_ALLOWANCE_MS);
      const ready = after?.kind === 'message' && after.message.kind === 'ready' && !after.message.retire;
      if (ready && !timedOut && !interrupted) this.idle.push(worker);
      else this.discard(worker);
      return { exitCode: event.message.exit, timedOut: false, interrupted: false, startedAt, durationS, worker: 'shared' };
    }
    if (event?.kind === 'invalid' || (event?.kind === 'message' && event.message.kind !== 'done')) {
      // The two sides do not speak the same protocol (a CLI and a python/ folder of different
      // versions): no selector can be trusted to this worker.
      this.discard(worker);
      const what = event.kind === 'invalid' ? event.reason : event.message.kind === 'failed' ? event.message.error : `"${event.message.kind}" instead of "done"`;
      throw new Error(`a shared worker broke its protocol: ${what}`);
    }
    // The worker's process ended before pytest.main returned: its group was ended (timeout,
    // Ctrl-C) or a test crashed it. Its exit is the selector's, as for a process of its own.
    this.alive.delete(worker);
    await worker.close(graceMs);
    return { exitCode: worker.exit.code, timedOut, interrupted, startedAt, durationS, worker: 'shared' };
  };

  /** Ends every worker; resolves when all of them and everything they started are gone. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = this.unclaimed.splice(0);
    for (const worker of this.idle.splice(0)) this.discard(worker);
    for (const worker of await Promise.all(pending)) if (worker) this.discard(worker);
    await Promise.all(this.closing);
  }
}
