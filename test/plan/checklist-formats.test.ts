// The pure middle of the new plan formats: task-list labels, state legends, section dividers,
// and which symbol `plan mark` writes in a file.
import { parsePlan } from '../../src/plan/checklist.js';
import { loadReferenceParser } from '../../src/plan/find-tables.js';
import { markRows } from '../../src/plan/mark-rows.js';
import { readVocabulary } from '../../src/plan/state-symbols.js';

beforeAll(loadReferenceParser);

const ids = (text: string): string[] => parsePlan(text).rows.map((r) => r.id);

describe('task items', () => {
  test('the id is the label before the first colon, bold or not', () => {
    const text = [
      '- [ ] A1: plain label',
      '* [x] CALIB-SWEEP-002.B3: dotted label',
      '- [x] **Phase 1:** bold label with the colon inside',
      '- [ ] **Phase 2**: bold label with the colon outside',
      '- [ ] __Gate:__ underscores',
      '- [ ] Re-run `pytest tests/a.py::test_b` first: the colon in code is no label',
      '- [ ] Note that this long sentence has a colon: not a label',
      '- [ ] No colon at all',
      '- [ ] http://example.com: a URL is no label',
      '',
    ].join('\n');
    expect(ids(text)).toEqual(['A1', 'CALIB-SWEEP-002.B3', 'Phase 1', 'Phase 2', 'Gate', '', '', '', '']);
    const rows = parsePlan(text).rows;
    expect(rows[2]!.task).toBe('bold label with the colon inside');
    expect(rows[5]!.task).toBe('Re-run `pytest tests/a.py::test_b` first: the colon in code is no label');
  });

  test('states [ ], [x], [X], [P], [✅] and the file’s legend letters; other brackets are text', () => {
    const rows = parsePlan('- [ ] a\n- [x] b\n- [X] c\n- [P] d\n- [✅] e\n- [D] f\n- [?] g\n- [1] h\n').rows;
    expect(rows.map((r) => [r.symbol, r.state])).toEqual([
      [' ', ' '],
      ['x', 'x'],
      ['X', 'x'],
      ['P', 'P'],
      ['✅', 'x'],
      ['D', 'x'],
    ]);
  });

  test('nested items have a depth and the nearest heading as their section', () => {
    const rows = parsePlan('## Phase B\n- [ ] B3: parent\n  - [x] child\n    - [ ] grandchild\n').rows;
    expect(rows.map((r) => [r.line, r.depth, r.section])).toEqual([
      [2, 0, 'Phase B'],
      [3, 1, 'Phase B'],
      [4, 2, 'Phase B'],
    ]);
  });
});

describe('tables with their own letters', () => {
  const legacy = [
    '**State legend:** `[ ]` (Open) -> `[P]` (In Progress) -> `[D]` (Done)',
    '',
    '| ID | Task | State |',
    '| --- | --- | --- |',
    '| **Section 0** |',
    '| 0.A | one | `[D]` |',
    '| **Section 1: Runs** | | |',
    '| 1.A | two | `[ ]` |',
    '| **bold id** | with a task | `[P]` |',
    '',
  ].join('\n');

  test('bold-only rows are section dividers, not rows; a bold id with other cells is a row', () => {
    const rows = parsePlan(legacy).rows;
    expect(rows.map((r) => [r.id, r.section, r.state, r.backticks])).toEqual([
      ['0.A', 'Section 0', 'x', true],
      ['1.A', 'Section 1: Runs', ' ', true],
      ['**bold id**', 'Section 1: Runs', 'P', true],
    ]);
  });

  test('a legend can give a letter another meaning; one bracketed word is not a legend', () => {
    const vocabulary = readVocabulary('Legend: [P] Pending, [W] Working, [F] Finished\n');
    expect([...vocabulary.legend]).toEqual([
      [' ', 'P'],
      ['P', 'W'],
      ['x', 'F'],
    ]);
    expect(vocabulary.meanings.get('P')).toBe(' ');
    expect(readVocabulary('The legend says [Q] Done.').legend.size).toBe(0);
  });

  test('done is written as the file’s own letter, in backticks, an empty cell included', () => {
    const { text } = markRows(legacy, { file: 'p.md', ids: ['1.A'], state: 'x' });
    expect(text).toContain('| 1.A | two | `[D]` |');
    const empty = `${legacy}| 2.A | three | |\n`;
    expect(markRows(empty, { file: 'p.md', ids: ['2.A'], state: 'x' }).text).toContain('| 2.A | three | `[D]` |');
  });

  test('the legend decides when no row uses a meaning yet', () => {
    const text = '[ ] Open → [S] Started → [C] Complete (legend)\n\n| ID | State |\n| --- | --- |\n| A | [ ] |\n';
    expect(markRows(text, { file: 'p.md', ids: ['A'], state: 'x' }).text).toContain('| A | [C] |');
    expect(markRows(text, { file: 'p.md', ids: ['A'], state: 'P' }).text).toContain('| A | [S] |');
  });
});

describe('which symbol plan mark writes', () => {
  test('the one the same format uses most: ✅ in a list of ✅ items', () => {
    const text = '- [✅] A: done\n- [✅] B: done\n- [x] C: done\n- [ ] D: open\n';
    expect(markRows(text, { file: 'p.md', ids: ['D'], state: 'x' }).text).toContain('- [✅] D: open');
  });

  test('a task list next to a [D] table writes x when its own items use x', () => {
    const text = '| ID | State |\n| --- | --- |\n| T1 | [D] |\n| T2 | [ ] |\n\n- [x] K1: done\n- [ ] K2: open\n';
    const out = markRows(text, { file: 'p.md', ids: ['T2', 'K2'], state: 'x' }).text;
    expect(out).toContain('| T2 | [D] |');
    expect(out).toContain('- [x] K2: open');
  });

  test('a row that already means the state keeps its bytes: [X] and [✅] stay', () => {
    const text = '- [X] A: done\n- [✅] B: done\n';
    const result = markRows(text, { file: 'p.md', ids: ['A', 'B'], state: 'x' });
    expect(result.text).toBe(text);
    expect(result.rows.map((r) => [r.from, r.to])).toEqual([
      ['[X]', '[X]'],
      ['[✅]', '[✅]'],
    ]);
  });

  test('a note goes after a task’s label, and not twice', () => {
    const text = '- [ ] A1: Write the note.\n- [ ] **Gate:** Both archived.\n- [ ] B2:\n';
    const once = markRows(text, { file: 'p.md', ids: ['A1', 'Gate', 'B2'], state: 'x', note: 'Done' }).text;
    expect(once).toBe('- [x] A1: Done: Write the note.\n- [x] **Gate:** Done: Both archived.\n- [x] B2: Done\n');
    expect(markRows(once, { file: 'p.md', ids: ['A1', 'Gate', 'B2'], state: 'x', note: 'Done' }).text).toBe(once);
  });
});
