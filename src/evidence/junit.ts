// Reads pytest's JUnit XML (written with junit_family=xunit1, which records each test's file so
// the pytest node id can be rebuilt) into domain test results.
import { XMLParser } from 'fast-xml-parser';
import type { Counts } from './manifest.js';
import type { RawJunitDocument, RawJunitMessage, RawJunitSuite, RawJunitTestCase } from './junit-types.js';
import { emptyCounts } from './summary-line.js';

export type TestStatus = 'passed' | 'failed' | 'error' | 'skipped' | 'xfailed';

export interface TestResult {
  nodeid: string;
  status: TestStatus;
  /** First line of the failure / error / skip message. */
  message: string;
  /** The full text pytest wrote for a failure or error (the traceback). */
  details: string;
  /** Where the test is defined, as JUnit (xunit1) records it; line 1-based. */
  file?: string;
  line?: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
  // Keep tracebacks as written: no trimming, no number parsing of names like "1".
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // pytest writes newlines in messages as &#10; numeric references.
  htmlEntities: true,
});

/** Rebuild `tests/x.py::Class::test[id]` from xunit1's file + dotted classname + name. */
export function toNodeId(tc: RawJunitTestCase): string {
  const name = tc['@_name'] ?? '';
  const file = tc['@_file'];
  const classname = tc['@_classname'] ?? '';
  if (!file) return classname ? `${classname}::${name}` : name;
  if (!classname) return file; // a collection error: the "test" is the module
  const modulePrefix = file.replace(/\.py$/, '').split('/').join('.');
  const classes = classname.startsWith(modulePrefix) ? classname.slice(modulePrefix.length).replace(/^\./, '') : '';
  return [file, ...(classes ? classes.split('.') : []), name].join('::');
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

function describe(entry: RawJunitMessage | undefined): { message: string; details: string } {
  const details = entry?.['#text'] ?? '';
  return { message: firstLine(entry?.['@_message']) || firstLine(details), details };
}

function toResult(tc: RawJunitTestCase): TestResult {
  const nodeid = toNodeId(tc);
  // pytest writes the 0-based line of the test's definition.
  const line = tc['@_line'] !== undefined && /^\d+$/.test(tc['@_line']) ? Number(tc['@_line']) + 1 : undefined;
  const where = { ...(tc['@_file'] ? { file: tc['@_file'] } : {}), ...(line !== undefined ? { line } : {}) };
  // A teardown error after a failure is reported on the same testcase; the failure is the news.
  if (tc.failure?.length) return { nodeid, status: 'failed', ...describe(tc.failure[0]), ...where };
  if (tc.error?.length) return { nodeid, status: 'error', ...describe(tc.error[0]), ...where };
  const skipped = tc.skipped?.[0];
  if (skipped) return { nodeid, status: skipped['@_type'] === 'pytest.xfail' ? 'xfailed' : 'skipped', ...describe(skipped), ...where };
  return { nodeid, status: 'passed', message: '', details: '', ...where };
}

/** Distinct skip reasons with how many tests gave each, most frequent first. */
export function countSkipReasons(results: readonly TestResult[]): Array<{ reason: string; count: number }> {
  const counts = new Map<string, number>();
  for (const r of results) if (r.status === 'skipped') counts.set(r.message || '(no reason given)', (counts.get(r.message || '(no reason given)') ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

const STRICT_XPASS = /^\[XPASS\(strict\)\]\s*/;

/**
 * Distinct xfail reasons with how many tests gave each, most frequent first: the xfailed tests'
 * reasons, and (marked) those of strict xfails that passed, which pytest reports as failures.
 */
export function countXfailReasons(results: readonly TestResult[]): Array<{ reason: string; count: number; strict_passed?: boolean }> {
  const counts = new Map<string, { reason: string; count: number; strict_passed?: boolean }>();
  for (const r of results) {
    const strict = r.status === 'failed' && STRICT_XPASS.test(r.message);
    if (r.status !== 'xfailed' && !strict) continue;
    const reason = r.message.replace(STRICT_XPASS, '') || '(no reason given)';
    const key = `${strict ? 'strict' : 'xfail'}\u0000${reason}`;
    const entry = counts.get(key) ?? { reason, count: 0, ...(strict ? { strict_passed: true } : {}) };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

function suitesOf(doc: RawJunitDocument): RawJunitSuite[] {
  return [...(doc.testsuites?.testsuite ?? []), ...(doc.testsuite ?? [])];
}

/** Every test case in a JUnit document. Throws on XML that is not JUnit. */
export function parseJunit(xml: string): TestResult[] {
  const doc = parser.parse(xml) as RawJunitDocument;
  if (!doc || (doc.testsuites === undefined && doc.testsuite === undefined)) {
    throw new Error('not a JUnit XML document');
  }
  return suitesOf(doc).flatMap((suite) => (suite.testcase ?? []).map(toResult));
}

/**
 * Counts from JUnit alone, used when pytest printed no summary line (killed on timeout, or
 * `-qq`). JUnit cannot tell an xpass from a pass nor show deselected tests; those stay 0.
 */
export function countJunit(results: readonly TestResult[]): Counts {
  const counts = emptyCounts();
  for (const r of results) {
    if (r.status === 'passed') counts.passed++;
    else if (r.status === 'failed') counts.failed++;
    else if (r.status === 'error') counts.errors++;
    else if (r.status === 'skipped') counts.skipped++;
    else counts.xfailed++;
  }
  return counts;
}
