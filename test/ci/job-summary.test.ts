// The job summary stays under GitHub's 1 MiB whatever the run holds, saying how much it shows;
// workflow-command values are escaped so no test name can forge a command.
import { escapeData, escapeProperty, formatAnnotations, formatLogGroup } from '../../src/ci/annotations.js';
import { formatJobSummary, SUMMARY_BUDGET } from '../../src/ci/job-summary.js';
import { manifest, selectorEvidence } from '../render/fixtures.js';

test('500 failing tests with long tracebacks: under 1 MiB, "N of 500 failure excerpts shown"', () => {
  const failures = Array.from({ length: 500 }, (_, i) => ({ nodeid: `tests/t.py::test_${i}`, message: `AssertionError ${i} <x> & y`, excerpt: `E ${'x'.repeat(20_000)}\n${'line\n'.repeat(40)}` }));
  const m = manifest([selectorEvidence({ id: 'big', outcome: 'failed', met: false, failures })]);
  const text = formatJobSummary({ title: 'T', verdict: '0 of 1 selector as expected', manifest: m, logPath: (s) => `out/${s.log}` });
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

test('a failure recorded without a traceback (a timeout) points to the log instead of an empty block', () => {
  const m = manifest([selectorEvidence({ id: 'slow', outcome: 'timeout', met: false, failures: [{ nodeid: 'tests/t.py::test_hangs', message: 'Timeout', excerpt: '' }] })]);
  const text = formatJobSummary({ title: 'T', verdict: 'v', manifest: m, logPath: (s) => `out/${s.log}` });
  expect(text).toContain('<summary>slow: tests/t.py::test_hangs: Timeout</summary>\n\nNo traceback was recorded; see the log out/logs/slow.log.\n\n</details>');
  expect(text).not.toContain('```text\n\n```');
});

test('a run where everything went as expected has no failures section', () => {
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

test('a collection below collected.min: one ::error that says why, no runtime guardrail warning', () => {
  const s = selectorEvidence({ id: 'co', outcome: 'collected', expect: 'collect', met: false, counts: { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0, collected: 66 }, runtime_findings: ['collected 66, fewer than the minimum 100'] });
  expect(formatAnnotations([s], { fileOf: () => undefined })).toEqual([
    expect.stringMatching(/^::error title=co::collected \(expected to collect tests\): 66 collected in [\d.]+s; collected 66, fewer than the minimum 100$/),
  ]);
});
