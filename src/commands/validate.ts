import type { Console } from '../io/console.js';

export interface ValidateOptions {
  input: string;
  repo?: string;
  collect: boolean;
  python: string;
  jobs?: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface ValidateResult {
  /** Formatted `file:line:col: path: message` findings (already printed). */
  findings: string[];
}

export async function runValidate(options: ValidateOptions): Promise<ValidateResult> {
  void options;
  throw new Error('validate: not implemented yet');
}
