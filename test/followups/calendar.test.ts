// The iCalendar file of `handoff due --ics`: written, then parsed back with ical.js (Mozilla's
// RFC 5545 parser) and its recurrences expanded.
import ICAL from 'ical.js';
import { formatCalendar } from '../../src/followups/calendar.js';
import { cadenceRule } from '../../src/followups/cadence-rules.js';
import { listDue, type DueBrief } from '../../src/followups/due-list.js';
import { parseCadence } from '../../src/input/grammars.js';
import type { HandoffInput } from '../../src/input/model.js';

const NOW = new Date('2025-10-28T09:15:42.500Z');

function brief(id: string, followups: Array<{ id: string; cadence: string; owner?: string; selectors?: string[]; next?: string }>, date = '2025-01-31'): DueBrief {
  const input = {
    brief: { id, title: `Brief ${id} → "next"; with, commas`, date },
    selectors: [],
    followups: followups.map(({ cadence, ...f }) => ({ check: `Check ${f.id}`, selectors: ['sel-a', 'sel-b'], paths: [], ...f, cadenceText: cadence, cadence: parseCadence(cadence)! })),
  } as unknown as HandoffInput;
  return { input, file: `data/${id}.yaml`, lastRuns: new Map() };
}

function expand(event: ICAL.Event, n: number): string[] {
  const it = event.iterator();
  return Array.from({ length: n }, () => it.next()!.toString());
}

function parse(text: string): ICAL.Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
}

describe('cadenceRule', () => {
  test.each([
    ['nightly', '2025-10-20', 'FREQ=DAILY'],
    ['daily', '2025-10-20', 'FREQ=DAILY'],
    ['weekly', '2025-10-20', 'FREQ=WEEKLY'],
    ['every 3 days', '2025-10-20', 'FREQ=DAILY;INTERVAL=3'],
    ['every 2 weeks', '2025-10-20', 'FREQ=WEEKLY;INTERVAL=2'],
    ['monthly', '2025-10-20', 'FREQ=MONTHLY'],
    ['monthly', '2025-02-28', 'FREQ=MONTHLY'],
    ['monthly', '2025-01-31', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['monthly', '2025-04-30', 'FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1'],
    ['monthly', '2025-01-30', 'FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1'],
    ['monthly', '2025-03-29', 'FREQ=MONTHLY;BYMONTHDAY=28,29;BYSETPOS=-1'],
    ['per-pr', '2025-10-20', null],
    ['on-change', '2025-10-20', null],
  ])('%s from %s → %s', (cadence, start, rule) => {
    expect(cadenceRule(parseCadence(cadence)!, start)).toBe(rule);
  });

  test('a monthly series keeps the day its due date counted from: Feb 28 counted from Jan 31 is month-end', () => {
    const monthly = parseCadence('monthly')!;
    expect(cadenceRule(monthly, '2025-02-28', '2025-01-31')).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
    expect(cadenceRule(monthly, '2025-02-28', '2025-01-30')).toBe('FREQ=MONTHLY;BYMONTHDAY=28,29,30;BYSETPOS=-1');
    expect(cadenceRule(monthly, '2025-02-28', '2025-01-28')).toBe('FREQ=MONTHLY');
    expect(cadenceRule(monthly, '2025-05-31', '2025-04-30')).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
  });
});

describe('formatCalendar', () => {
  const briefs = [
    brief('alpha', [
      { id: 'nightly-parity', cadence: 'nightly', owner: 'Team A' },
      { id: 'month-end', cadence: 'monthly', owner: 'Team B', selectors: ['sel-c'] },
      { id: 'per-pr', cadence: 'per-pr' },
    ]),
    brief('beta', [{ id: 'fortnightly', cadence: 'every 2 weeks', next: '2025-10-31' }], '2025-10-01'),
  ];
  const rows = listDue(briefs, '2025-01-31');
  const text = formatCalendar(rows, { now: NOW, toolVersion: '9.9.9', runCommand: (file) => `handoff run ${file} --due` });

  test('one recurring event per dated follow-up, parsed back with its dates, rule and description', () => {
    const events = parse(text);
    expect(events.map((e) => e.uid)).toEqual(['alpha.nightly-parity@handoff-brief', 'alpha.month-end@handoff-brief', 'beta.fortnightly@handoff-brief']);
    const [nightly, monthEnd, fortnightly] = events as [ICAL.Event, ICAL.Event, ICAL.Event];
    expect(nightly.startDate.toString()).toBe('2025-02-01');
    expect(nightly.startDate.isDate).toBe(true);
    expect(expand(nightly, 3)).toEqual(['2025-02-01', '2025-02-02', '2025-02-03']);
    expect(nightly.summary).toBe('Check nightly-parity (alpha)');
    expect(nightly.description).toBe(
      [
        'Follow-up nightly-parity of "Brief alpha → "next"; with, commas" (alpha)',
        'Check: Check nightly-parity',
        'Cadence: nightly',
        'Owner: Team A',
        'Selectors: sel-a, sel-b',
        'Last run: never',
        'Run what is due: handoff run data/alpha.yaml --due',
      ].join('\n'),
    );
    expect(expand(fortnightly, 3)).toEqual(['2025-10-31', '2025-11-14', '2025-11-28']);
    // Monthly from January 31: on the last day of every month, none skipped.
    expect(monthEnd.startDate.toString()).toBe('2025-02-28');
    expect(expand(monthEnd, 5)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30']);
  });

  test('monthly from January 31 itself: Jan 31, Feb 28, Mar 31, Apr 30 (RFC 5545 would skip February with a plain FREQ=MONTHLY)', () => {
    const rows31 = listDue([brief('gamma', [{ id: 'monthly', cadence: 'monthly', next: '2025-01-31' }])], '2025-01-20');
    const [event] = parse(formatCalendar(rows31, { now: NOW, toolVersion: '9.9.9', runCommand: () => 'x' }));
    expect(event!.startDate.toString()).toBe('2025-01-31');
    expect(expand(event!, 4)).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']);
    // The plain rule ical.js would read for a 31st, for contrast: months without a 31st are skipped.
    const plain = ICAL.Recur.fromString('FREQ=MONTHLY').iterator(ICAL.Time.fromDateString('2025-01-31'));
    expect([String(plain.next()), String(plain.next())]).toEqual(['2025-01-31', '2025-03-31']);
  });

  test('valid calendar structure: CRLF line ends, lines within 75 octets, PRODID and VERSION, DTSTAMP from --now', () => {
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//handoff-brief//handoff due 9.9.9//EN');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    for (const event of calendar.getAllSubcomponents('vevent')) {
      expect(String(event.getFirstPropertyValue('dtstamp'))).toBe('2025-10-28T09:15:42Z');
    }
  });

  test('deterministic: the same rows and --now give the same bytes', () => {
    expect(formatCalendar(rows, { now: NOW, toolVersion: '9.9.9', runCommand: (file) => `handoff run ${file} --due` })).toBe(text);
  });
});
