// Before any selector runs: check the interpreter and pytest, and start the warm worker pool
// when some selectors can share one (docs/evidence.md#how-selectors-are-run). The pool's first worker is the check: the
// versions for the manifest come from it, so no extra Python process is paid for them.
import { open } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { isFile } from '../io/path-stat.js';
import { runToEnd } from './child-process.js';
import { checkPython, type PythonEnvironment } from './environment.js';
import { ownProcessReason } from './sharing.js';
import { WorkerPool } from './worker-pool.js';

export interface PythonSetupOptions {
  python: string;
  /** The repo folder: where pytest runs. */
  cwd: string;
  /** The selectors' environment (ci.environment), added to the CLI's. */
  env: Record<string, string>;
  /** The CLI's environment (what `checkPython` runs with when no worker is started). */
  cliEnv: NodeJS.ProcessEnv;
  jobs: number;
  /** Each selector's pytest arguments. */
  selectorArgs: ReadonlyArray<readonly string[]>;
  /** --isolate: every selector in a process of its own, no workers. */
  isolate: boolean;
  graceMs?: number;
}

export interface PythonSetup {
  pythonEnv: PythonEnvironment;
  /** The interpreter to start: `python` itself, or what a launcher script for it starts. */
  executable: string;
  /** Undefined when no selector shares a worker. Close it when the run is over. */
  pool?: WorkerPool;
}

/** The file a command name runs: itself when it has a slash, else the first file of that name on PATH. */
function findOnPath(command: string, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (command.includes('/')) return isAbsolute(command) ? command : resolve(cwd, command);
  // A PATH folder this user may not enter (another user's ~/.cargo/bin) is passed over, as the shell does.
  return (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command)).find(isFile);
}

/**
 * Whether `python` is a version manager's shim: pyenv's and asdf's are shell scripts that cost a
 * few hundred milliseconds of CPU at every start, so the interpreter they start is started
 * directly after the first start. Anything else — a real binary, a wrapper script of the user's
 * own that may set up more than the interpreter — is always started as given.
 */
export async function isVersionManagerShim(python: string, env: NodeJS.ProcessEnv, cwd: string): Promise<boolean> {
  const path = findOnPath(python, env, cwd);
  if (path === undefined) return false;
  const head = Buffer.alloc(1024);
  let read = 0;
  try {
    const file = await open(path, 'r');
    try {
      ({ bytesRead: read } = await file.read(head, 0, head.length, 0));
    } finally {
      await file.close();
    }
  } catch {
    return false;
  }
  const text = head.subarray(0, read).toString('latin1');
  return text.startsWith('#!') && /\b(pyenv|asdf)["']? exec\b/.test(text);
}

/** The interpreter a shim starts (asked by starting it once); anything else as given. */
export async function resolveInterpreter(python: string, env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  if (!(await isVersionManagerShim(python, env, cwd))) return python;
  const asked = await runToEnd(python, ['-c', 'import sys; print(sys.executable)'], { cwd, env, timeoutMs: 30_000 });
  const executable = asked.code === 0 ? asked.stdout.trim() : '';
  return isAbsolute(executable) ? executable : python;
}

/** Throws EnvironmentError (exit 3) when python or pytest is missing. */
export async function setUpPython(options: PythonSetupOptions): Promise<PythonSetup> {
  const shareable = options.isolate ? 0 : options.selectorArgs.filter((args) => ownProcessReason(args) === null).length;
  if (shareable === 0) {
    const executable = await resolveInterpreter(options.python, options.cliEnv, options.cwd);
    return { pythonEnv: await checkPython(executable, options.cwd, options.cliEnv), executable };
  }
  // Through a shim, the first worker is the one start the shim costs: it reports the interpreter
  // it runs, and the other workers and processes start that.
  const shim = await isVersionManagerShim(options.python, options.cliEnv, options.cwd);
  const pool = new WorkerPool({ python: options.python, shim, cwd: options.cwd, cliEnv: options.cliEnv, env: options.env, size: Math.min(options.jobs, shareable), graceMs: options.graceMs });
  try {
    const pythonEnv = await pool.probe();
    return { pythonEnv, pool, executable: pool.executable };
  } catch (error) {
    await pool.close();
    throw error;
  }
}
