// Before any selector runs: check the interpreter and pytest, and start the warm worker pool
// when some selectors can share one (SPEC §13). The pool's first worker is the check: the
// versions for the manifest come from it, so no extra Python process is paid for them.
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
  /** Undefined when no selector shares a worker. Close it when the run is over. */
  pool?: WorkerPool;
}

/** Throws EnvironmentError (exit 3) when python or pytest is missing. */
export async function setUpPython(options: PythonSetupOptions): Promise<PythonSetup> {
  const shareable = options.isolate ? 0 : options.selectorArgs.filter((args) => ownProcessReason(args) === null).length;
  if (shareable === 0) return { pythonEnv: await checkPython(options.python, options.cwd, options.cliEnv) };
  const pool = new WorkerPool({ python: options.python, cwd: options.cwd, env: options.env, size: Math.min(options.jobs, shareable), graceMs: options.graceMs });
  try {
    return { pythonEnv: await pool.probe(), pool };
  } catch (error) {
    await pool.close();
    throw error;
  }
}
