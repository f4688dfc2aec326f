// Aligned terminal tables (due, plan status): widths in characters, not UTF-16 units.
import { alignColumns } from '../../src/text/columns.js';

test('columns pad to their widest cell in characters, two spaces apart, no trailing spaces', () => {
  const text = alignColumns([
    ['ID', 'STATE', 'NOTE'],
    ['a1', '✓', ''],
    ['𝛼-long', '✗ failed', 'x'],
  ]);
  expect(text).toBe(['ID      STATE     NOTE', 'a1      ✓', '𝛼-long  ✗ failed  x', ''].join('\n'));
});
