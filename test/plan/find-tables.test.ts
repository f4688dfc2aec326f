// The fast table reader (markdown-it block parse + GFM row split) must find exactly the cells
// the reference reader (mdast from micromark) finds, offsets included.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTables, findTablesFast, findTablesMdast, loadReferenceParser } from '../../src/plan/find-tables.js';
import { ROOT } from '../helpers/cli.js';

// The reference parser (micromark) is loaded on demand by the commands; these tests call the
// readers directly.
beforeAll(loadReferenceParser);

const FIXTURES = join(ROOT, 'test/fixtures/plans');

const TRICKY: Record<string, string> = {
  'rows without outer pipes': 'ID | State | Notes\n--- | --- | ---\nA1 | [x] | ok\nA2 | [ ] |\n',
  'more cells than the header': '| ID | State |\n| --- | --- |\n| A1 | [x] | extra | more |\n',
  'tabs and wide padding': '|\tID\t|   State   |\n|---|---|\n|\tA1\t|   [P]   |\n',
  'table in an HTML block': '<div>\n| ID | State |\n| --- | --- |\n| H1 | [ ] |\n</div>\n\n| ID | State |\n| --- | --- |\n| R1 | [ ] |\n',
  'indented by three spaces': '   | ID | State |\n   | --- | --- |\n   | I1 | [x] |\n',
  'CR only line endings': '| ID | State |\r| --- | --- |\r| C1 | [x] |\r',
  'table right after a paragraph': 'Intro line\n| ID | State |\n| --- | --- |\n| P1 | [ ] |\n',
  'byte-order mark before the table': '\uFEFF| ID | State |\n| --- | --- |\n| B1 | [ ] |\n',
  'byte-order mark, no outer pipes': '\uFEFFID | State\n--- | ---\nB1 | [ ]\n',
  'non-ASCII before cells': '# Phase — ü\n\n| ID | State | Guidance |\n| --- | --- | --- |\n| Ü1 | [x] | ✅ émoji 🎉 |\n',
};

describe('findTablesFast agrees with the mdast reader', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));
  test.each(files)('fixture %s (LF and CRLF)', (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
      const fast = findTablesFast(variant);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(findTablesMdast(variant));
    }
  });

  test.each(Object.entries(TRICKY))('%s', (_, text) => {
    const fast = findTablesFast(text);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(findTablesMdast(text));
  });

  test('where markdown-it splits a row differently from GFM (`\\\\|`), the mdast reader decides', () => {
    // GFM: `\\` is an escaped backslash, so the pipe after it ends the cell; markdown-it
    // treats that pipe as escaped. The cross-check catches it and hands over.
    const text = '| ID | State |\n| --- | --- |\n| a\\\\| [x] |\n';
    expect(findTablesFast(text)).toBeNull();
    const cell = findTables(text)[0]!.rows[0]!.cells[1]!;
    expect(text.slice(cell.start, cell.end)).toBe('[x]');
  });

  test('a table inside a blockquote or list is left to the mdast reader', () => {
    const text = '> | ID | State |\n> | --- | --- |\n> | Q1 | [ ] |\n';
    expect(findTablesFast(text)).toBeNull();
    const tables = findTablesMdast(text);
    expect(tables).toHaveLength(1);
    const cell = tables[0]!.rows[0]!.cells[1]!;
    expect(text.slice(cell.start, cell.end)).toBe('[ ]');
  });
});
