// What a cadence means: the next due date from a day, and how the brief's follow-up row shows it.
import type { Followup } from '../../src/input/model.js';
import { nextDueDate } from '../../src/followups/cadence.js';
import { buildFollowupView } from '../../src/render/followup-view.js';

describe('follow-up due dates', () => {
  const from = '2025-01-31';
  test.each([
    [{ kind: 'nightly' }, '2025-02-01'],
    [{ kind: 'daily' }, '2025-02-01'],
    [{ kind: 'weekly' }, '2025-02-07'],
    [{ kind: 'monthly' }, '2025-02-28'],
    [{ kind: 'every', count: 3, unit: 'days' }, '2025-02-03'],
    [{ kind: 'every', count: 2, unit: 'weeks' }, '2025-02-14'],
    [{ kind: 'per-pr' }, null],
    [{ kind: 'on-change' }, null],
  ] as const)('%p from 2025-01-31 → %p', (cadence, due) => {
    expect(nextDueDate(cadence, from)).toBe(due);
  });

  const followup = (over: Partial<Followup>): Followup => ({
    id: 'f',
    check: 'c',
    selectors: [],
    cadenceText: 'weekly',
    cadence: { kind: 'weekly' },
    paths: [],
    ...over,
  });

  test('an explicit next overrides the cadence', () => {
    expect(buildFollowupView(followup({ next: '2025-03-01' }), '2025-01-01', '2025-01-01').due).toBe('2025-03-01');
  });
  test('a due date before the generation date is overdue', () => {
    const view = buildFollowupView(followup({}), '2025-01-01', '2025-01-20');
    expect(view).toMatchObject({ due: '2025-01-08', overdue: true, dueText: '2025-01-08 (overdue)' });
    expect(buildFollowupView(followup({}), '2025-01-01', '2025-01-08').overdue).toBe(false);
  });
  test('on-change shows its paths and no date', () => {
    const view = buildFollowupView(
      followup({ cadence: { kind: 'on-change' }, cadenceText: 'on-change', paths: ['a.py'] }),
      '2025-01-01',
      '2025-01-01',
    );
    expect(view).toMatchObject({ due: null, overdue: false, dueText: 'on change', paths: ['a.py'] });
  });
});
