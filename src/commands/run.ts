import type { Console } from '../io/console.js';

export interface RunOptions {
  input: string;
  out: string;
  repo?: string;
  jobs?: number;
  timeout?: string;
  retries?: number;
  only?: string[];
  python: string;
  dryRun: boolean;
  quiet: boolean;
  now?: string;
  template?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** Every selector met its expect. */
  allMet: boolean;
  briefPath?: string;
  manifestPath?: string;
}

export async function runRun(options: RunOptions): Promise<RunResult> {
  void options;
  throw new Error('run: not implemented yet');
}
