// A column nobody filled in is dropped from the brief's tables (issue 16 §4).
import { dropEmptyColumns } from '../../src/render/table-columns.js';

test('a column that is — in every row goes; one with a value in any row stays', () => {
  const table = ['| ID | Owner | Contact |', '| --- | --- | --- |', '| a | Ann | — |', '| b | — | — |', ''].join('\n');
  expect(dropEmptyColumns(table)).toBe(['| ID | Owner |', '| --- | --- |', '| a | Ann |', '| b | — |', ''].join('\n'));
});

test('tables with the same header keep one shape: a column goes only when it is empty in all of them', () => {
  const group = (owner: string) => ['| ID | Owner | Markers |', '| --- | --- | --- |', `| x | ${owner} | — |`].join('\n');
  const text = `### one\n\n${group('Ann')}\n\n### two\n\n${group('—')}\n`;
  expect(dropEmptyColumns(text)).toBe('### one\n\n| ID | Owner |\n| --- | --- |\n| x | Ann |\n\n### two\n\n| ID | Owner |\n| --- | --- |\n| x | — |\n');
});

test('escaped pipes stay inside their cell; text that is not a table is left alone', () => {
  const text = ['Some | text', '', '| Cmd | Note |', '| --- | --- |', '| `a \\| b` | — |', ''].join('\n');
  expect(dropEmptyColumns(text)).toBe(['Some | text', '', '| Cmd |', '| --- |', '| `a \\| b` |', ''].join('\n'));
});

test('a table whose every column is empty, or that has no rows, is kept whole', () => {
  const empty = '| A | B |\n| --- | --- |\n| — | — |\n';
  const headerOnly = '| A | B |\n| --- | --- |\n';
  expect(dropEmptyColumns(empty)).toBe(empty);
  expect(dropEmptyColumns(headerOnly)).toBe(headerOnly);
});

test('a pipe after an even run of backslashes is a border, after an odd run it is text', () => {
  // `a\\|`: an escaped backslash, then the border; `a\\\| b`: an escaped backslash and an escaped pipe.
  const text = ['| Cmd | Note |', '| --- | --- |', '| a\\\\| — |', '| a\\\\\\| b | — |', ''].join('\n');
  expect(dropEmptyColumns(text)).toBe(['| Cmd |', '| --- |', '| a\\\\ |', '| a\\\\\\| b |', ''].join('\n'));
});
