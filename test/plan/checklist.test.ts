// The pure middle of `plan status`/`plan mark`: parsing checklist tables and computing edits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseChecklists } from '../../src/plan/checklist.js';
import { escapeCellText, markRows, parseStateOption } from '../../src/plan/mark-rows.js';
import { InputError, UsageError } from '../../src/errors.js';
import { ROOT } from '../helpers/cli.js';
import { loadReferenceParser } from '../../src/plan/find-tables.js';

// The reference parser (micromark) is loaded on demand by the commands; these tests call the
// readers directly.
beforeAll(loadReferenceParser);

const fixture = (name: string): string => readFileSync(join(ROOT, 'test/fixtures/plans', name), 'utf8');

describe('parseChecklists', () => {
  test('finds the four phase tables of the real Phase E3 plan, with ids, states, lines and headings', () => {
    const tables = parseChecklists(fixture('phase_e3_docs_plan.md'));
    expect(tables.map((t) => [t.index, t.line, t.rows.map((r) => r.id).join(',')])).toEqual([
      [1, 20, 'A1,A2,A3'],
      [2, 31, 'B1,B2,B3'],
      [3, 42, 'C1,C2,C3'],
      [4, 53, 'D1,D2,D3'],
    ]);
    const d1 = tables[3]!.rows[0]!;
    expect(d1).toMatchObject({ id: 'D1', state: ' ', stateText: '[ ]', task: 'Author handoff brief', line: 55 });
    expect(d1.guidance).toMatch(/^Write `reports\/2025-10-19T205832Z\/phase_e3_handoff.md` summarizing/);
    expect(tables[3]!.heading).toBe('Phase D — TEST-PYTORCH-001 Handoff Package');
    expect(tables[0]!.rows.every((r) => r.state === 'x')).toBe(true);
  });

  test('a file with no ID/State table has no checklists (tables in fences do not count)', () => {
    expect(parseChecklists(fixture('no-checklist.md'))).toEqual([]);
  });

  test('tables in a fenced or indented code block are ignored', () => {
    const tables = parseChecklists(fixture('fenced-table.md'));
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r.id)).toEqual(['R1']);
  });

  test('rows with missing cells are kept, with a null state when the State cell is missing or invalid', () => {
    const rows = parseChecklists(fixture('missing-cells.md'))[0]!.rows;
    expect(rows.map((r) => [r.id, r.state, r.stateText])).toEqual([
      ['M1', ' ', '[ ]'],
      ['M2', ' ', '[ ]'],
      ['M3', null, ''],
      ['M4', null, ''],
      ['M5', null, 'done'],
    ]);
    expect(rows[1]!.cells.guidance).toBeNull();
    expect(rows[2]!.cells.state).toBeNull();
  });

  test('escaped pipes stay inside their cell and are unescaped in the id and task', () => {
    const text = fixture('escaped-pipe.md');
    const rows = parseChecklists(text)[0]!.rows;
    expect(rows.map((r) => r.id)).toEqual(['P|1', 'P2', 'P3']);
    expect(rows[0]!.task).toBe('Choose `a | b`');
    const g = rows[0]!.cells.guidance!;
    expect(text.slice(g.start, g.end)).toBe('Use `x \\| y` piping.');
  });

  test('any table with ID and State columns counts, in any order and case', () => {
    const tables = parseChecklists('| state | Notes | id |\n|---|---|---|\n| [P] | half | Z9 |\n');
    expect(tables[0]!.columnIndex).toEqual({ id: 2, state: 0, task: -1, guidance: 1 });
    expect(tables[0]!.rows[0]).toMatchObject({ id: 'Z9', state: 'P' });
  });

  test('CRLF files give the same rows and offsets that point at the State text', () => {
    const text = fixture('phase_e3_docs_plan.md').replace(/\n/g, '\r\n');
    const d2 = parseChecklists(text)[3]!.rows[1]!;
    expect(d2.line).toBe(56);
    expect(text.slice(d2.cells.state!.start, d2.cells.state!.end)).toBe('[ ]');
  });
});

describe('markRows', () => {
  const plan = fixture('phase_e3_docs_plan.md');

  test('changes only the State bytes of the named rows', () => {
    const { text } = markRows(plan, { file: 'p.md', ids: ['D2'], state: 'P' });
    expect(text.length).toBe(plan.length);
    expect(text.replace('| D2 | Update plan & ledger references | [P] |', '| D2 | Update plan & ledger references | [ ] |')).toBe(plan);
  });

  test('the note is prefixed once; marking again changes nothing', () => {
    const once = markRows(plan, { file: 'p.md', ids: ['D1'], state: 'x', note: '✅ done:' }).text;
    expect(once).toContain('| D1 | Author handoff brief | [x] | ✅ done: Write `reports/');
    expect(markRows(once, { file: 'p.md', ids: ['D1'], state: 'x', note: '✅ done:' }).text).toBe(once);
  });

  test('a note with a pipe or newline is escaped and folded so the table stays intact', () => {
    expect(escapeCellText('a | b\nc')).toBe('a \\| b c');
    expect(escapeCellText('a\rb')).toBe('a b');
    const text = markRows(plan, { file: 'p.md', ids: ['D3'], state: 'x', note: 'x | y' }).text;
    const d3 = parseChecklists(text)[3]!.rows[2]!;
    expect(d3.guidance.startsWith('x | y: List verification')).toBe(true);
  });

  test('unknown ids are a usage error naming them and the ids that exist', () => {
    expect(() => markRows(plan, { file: 'p.md', ids: ['D1', 'Q7'], state: 'x' })).toThrow(
      new UsageError('no row with id Q7 in p.md; ids there: A1, A2, A3, B1, B2, B3, C1, C2, C3, D1, D2, D3'),
    );
  });

  test('an id in two tables is refused with both positions unless --table picks one', () => {
    const text = fixture('duplicate-ids.md');
    expect(() => markRows(text, { file: 'd.md', ids: ['A1'], state: 'x' })).toThrow(/A1 appears more than once: d\.md:7 \(table 1\), d\.md:14 \(table 2\); pick one with --table N/);
    const picked = markRows(text, { file: 'd.md', ids: ['A1'], state: 'x', table: 2 }).text;
    expect(picked).toContain("| A1 | Second table's A1 | [x] |");
    expect(picked).toContain("| A1 | First table's A1 | [ ] |");
  });

  test('--table out of range is a usage error', () => {
    expect(() => markRows(fixture('duplicate-ids.md'), { file: 'd.md', ids: ['A1'], state: 'x', table: 3 })).toThrow(/--table 3: d\.md has 2 checklist tables/);
  });

  test('a row without a State cell is an input error at its line', () => {
    try {
      markRows(fixture('missing-cells.md'), { file: 'm.md', ids: ['M3'], state: 'x' });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe('m.md:7:1: M3: row has no State cell (table 1 has 4 columns)');
    }
  });

  test('--state accepts done, partial, open and, as in 0.1.0, x, P and a space (also [x], X, D, ✅, empty)', () => {
    expect(['done', 'Partial', 'open', 'x', 'X', '[x]', 'D', '✅', 'P', 'p', ' ', '', '[ ]'].map(parseStateOption)).toEqual([
      'x', 'P', ' ', 'x', 'x', 'x', 'x', 'x', 'P', 'P', ' ', ' ', ' ',
    ]);
    for (const bad of ['finished', 'y', '[[x]]']) expect(() => parseStateOption(bad)).toThrow(UsageError);
  });
});
