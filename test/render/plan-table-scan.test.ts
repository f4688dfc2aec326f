// The render path reads plan rows with a light scanner; it must agree with the plan parser
// (src/plan/checklist.ts) on real plans and on the traps the parser handles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChecklists } from '../../src/plan/checklist.js';
import { selectPlanRows } from '../../src/render/plan-rows.js';
import { scanChecklists, splitRow } from '../../src/render/plan-table-scan.js';
import { ROOT } from '../helpers/cli.js';

const PLANS = [
  join(ROOT, 'examples/ptychopinn-mini/plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_docs_plan.md'),
];

const TRAPS = [
  '# Plan',
  '',
  '```md',
  '| ID | State | Task |',
  '| --- | --- | --- |',
  '| F1 | [x] | inside a fence |',
  '```',
  '',
  '    | ID | State | Task |',
  '    | --- | --- | --- |',
  '    | I1 | [x] | indented code |',
  '',
  '## Phase A — real',
  '',
  '| ID | Task Description | State | How/Why & Guidance |',
  '| :-- | --- | :-: | --- |',
  '| A1 | Escaped \\| pipe and `code` | [P] | guidance |',
  '| A2 | Open row | [ ] | |',
  '| A3 | Odd state | done | |',
  '|  | no id | [x] | |',
  '',
  '~~~~',
  '| ID | State |',
  '| --- | --- |',
  '| T1 | [x] |',
  '~~~~',
  '',
  '### Other table',
  '',
  '| Name | Value |',
  '| --- | --- |',
  '| n | v |',
  '',
  '| id | state | task |',
  '| --- | --- | --- |',
  '| B1 | [X] | lower-case header |',
].join('\n');

function comparable(tables: Array<{ heading: string; rows: Array<{ id: string; state: string | null; stateText: string; task: string; line: number }> }>) {
  return tables.map((t) => ({ heading: t.heading, rows: t.rows.map(({ id, state, stateText, task, line }) => ({ id, state, stateText, task, line })) }));
}

test.each(PLANS)('agrees with parseChecklists on %s', (file) => {
  const text = readFileSync(file, 'utf8');
  const scanned = comparable(scanChecklists(text));
  expect(scanned.length).toBeGreaterThan(0);
  expect(scanned).toEqual(comparable(parseChecklists(text)));
});

test('agrees with parseChecklists on fences, indented code, escapes and odd states', () => {
  const scanned = comparable(scanChecklists(TRAPS));
  expect(scanned.map((t) => t.rows.map((r) => r.id))).toEqual([['A1', 'A2', 'A3'], ['B1']]);
  expect(scanned[0]!.rows[0]).toMatchObject({ state: 'P', task: 'Escaped | pipe and `code`' });
  expect(scanned).toEqual(comparable(parseChecklists(TRAPS)));
});

test('splitRow keeps escaped pipes in the cell', () => {
  expect(splitRow('| a \\| b | c |')).toEqual(['a | b', 'c']);
  expect(splitRow('a | b')).toEqual(['a', 'b']);
});

test('named rows: found, not found, and a missing file', () => {
  const tables = scanChecklists(TRAPS);
  expect(selectPlanRows({ file: 'p.md', rows: ['A1', 'A3', 'Z9'] }, tables)).toEqual({
    file: 'p.md',
    found: true,
    rows: [
      { id: 'A1', found: true, mark: '[P]', state: 'in progress', task: 'Escaped | pipe and `code`', section: 'Phase A — real' },
      { id: 'A3', found: true, mark: 'done', state: 'unknown', task: 'Odd state', section: 'Phase A — real' },
      { id: 'Z9', found: false, mark: '', state: 'not found', task: '', section: '' },
    ],
  });
  expect(selectPlanRows({ file: 'gone.md', rows: ['A1'] }, null)).toMatchObject({ found: false, rows: [{ id: 'A1', found: false }] });
});
