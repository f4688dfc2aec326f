// Follow-up due dates from the run history (pure): never run, last run met, last run failed,
// partly run, `next:`, the brief's judging date.
import type { LastRuns } from '../../src/evidence/history.js';
import { followupStatus, scheduleFollowup } from '../../src/followups/due-dates.js';
import { buildFollowupView } from '../../src/render/followup-view.js';
import type { Followup } from '../../src/input/model.js';
import { parseCadence } from '../../src/input/grammars.js';

const followup = (over: Partial<Followup> & { cadenceText?: string } = {}): Followup => {
  const cadenceText = over.cadenceText ?? 'nightly';
  return { id: 'f', check: 'c', selectors: ['a', 'b'], paths: [], ...over, cadenceText, cadence: parseCadence(cadenceText)! };
};
const runs = (entries: Record<string, [string, boolean]>): LastRuns =>
  new Map(Object.entries(entries).map(([id, [time, met]]) => [id, { time, met, outcome: met ? 'passed' : 'failed' }]));

describe('scheduleFollowup', () => {
  test('never run: counts from the brief date; without one (the live view), due today', () => {
    expect(scheduleFollowup(followup(), new Map(), { from: '2025-10-19', today: '2025-11-01' })).toMatchObject({ basis: 'never-run', due: '2025-10-20', lastRun: null });
    expect(scheduleFollowup(followup(), new Map(), { from: null, today: '2025-11-01' })).toMatchObject({ basis: 'never-run', due: '2025-11-01' });
  });

  test('last run met: counts from it (the day of the oldest of its selectors\' last runs)', () => {
    const s = scheduleFollowup(followup(), runs({ a: ['2025-10-24T23:59:00Z', true], b: ['2025-10-22T03:00:00Z', true] }), { from: '2025-10-19', today: '2025-10-25' });
    expect(s).toMatchObject({ basis: 'ran', due: '2025-10-23', lastRun: { time: '2025-10-22T03:00:00Z', met: true, notMet: [], neverRan: [] } });
    expect(followupStatus(s, '2025-10-25')).toBe('overdue');
    expect(followupStatus(s, '2025-10-23')).toBe('due');
    expect(followupStatus(s, '2025-10-22')).toBe('upcoming');
  });

  test('a selector whose last run did not meet: due at once, from the day of that run', () => {
    const s = scheduleFollowup(followup(), runs({ a: ['2025-10-24T08:00:00Z', false], b: ['2025-10-20T08:00:00Z', true] }), { from: '2025-10-19', today: '2025-10-24' });
    expect(s).toMatchObject({ basis: 'failed', due: '2025-10-24', lastRun: { time: '2025-10-24T08:00:00Z', met: false, notMet: [{ id: 'a', outcome: 'failed' }] } });
    expect(followupStatus(s, '2025-10-24')).toBe('failed');
  });

  test('a selector that never ran: the follow-up never ran as a whole, from the brief date', () => {
    const s = scheduleFollowup(followup(), runs({ a: ['2025-10-24T08:00:00Z', true] }), { from: '2025-10-19', today: '2025-10-24' });
    expect(s).toMatchObject({ basis: 'never-run', due: '2025-10-20', lastRun: { met: false, neverRan: ['b'] } });
  });

  test('next: is the due date until a run on or after it; runs before it neither bring it forward nor push it back', () => {
    const f = followup({ cadenceText: 'every 2 weeks', next: '2025-10-31' });
    expect(scheduleFollowup(f, new Map(), { from: '2025-10-19', today: '2025-10-20' }).due).toBe('2025-10-31');
    expect(scheduleFollowup(f, runs({ a: ['2025-10-20T00:00:00Z', true], b: ['2025-10-20T00:00:00Z', true] }), { from: '2025-10-19', today: '2025-10-20' }).due).toBe('2025-10-31');
    expect(scheduleFollowup(f, runs({ a: ['2025-10-30T00:00:00Z', true], b: ['2025-10-30T00:00:00Z', true] }), { from: '2025-10-19', today: '2025-10-30' }).due).toBe('2025-10-31');
    expect(scheduleFollowup(f, runs({ a: ['2025-10-31T09:00:00Z', true], b: ['2025-10-31T09:00:00Z', true] }), { from: '2025-10-19', today: '2025-10-31' }).due).toBe('2025-11-14');
  });

  test('monthly from January 31 is due on the last day of February, then counts from the run', () => {
    const f = followup({ cadenceText: 'monthly', selectors: ['a'] });
    expect(scheduleFollowup(f, runs({ a: ['2025-01-31T12:00:00Z', true] }), { from: null, today: '2025-02-01' }).due).toBe('2025-02-28');
    expect(scheduleFollowup(f, runs({ a: ['2024-01-31T12:00:00Z', true] }), { from: null, today: '2024-02-01' }).due).toBe('2024-02-29');
    expect(scheduleFollowup(f, new Map(), { from: '2025-01-31', today: '2025-02-01' }).due).toBe('2025-02-28');
  });

  test('per-pr and on-change have no date but still show their last run', () => {
    const s = scheduleFollowup(followup({ cadenceText: 'per-pr' }), runs({ a: ['2025-10-24T08:00:00Z', false], b: ['2025-10-24T08:00:00Z', true] }), { from: null, today: '2025-10-30' });
    expect(s).toMatchObject({ basis: 'undated', due: null, lastRun: { met: false } });
    expect(followupStatus(s, '2025-10-30')).toBe('undated');
  });
});

describe('the brief\'s follow-up row', () => {
  test('last run, and due now when it failed', () => {
    const view = buildFollowupView(followup(), '2025-10-19', '2025-10-24', runs({ a: ['2025-10-24T08:05:00Z', false], b: ['2025-10-24T08:05:00Z', true] }));
    expect(view).toMatchObject({ lastRun: '2025-10-24 08:05Z ✗ a failed', due: '2025-10-24', overdue: true, dueText: 'due now (last run failed)' });
  });

  test('met: the date after the cadence, not overdue on the run\'s own day', () => {
    const view = buildFollowupView(followup(), '2025-10-19', '2025-10-24', runs({ a: ['2025-10-24T08:05:00Z', true], b: ['2025-10-24T08:05:00Z', true] }));
    expect(view).toMatchObject({ lastRun: '2025-10-24 08:05Z ✓', due: '2025-10-25', overdue: false, dueText: '2025-10-25' });
  });

  test('never run: "never"; a follow-up without selectors: "—"', () => {
    expect(buildFollowupView(followup(), '2025-10-19', '2025-10-19').lastRun).toBe('never');
    expect(buildFollowupView(followup({ selectors: [] }), '2025-10-19', '2025-10-19').lastRun).toBe('—');
    expect(buildFollowupView(followup(), '2025-10-19', '2025-10-19', runs({ a: ['2025-10-19T01:00:00Z', true] })).lastRun).toBe('2025-10-19 01:00Z ✗ never ran: b');
  });
});
