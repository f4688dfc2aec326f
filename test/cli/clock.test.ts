import { resolveNow } from '../../src/clock.js';
import { UsageError } from '../../src/errors.js';

describe('resolveNow', () => {
  test('--now without a zone is UTC; zones and fractions are honoured', () => {
    expect(resolveNow('2025-10-19', {}).toISOString()).toBe('2025-10-19T00:00:00.000Z');
    expect(resolveNow('2025-10-19T10:00', {}).toISOString()).toBe('2025-10-19T10:00:00.000Z');
    expect(resolveNow('2025-10-19 23:30:05', {}).toISOString()).toBe('2025-10-19T23:30:05.000Z');
    expect(resolveNow('2025-10-19T10:00:00+02:00', {}).toISOString()).toBe('2025-10-19T08:00:00.000Z');
    expect(resolveNow('2025-10-19T10:00:00-0500', {}).toISOString()).toBe('2025-10-19T15:00:00.000Z');
    expect(resolveNow('2025-10-19T10:00:00.250Z', {}).toISOString()).toBe('2025-10-19T10:00:00.250Z');
  });

  test.each(['2025-02-30', '2025-13-45', '2025-10-19T24:00', 'yesterday', '19/10/2025', '2025-10-19T10:00:00 UTC'])(
    '--now %s is a usage error',
    (now) => {
      expect(() => resolveNow(now, {})).toThrow(UsageError);
    },
  );

  test('SOURCE_DATE_EPOCH is used when --now is absent; a bad or out-of-range one is a usage error', () => {
    expect(resolveNow(undefined, { SOURCE_DATE_EPOCH: '1760907512' }).toISOString()).toBe('2025-10-19T20:58:32.000Z');
    expect(resolveNow('2025-01-01', { SOURCE_DATE_EPOCH: '1760907512' }).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(() => resolveNow(undefined, { SOURCE_DATE_EPOCH: 'soon' })).toThrow(UsageError);
    expect(() => resolveNow(undefined, { SOURCE_DATE_EPOCH: '99999999999999' })).toThrow(UsageError);
  });

  test('the clock is the last resort', () => {
    const fixed = new Date('2030-01-01T00:00:00Z');
    expect(resolveNow(undefined, { SOURCE_DATE_EPOCH: '' }, () => fixed)).toBe(fixed);
  });
});
