// The job summary stays under GitHub's 1 MiB whatever the run holds, saying how much it shows;
// workflow-command values are escaped so no test name can forge a command.
import { escapeData, escapeProperty, formatAnnotations, formatLogGroup } from '../../src/ci/annotations.js';
import { formatJobSummary, SUMMARY_BUDGET } from '../../src/ci/job-summary.js';
import { manifest, selectorEvidence } from '../render/fixtures.js';

test('500 failing tests with long tracebacks: under 1 MiB, "N of 500 failure excerpts shown"', () => {
  const failures = Array.from({ length: 500 }, (_, i) => ({ nodeid: `tests/t.py::test_${i}`, message: `AssertionError ${i} <x> & y`, excerpt: `E ${'x'.repeat(20_000)}\n${'line\n'.repeat(40)}` }));
  const m = manifest([selectorEvidence({ id: 'big', outcome: 'failed', met: false, failures })]);
  const text = formatJobSummary({ title: 'T', verdict: '0 of 1 selectors met their expect', manifest: m, logPath: (s) => `out/${s.log}` });
  expect(Buffer.byteLength(text)).toBeLessThan(1024 * 1024);
  expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_BUDGET);
  const shown = Number(/_(\d+) of 500 failure excerpts shown/.exec(text)?.[1]);
  expect(shown).toBeGreaterThan(10);
  expect(shown).toBeLessThan(500);
  expect((text.match(/<details>/g) ?? []).length).toBe(shown);
  // Each excerpt is cut to its own size, so one giant traceback cannot crowd out the rest.
  expect(text).toContain('characters omitted');
  expect(text).toContain('AssertionError 0 &lt;x&gt; &amp; y');
});

test('a run where everything met its expect has no failures section', () => {
  const text = formatJobSummary({ title: 'T', verdict: 'all good', manifest: manifest([selectorEvidence({ id: 'a' })]), logPath: (s) => s.log });
  expect(text).toBe('## T\n\n**all good**\n\n| | Selector | Evidence | Log |\n| --- | --- | --- | --- |\n| ✓ | a | 6 passed in 3.4s | logs/a.log |\n\n');
});

test('workflow command values are escaped: a newline or :: cannot start another command', () => {
  expect(escapeData('a%b\r\nc')).toBe('a%25b%0D%0Ac');
  expect(escapeProperty('x: y, z')).toBe('x%3A y%2C z');
  const evil = selectorEvidence({ id: 'ev', outcome: 'failed', met: false, failures: [{ nodeid: 't::x', message: 'boom\n::error::forged', excerpt: '' }] });
  const [line] = formatAnnotations([evil], { fileOf: () => undefined });
  expect(line!.split('\n')).toHaveLength(1);
  expect(line).toMatch(/^::error title=ev::.*boom%0A::error::forged$/);
  expect(formatLogGroup('ev', 'ok\n::error::forged in a log')).toEqual(['::group::ev', 'ok', ' ::error::forged in a log', '::endgroup::']);
});
