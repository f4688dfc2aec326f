// The fast table reader (markdown-it block parse + GFM row split) must find exactly the cells
// the reference reader (mdast from micromark) finds, offsets included.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findBlocksFast, findBlocksMdast, findTables, findTablesFast, findTablesMdast, loadReferenceParser } from '../../src/plan/find-tables.js';
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
