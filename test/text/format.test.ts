import { formatDuration } from '../../src/text/duration.js';
import { formatDate, formatStamp } from '../../src/text/format-date.js';
import { escapeTags, foldLines, formatCell, formatCode, formatFence } from '../../src/text/markdown-format.js';

describe('table cells', () => {
  test('escape every pipe and fold newlines', () => {
    expect(formatCell('a | b\nc  \n  d')).toBe('a \\| b c d');
    expect(formatCell('`x|y`')).toBe('`x\\|y`');
  });
  test('keep &, <, >, quotes and -> as typed', () => {
    expect(formatCell(`a & b < c > d 'e' "f" -> g`)).toBe(`a & b < c > d 'e' "f" -> g`);
  });
  test('foldLines trims and joins lines with one space', () => {
    expect(foldLines('  one\r\n two \n\nthree ')).toBe('one two three');
  });
});

describe('tag-like text', () => {
  test('a < that GitHub would read as an HTML tag gets a backslash; other < stay', () => {
    expect(escapeTags('A <C> and </x>, <!-- c --> <?p a < b <= c')).toBe('A \\<C> and \\</x>, \\<!-- c --> \\<?p a < b <= c');
  });
  test('code spans, link destinations in angle brackets and escaped < are left alone', () => {
    expect(escapeTags('`<C>` and ``a ` <b>`` then <d>')).toBe('`<C>` and ``a ` <b>`` then \\<d>');
    expect(escapeTags('[log](<logs/a b.log>)')).toBe('[log](<logs/a b.log>)');
    expect(escapeTags('already \\<C>')).toBe('already \\<C>');
  });
  test('an unclosed backtick run does not hide the rest from escaping', () => {
    expect(escapeTags('a ` b <c>')).toBe('a ` b \\<c>');
  });
});

describe('code spans', () => {
  test('plain text gets single backticks', () => {
    expect(formatCode('pytest -k x')).toBe('`pytest -k x`');
  });
  test('the fence is longer than any backtick run inside', () => {
    expect(formatCode('a `b` ``c`` d')).toBe('```a `b` ``c`` d```');
  });
  test('text starting or ending with a backtick is padded with spaces', () => {
    expect(formatCode('`x')).toBe('`` `x ``');
    expect(formatCode('x`')).toBe('`` x` ``');
  });
  test('a backtick at one end and a space inside still round-trips', () => {
    expect(formatCode('` x')).toBe('`` ` x ``');
  });
  test('empty text gives no code span', () => {
    expect(formatCode('')).toBe('');
  });
});

test('fenced blocks use a fence longer than any backtick run', () => {
  expect(formatFence('a\n```\nb\n')).toBe('````text\na\n```\nb\n````');
  expect(formatFence('plain', 'python')).toBe('```python\nplain\n```');
});

describe('durations', () => {
  test.each([
    [90, '90s'],
    [120, '2m'],
    [5400, '1h30m'],
    [7200, '2h'],
    [0, '0s'],
    [3.37, '3.4s'],
    [59.96, '1m'],
    [45, '45s'],
  ])('%p seconds → %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('dates', () => {
  test('format in UTC whatever the time zone', () => {
    expect(formatDate(new Date('2025-10-19T23:30:00-05:00'))).toBe('2025-10-20');
    expect(formatStamp(new Date('2025-10-19T20:58:32Z'))).toBe('2025-10-19T205832Z');
  });
});

test('counts read as pytest writes them: zeros left out, "1 error" but "2 errors"', async () => {
  const { formatCounts } = await import('../../src/evidence/outcome-words.js');
  const zero = { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 };
  expect(formatCounts({ ...zero, passed: 1, errors: 1 })).toBe('1 passed, 1 error');
  expect(formatCounts({ ...zero, failed: 1, errors: 2, skipped: 3 })).toBe('1 failed, 2 errors, 3 skipped');
  expect(formatCounts(zero)).toBe('no tests');
});
