// Three hand-over inputs over the followups fixture project, for the end-to-end tests of
// histories, due dates, `handoff due`, calendars and "Changes since".
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const PROJECT = join(ROOT, 'test/fixtures/pyprojects/followups');

const header = (id: string, title: string, date: string | null): string =>
  `version: 1
brief: {id: ${id}, title: ${title}, initiative: A-INIT, phase: "1", recipient: {initiative: B-INIT, phase: "2"}${date ? `, date: ${date}` : ''}}
`;

/** Alpha runs three selectors: a nightly, a weekly and a per-pr follow-up. */
export const ALPHA = `${header('alpha', 'Alpha hand-over', '2025-10-19')}repo: proj
selectors:
  - {id: parity, run: pytest tests/test_parity.py, purpose: parity}
  - {id: baseline, run: pytest tests/test_baseline.py, purpose: baseline}
  - {id: smoke, run: pytest tests/test_smoke.py, purpose: smoke}
followups:
  - {id: nightly-parity, check: Run the parity tests, selectors: [parity], cadence: nightly, owner: Parity team}
  - {id: weekly-baseline, check: Compare with the baseline, selectors: [baseline], cadence: weekly, owner: Baseline team}
  - {id: per-pr-smoke, check: Smoke test every pull request, selectors: [smoke], cadence: per-pr, owner: Parity team}
`;

/** Beta never ran: a monthly follow-up counted from its date, one with an explicit next. */
export const BETA = `${header('beta', 'Beta hand-over', '2025-09-25')}repo: proj
selectors:
  - {id: smoke, run: pytest tests/test_smoke.py, purpose: smoke}
followups:
  - {id: monthly-review, check: Review the smoke results, selectors: [smoke], cadence: monthly, owner: Review board}
  - {id: fortnightly-audit, check: Audit the hand-over, selectors: [smoke], cadence: every 2 weeks, next: 2025-10-24, owner: Audit}
`;

/** Gamma has no date: never run, its dated follow-up is due at once. */
export const GAMMA = `${header('gamma', 'Gamma hand-over', null)}repo: proj
selectors:
  - {id: baseline, run: pytest tests/test_baseline.py, purpose: baseline}
followups:
  - {id: daily-baseline, check: Check the baseline daily, selectors: [baseline], cadence: daily}
  - {id: on-change-baseline, check: Re-run on baseline edits, selectors: [baseline], cadence: on-change, paths: [tests/test_baseline.py]}
`;

/** Copies the fixture project to `<dir>/proj` and writes the three inputs; returns their paths. */
export function setUpProject(dir: string): { alpha: string; beta: string; gamma: string; project: string } {
  const project = join(dir, 'proj');
  cpSync(PROJECT, project, { recursive: true });
  const paths = { alpha: join(dir, 'alpha.yaml'), beta: join(dir, 'beta.yaml'), gamma: join(dir, 'gamma.yaml'), project };
  writeFileSync(paths.alpha, ALPHA);
  writeFileSync(paths.beta, BETA);
  writeFileSync(paths.gamma, GAMMA);
  return paths;
}
