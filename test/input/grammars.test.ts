import { isCalendarDate, isValidStamp, parseCadence, parseDuration } from '../../src/input/grammars.js';
import { suggestKey } from '../../src/input/describe-issues.js';
import { editDistance } from '../../src/text/edit-distance.js';

describe('durations', () => {
  test.each([
    [90, 90],
    [0, 0],
    [1.5, 1.5],
    ['90s', 90],
    ['2m', 120],
    ['1h30m', 5400],
    ['1h', 3600],
    ['1m30s', 90],
    ['2.5s', 2.5],
    ['90', 90],
  ])('%p is %p seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  test.each(['', 's', '5 minutes', '1h90', '-3s', '1d', '90 s', 'm', '1.5m'])('%p is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  test('negative and non-finite numbers are not durations', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('dates and stamps', () => {
  test.each(['2025-10-19', '2024-02-29', '2025-12-31'])('%s is a date', (d) => expect(isCalendarDate(d)).toBe(true));
  test.each(['2025-13-45', '2025-02-29', '2025-00-10', '2025-04-31', '2025-1-5', '19-10-2025', '2025-10-19T00:00:00Z'])(
    '%s is not a date',
    (d) => expect(isCalendarDate(d)).toBe(false),
  );
  test.each(['2025-10-19T205832Z', '2024-02-29T235959Z'])('%s is a stamp', (s) => expect(isValidStamp(s)).toBe(true));
  test.each(['2025-10-19T245832Z', '2025-10-19T206032Z', '2025-02-30T000000Z', '2025-10-19T20:58:32Z', '2025-10-19T205832'])(
    '%s is not a stamp',
    (s) => expect(isValidStamp(s)).toBe(false),
  );
});

describe('cadences', () => {
  test.each([
    ['per-pr', { kind: 'per-pr' }],
    ['on-change', { kind: 'on-change' }],
    ['nightly', { kind: 'nightly' }],
    ['daily', { kind: 'daily' }],
    ['weekly', { kind: 'weekly' }],
    ['monthly', { kind: 'monthly' }],
    ['every 3 days', { kind: 'every', count: 3, unit: 'days' }],
    ['every 1 day', { kind: 'every', count: 1, unit: 'days' }],
    ['every 2 weeks', { kind: 'every', count: 2, unit: 'weeks' }],
  ])('%s', (text, cadence) => expect(parseCadence(text)).toEqual(cadence));

  test.each(['fortnightly', 'every 0 days', 'every two weeks', 'every 2 months', 'Weekly', 'every 02 days', ''])('%p is not a cadence', (text) => {
    expect(parseCadence(text)).toBeUndefined();
  });
});

describe('did you mean', () => {
  test('edit distance counts a swap as one edit', () => {
    expect(editDistance('timout', 'timeout')).toBe(1);
    expect(editDistance('tiemout', 'timeout')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });
  test('suggests close keys, spelling variants, and nothing for unrelated words', () => {
    const keys = ['timeout', 'retries', 'retry_on', 'skip_policy', 'references'];
    expect(suggestKey('timout', keys)).toBe('timeout');
    expect(suggestKey('retry-on', keys)).toBe('retry_on');
    expect(suggestKey('skipPolicy', keys)).toBe('skip_policy');
    expect(suggestKey('refrences', keys)).toBe('references');
    expect(suggestKey('banana', keys)).toBeUndefined();
  });
});
