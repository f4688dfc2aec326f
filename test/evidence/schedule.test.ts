// The scheduler with a fake attempt runner. A fake is used here, and only here, because these
// paths cannot be reached deterministically with real pytest: exactly how many selectors are in
// flight at once, a timeout followed by a pass, and an abort arriving mid-run.
import { Interrupted } from '../../src/errors.js';
import { mapLimit } from '../../src/evidence/map-limit.js';
import { runSchedule, type AttemptOutcome, type AttemptReport, type ScheduleEvent, type ScheduledSelector } from '../../src/evidence/schedule.js';

function sel(id: string, retries = 0, retryOn: ScheduledSelector['retryOn'] = []): ScheduledSelector {
  return { id, retries, retryOn };
}

/** A runner whose attempts end with the scripted outcomes, each after `ms` of (fake) work. */
function scripted(script: Record<string, AttemptOutcome[]>, ms = 5) {
  let inFlight = 0;
  let maxInFlight = 0;
  const calls: string[] = [];
  const runAttempt = async (s: ScheduledSelector, attempt: number): Promise<AttemptReport> => {
    calls.push(`${s.id}#${attempt}`);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
    const outcome = script[s.id]?.[attempt - 1] ?? 'passed';
    return { outcome, interrupted: false, durationS: ms / 1000 };
  };
  return { runAttempt, calls, max: () => maxInFlight };
}

test('never more than `jobs` attempts in flight, and results keep input order', async () => {
  const fake = scripted({}, 20);
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const runs = await runSchedule(ids.map((id) => sel(id)), { jobs: 2, runAttempt: fake.runAttempt });
  expect(fake.max()).toBe(2);
  expect(runs.map((r) => r.id)).toEqual(ids);
  expect(runs.every((r) => r.outcome === 'passed')).toBe(true);
});

test('jobs larger than the selector count runs them all at once', async () => {
  const fake = scripted({}, 20);
  await runSchedule([sel('a'), sel('b'), sel('c')], { jobs: 8, runAttempt: fake.runAttempt });
  expect(fake.max()).toBe(3);
});

test('a timeout then a pass, with retry_on: timeout, is flaky after 2 attempts', async () => {
  const fake = scripted({ a: ['timeout', 'passed'] });
  const [run] = await runSchedule([sel('a', 1, ['timeout'])], { jobs: 1, runAttempt: fake.runAttempt });
  expect(run?.outcome).toBe('flaky');
  expect(run?.attempts.map((a) => a.outcome)).toEqual(['timeout', 'passed']);
});

test('retries stop at the limit; the last attempt decides the outcome', async () => {
  const fake = scripted({ a: ['timeout', 'timeout', 'timeout', 'passed'] });
  const [run] = await runSchedule([sel('a', 2, ['timeout'])], { jobs: 1, runAttempt: fake.runAttempt });
  expect(fake.calls).toEqual(['a#1', 'a#2', 'a#3']);
  expect(run?.outcome).toBe('timeout');
});

test('a failure is not retried under retry_on: timeout, nor an error under retry_on: failure', async () => {
  const fake = scripted({ a: ['failed', 'passed'], b: ['error', 'passed'] });
  const runs = await runSchedule([sel('a', 1, ['timeout']), sel('b', 1, ['failure'])], { jobs: 1, runAttempt: fake.runAttempt });
  expect(runs.map((r) => r.outcome)).toEqual(['failed', 'error']);
  expect(fake.calls).toEqual(['a#1', 'b#1']);
});

test('events: start and finish per attempt, with willRetry on the retried one', async () => {
  const fake = scripted({ a: ['failed', 'passed'] });
  const events: ScheduleEvent[] = [];
  await runSchedule([sel('a', 1, ['failure'])], { jobs: 1, runAttempt: fake.runAttempt, onEvent: (e) => events.push(e), now: () => 0 });
  expect(events.map((e) => (e.kind === 'start' ? `start ${e.attempt}` : `finish ${e.attempt} ${e.outcome} ${e.willRetry}`))).toEqual([
    'start 1',
    'finish 1 failed true',
    'start 2',
    'finish 2 passed false',
  ]);
});

test('an abort mid-run waits for running attempts, starts no new ones, and throws Interrupted', async () => {
  const controller = new AbortController();
  const started: string[] = [];
  const runAttempt = (s: ScheduledSelector): Promise<AttemptReport> => {
    started.push(s.id);
    return new Promise((resolve) => {
      // Like the real runner: the attempt ends (its process group killed) when the signal fires.
      controller.signal.addEventListener('abort', () => resolve({ outcome: 'error', interrupted: true, durationS: 0 }));
      if (s.id === 'b') setTimeout(() => controller.abort(), 10);
    });
  };
  const error = await runSchedule([sel('a'), sel('b'), sel('c'), sel('d')], { jobs: 2, runAttempt, signal: controller.signal }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Interrupted);
  expect(started).toEqual(['a', 'b']);
});

test('mapLimit (the one worker pool, shared with collect): input order, at most `limit` in flight, no items', async () => {
  let inFlight = 0;
  let maxInFlight = 0;
  const out = await mapLimit([30, 5, 20, 1, 10], 2, async (ms, i) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((r) => setTimeout(r, ms));
    inFlight--;
    return `${i}:${ms}`;
  });
  expect(out).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10']);
  expect(maxInFlight).toBe(2);
  expect(await mapLimit([], 4, async () => 1)).toEqual([]);
  expect(await runSchedule([], { jobs: 2, runAttempt: scripted({}).runAttempt })).toEqual([]);
});

test('every run has at least one attempt, the last of which is its evidence', async () => {
  const fake = scripted({ a: ['failed', 'failed'], b: ['passed'] });
  const runs = await runSchedule([sel('a', 1, ['failure']), sel('b')], { jobs: 2, runAttempt: fake.runAttempt });
  expect(runs.map((r) => [r.id, r.attempts.length, r.attempts[0].outcome, r.outcome])).toEqual([
    ['a', 2, 'failed', 'failed'],
    ['b', 1, 'passed', 'passed'],
  ]);
});

test('starts the longest expected runtime first, unknown runtimes before all; results keep input order', async () => {
  const fake = scripted({}, 1);
  const selectors: ScheduledSelector[] = [
    { ...sel('short'), expectedS: 2 },
    { ...sel('unknown-a') },
    { ...sel('long'), expectedS: 90 },
    { ...sel('medium'), expectedS: 30 },
    { ...sel('unknown-b') },
    { ...sel('also-medium'), expectedS: 30 },
  ];
  const runs = await runSchedule(selectors, { jobs: 1, runAttempt: fake.runAttempt });
  expect(fake.calls).toEqual(['unknown-a#1', 'unknown-b#1', 'long#1', 'medium#1', 'also-medium#1', 'short#1']);
  expect(runs.map((r) => r.id)).toEqual(['short', 'unknown-a', 'long', 'medium', 'unknown-b', 'also-medium']);
});
