// The brief's plan rows come from the same checklist reader as `plan status` and `plan mark`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/plan/checklist.js';
import { readPlanRows, selectPlanRows } from '../../src/render/plan-rows.js';
import { makeTempDir } from '../helpers/cli.js';
import { loadReferenceParser } from '../../src/plan/find-tables.js';

// The reference parser (micromark) is loaded on demand by the commands; these tests call the
// readers directly.
beforeAll(loadReferenceParser);

const TRAPS = [
  '# Plan',
  '',
  '```md',
  '| ID | State | Task |',
  '| --- | --- | --- |',
  '| F1 | [x] | inside a fence |',
  '```',
  '',
  '## Phase A — real',
  '',
  '| ID | Task Description | State | How/Why & Guidance |',
  '| :-- | --- | :-: | --- |',
  '| A1 | Escaped \\| pipe and `code` | [P] | guidance |',
  '| A2 | Open row | [ ] | |',
  '| A3 | Odd state | done | |',
  '| A4 | Escaped backslash \\\\| [x] | |',
  '',
  '> | ID | State | Task |',
  '> | --- | --- | --- |',
  '> | Q1 | [x] | in a blockquote |',
  '',
  '<details>',
  '',
  '| ID | State | Task |',
  '| --- | --- | --- |',
  '| H1 | [P] | inside details |',
  '',
  '</details>',
  '',
].join('\n');

describe('plan rows in the brief', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  test('named rows: found, not found, odd states, and a missing file', () => {
    expect(selectPlanRows({ file: 'p.md', rows: ['A1', 'A3', 'Z9'] }, parsePlan(TRAPS))).toEqual({
      file: 'p.md',
      found: true,
      rows: [
        { id: 'A1', found: true, mark: '[P]', state: 'in progress', task: 'Escaped | pipe and `code`', section: 'Phase A — real', format: 'table', line: 13, where: 'table 1, line 13' },
        { id: 'A3', found: true, mark: 'done', state: 'unknown', task: 'Odd state', section: 'Phase A — real', format: 'table', line: 15, where: 'table 1, line 15' },
        { id: 'Z9', found: false, mark: '', state: 'not found', task: '', section: '', format: '', line: 0, where: '' },
      ],
    });
    expect(selectPlanRows({ file: 'gone.md', rows: ['A1'] }, null)).toMatchObject({ found: false, rows: [{ id: 'A1', found: false }] });
  });

  test.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR only', '\r'],
  ])('reads the same rows as plan status (%s line endings): escapes, blockquotes, HTML blocks, fences', async (_name, eol) => {
    writeFileSync(join(tmp.dir, 'plan.md'), TRAPS.replace(/\n/g, eol));
    const ids = ['F1', 'A1', 'A4', 'Q1', 'H1'];
    const { views, files } = await readPlanRows([{ file: 'plan.md', rows: ids }], tmp.dir);
    expect(files.map((f) => f.path)).toEqual([join(tmp.dir, 'plan.md')]);
    const byId = Object.fromEntries(views[0]!.rows.map((r) => [r.id, r.found ? r.mark : 'not found']));
    expect(byId).toEqual({ F1: 'not found', A1: '[P]', A4: '[x]', Q1: '[x]', H1: '[P]' });
  });

  test('a plan file outside the repo is not read: shown as not found, like a missing one', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(tmp.dir, 'repo'));
    writeFileSync(join(tmp.dir, 'outside.md'), TRAPS);
    const { views, files } = await readPlanRows(
      [
        { file: '../outside.md', rows: ['A1'] },
        { file: join(tmp.dir, 'outside.md'), rows: ['A1'] },
      ],
      join(tmp.dir, 'repo'),
    );
    expect(files).toEqual([]);
    expect(views.map((v) => [v.found, v.rows[0]!.found])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});
