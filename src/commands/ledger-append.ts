import type { Console } from '../io/console.js';

export interface LedgerAppendOptions {
  ledger: string;
  item: string;
  summary: string;
  artifacts: string[];
  /** YYYY-MM-DD; default: today (from --now / SOURCE_DATE_EPOCH / clock). */
  date?: string;
  now?: string;
  dryRun: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface LedgerAppendResult {
  attempt: number;
  changed: boolean;
}

export async function runLedgerAppend(options: LedgerAppendOptions): Promise<LedgerAppendResult> {
  void options;
  throw new Error('ledger append: not implemented yet');
}
