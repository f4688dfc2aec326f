import type { Problem } from '../errors.js';
import type { LoadedInput } from '../input/model.js';

export interface CollectOptions {
  python: string;
  jobs: number;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * `validate --collect`: collect each selector with `pytest --collect-only -q` and its own
 * arguments; one Problem per selector that selects nothing or names a missing node id.
 */
export async function collectFindings(loaded: LoadedInput, options: CollectOptions): Promise<Problem[]> {
  void loaded;
  void options;
  throw new Error('validate --collect: not implemented yet');
}
