import type { LoadedInput } from './model.js';

export interface LoadInputOptions {
  /** Path as typed by the user. */
  file: string;
  cwd: string;
  /** --repo, relative to cwd. */
  repo?: string;
}

/** Read, parse and validate an input file. Throws InputError with every problem at once. */
export async function loadInput(options: LoadInputOptions): Promise<LoadedInput> {
  void options;
  throw new Error('loadInput: not implemented yet');
}
