import type { Console } from '../io/console.js';

export interface PlanStatusOptions {
  plan: string;
  json: boolean;
  cwd: string;
  console: Console;
}

export async function runPlanStatus(options: PlanStatusOptions): Promise<void> {
  void options;
  throw new Error('plan status: not implemented yet');
}
