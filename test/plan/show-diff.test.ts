// formatDiff: the one diff formatter behind plan mark --dry-run, ledger append --dry-run and
// render --check; each keeps the exact output it had.
import { formatDiff } from '../../src/io/show-diff.js';

const before = `${Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n')}\n`;
const after = before.replace('line 6\n', 'line six\n');

test('dry-run form: git-like names, 3 lines of context, no row of =', () => {
  expect(formatDiff('plans\\plan.md', before, after)).toBe(
    '--- a/plans/plan.md\n+++ b/plans/plan.md\n@@ -3,7 +3,7 @@\n line 3\n line 4\n line 5\n-line 6\n+line six\n line 7\n line 8\n line 9\n',
  );
});

test('render --check form: headers after the names, 4 lines of context, the row of = kept', () => {
  const out = formatDiff('out/brief.md', before, after, { oldHeader: '(on disk)', newHeader: '(would be written)', context: 4, keepRule: true });
  expect(out).toBe(
    `${'='.repeat(67)}\n--- a/out/brief.md\t(on disk)\n+++ b/out/brief.md\t(would be written)\n@@ -2,9 +2,9 @@\n line 2\n line 3\n line 4\n line 5\n-line 6\n+line six\n line 7\n line 8\n line 9\n line 10\n`,
  );
});
