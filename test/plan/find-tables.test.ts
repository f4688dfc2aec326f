// The fast table reader (markdown-it block parse + GFM row split) must find exactly the cells
// the reference reader (mdast from micromark) finds, offsets included.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { findBlocksFast, findBlocksMdast, findTables, findTablesFast, findTablesMdast, loadReferenceParser } from '../../src/plan/find-tables.js';
import { markdownItCells, tableRows, type TableMeta } from '../../src/plan/table-rows-rule.js';
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

/** Text, and the [line, depth, symbol, text] of each task item in it. */
const TRICKY_TASKS: Record<string, [string, [number, number, string, string][]]> = {
  'nested and ordered items': [
    '- [ ] A1: top\n  - [x] nested  \n    continued\n1. [P] B1: ordered\n2) [✅] B2: paren\n',
    [[1, 0, ' ', 'A1: top'], [2, 1, 'x', 'nested continued'], [4, 0, 'P', 'B1: ordered'], [5, 0, '✅', 'B2: paren']],
  ],
  'a list inside a list on one line': ['- - [ ] inner\n', [[1, 1, ' ', 'inner']]],
  'a task whose paragraph starts on the next line': ['-\n  [ ] late start\n', [[2, 0, ' ', 'late start']]],
  'tabs after the marker': ['-\t[x]\tT1: tabbed\n', [[1, 0, 'x', 'T1: tabbed']]],
  'tasks in fences, indented code and HTML are not tasks': [
    '```\n- [ ] F1: fenced\n```\n\n    - [ ] I1: indented\n\n<div>\n- [ ] H1: html\n</div>\n\n- [ ] R1: real\n',
    [[11, 0, ' ', 'R1: real']],
  ],
  'not tasks: no space, a link, an empty box, two letters': ['- [x]no space\n- [link](x.md)\n- [] empty\n- [ab] two letters\n', []],
  'a task at the end of a file without a newline': ['# T\n\n* [X] E1: end', [[3, 0, 'X', 'E1: end']]],
  'an emoji with a variation selector': ['- [✅\uFE0F] V1: done\n', [[1, 0, '✅\uFE0F', 'V1: done']]],
};

describe('the row rule reads tables as markdown-it\'s own table rule does', () => {
  /**
   * Each table's lines and level, then each of its rows as [line, cells as markdown-it reads
   * them]; the rows of a table inside a list or blockquote are not compared (find-tables.ts leaves
   * such a table to the reference reader).
   */
  function rows(parser: MarkdownIt, text: string): unknown[] {
    const tokens = parser.parse(text, {});
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    const found: unknown[] = [];
    let nested = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type === 'table_open') {
        found.push(['table', t.map, t.level]);
        nested = t.level > 0;
        // The row rule's table: its rows are its lines but the delimiter row.
        if (t.meta && !nested) {
          const [first, end] = t.map!;
          for (let line = first; line < end; line++) if (line !== first + 1) found.push([line, markdownItCells(lines[line]!, (t.meta as TableMeta).columns)]);
        }
      }
      if (t.type !== 'tr_open' || nested) continue;
      const cells: string[] = [];
      for (let j = i + 1; tokens[j]!.type !== 'tr_close'; j++) if (tokens[j]!.type === 'inline') cells.push(tokens[j]!.content);
      found.push([t.map![0], cells]);
    }
    return found;
  }
  const stock = new MarkdownIt('commonmark').enable('table');
  const lean = new MarkdownIt('commonmark').enable('table');
  lean.block.ruler.at('table', tableRows, { alt: ['paragraph', 'reference'] });
  const texts = {
    ...Object.fromEntries(readdirSync(FIXTURES).filter((f) => f.endsWith('.md')).map((f) => [f, readFileSync(join(FIXTURES, f), 'utf8')])),
    ...TRICKY,
    'a table in a list and in a blockquote': '- item\n\n  | ID | State |\n  | --- | --- |\n  | L1 | [ ] |\n\n> | ID | State |\n> | --- | --- |\n> | Q1 | [x] |\n',
    'tables that a heading, a fence and a blank line end': '| a | b |\n|:-|-:|\n| 1 | 2 |\n# H\n| a |\n|---|\n| x |\n```\ncode\n```\n| a |\n| - |\n\nafter\n',
    'not tables, then a table: a list dash, mismatched columns, a gap between delimiters': 'a | b\n- | --\n\n| a | b |\n| --- |\n\n| a | b |\n| --- || --- |\n\n| a |\n| - |\n',
    'a table cut where it would add more than 65,536 empty cells': `${'| h '.repeat(300)}|\n${'| - '.repeat(300)}|\n${'| x |\n'.repeat(300)}`,
    'escaped pipes and short rows': '| ID | State | Notes |\n| --- | --- | --- |\n| A\\|1 | [x] |\n| A2 |\n| A3 | [ ] | a \\| b | extra |\n',
  };
  test.each(Object.entries(texts))('%s', (_, text) => {
    expect(rows(lean, text)).toEqual(rows(stock, text));
  });

  test('the texts above have tables to compare', () => {
    expect(Object.values(texts).filter((text) => rows(stock, text).length > 0).length).toBeGreaterThan(15);
  });
});

describe('findTablesFast agrees with the mdast reader', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.md'));
  test.each(files)('fixture %s (LF, CRLF and CR): tables and task items', (name) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8');
    for (const variant of [text, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) {
      const fast = findBlocksFast(variant);
      expect(fast).not.toBeNull();
      expect(fast).toEqual(findBlocksMdast(variant));
    }
  });

  test.each(Object.entries(TRICKY))('%s', (_, text) => {
    const fast = findTablesFast(text);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(findTablesMdast(text));
  });

  test.each(Object.entries(TRICKY_TASKS))('task items: %s', (_, [text, expected]) => {
    for (const variant of [text, text.replace(/\n/g, '\r\n')]) {
      const fast = findBlocksFast(variant);
      expect(fast).not.toBeNull();
      expect(fast!.tasks.map((t) => [t.line, t.depth, variant.slice(t.state.start, t.state.end), t.text])).toEqual(expected);
      expect(fast).toEqual(findBlocksMdast(variant));
    }
  });

  test('a task list inside a blockquote is left to the mdast reader', () => {
    const text = '> - [ ] Q1: quoted\n>   - [x] nested\n';
    expect(findBlocksFast(text)).toBeNull();
    const tasks = findBlocksMdast(text).tasks;
    expect(tasks.map((t) => [t.line, t.depth, text.slice(t.state.start, t.state.end), t.text])).toEqual([
      [1, 0, ' ', 'Q1: quoted'],
      [2, 1, 'x', 'nested'],
    ]);
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
