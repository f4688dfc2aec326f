import type { Console } from '../io/console.js';

export interface WatchOptions {
  input: string;
  out: string;
  repo?: string;
  template?: string;
  evidence?: string;
  now?: string;
  debounceMs: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  /** Aborted on Ctrl-C: stop watching and resolve. */
  signal: AbortSignal;
}

export async function runWatch(options: WatchOptions): Promise<void> {
  void options;
  throw new Error('watch: not implemented yet');
}
