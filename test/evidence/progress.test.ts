// Progress output: live lines on a terminal, one-line records off one, silence with --quiet.
import { createProgress } from '../../src/evidence/progress.js';
import type { Console } from '../../src/io/console.js';

function capture(isTTY: boolean): { console: Console; text: () => string } {
  let err = '';
  return { console: { out: () => {}, err: (t) => void (err += t), isTTY }, text: () => err };
}

test('on a terminal: a live line per running selector with elapsed time, redrawn in place', () => {
  let t = 0;
  const c = capture(true);
  const p = createProgress({ console: c.console, total: 2, quiet: false, now: () => t, intervalMs: 60_000 });
  p.onEvent({ kind: 'start', id: 'a', attempt: 1, at: 0 });
  p.onEvent({ kind: 'start', id: 'b', attempt: 1, at: 0 });
  t = 2500;
  p.onEvent({ kind: 'finish', id: 'a', attempt: 1, outcome: 'passed', durationS: 2.5, willRetry: false });
  p.stop();
  const out = c.text();
  expect(out).toContain('  … a 0.0s\n');
  expect(out).toContain('  … b 2.5s\n');
  expect(out).toContain('✓ a: passed (2.50s)\n');
  expect(out).toContain('  1/2 done\n');
  expect(out).toContain('\u001b[3A\u001b[J'); // moved up over "a", "b" and the done line
  expect(out.endsWith('\u001b[J')).toBe(true); // stop() clears the live block
});

test('live lines are cut to the terminal width so the redraw stays in place', () => {
  const c = capture(true);
  const p = createProgress({ console: c.console, total: 1, quiet: false, now: () => 0, intervalMs: 60_000, columns: 30 });
  p.onEvent({ kind: 'start', id: 'a-very-long-selector-id-that-would-wrap', attempt: 1, at: 0 });
  p.stop();
  const live = c.text().split('\n').find((l) => l.includes('a-very-long'));
  expect(live).toBe('  … a-very-long-selector-id-…');
  expect(live?.length).toBe(29);
});

test('off a terminal: plain start and finish records, no escape codes', () => {
  const c = capture(false);
  const p = createProgress({ console: c.console, total: 1, quiet: false });
  p.onEvent({ kind: 'start', id: 'a', attempt: 1, at: 0 });
  p.onEvent({ kind: 'finish', id: 'a', attempt: 1, outcome: 'failed', durationS: 1, willRetry: true });
  p.onEvent({ kind: 'start', id: 'a', attempt: 2, at: 0 });
  p.onEvent({ kind: 'finish', id: 'a', attempt: 2, outcome: 'passed', durationS: 1.25, willRetry: false });
  p.stop();
  expect(c.text()).toBe('start a\n[0/1] ↻ a: failed (1.00s), retrying\nstart a (attempt 2)\n[1/1] ✓ a: passed (1.25s)\n');
});

test('a selector that met expect: fail or skip is shown as met (✓), a plain pass that was expected to fail as not', () => {
  for (const isTTY of [true, false]) {
    const c = capture(isTTY);
    const expects = new Map([['xf', 'fail'], ['sk', 'skip'], ['ok', 'fail']] as const);
    const p = createProgress({ console: c.console, total: 3, quiet: false, expects, now: () => 0, intervalMs: 60_000 });
    p.onEvent({ kind: 'finish', id: 'xf', attempt: 1, outcome: 'failed', durationS: 1, willRetry: false });
    p.onEvent({ kind: 'finish', id: 'sk', attempt: 1, outcome: 'skipped', durationS: 1, willRetry: false });
    p.onEvent({ kind: 'finish', id: 'ok', attempt: 1, outcome: 'passed', durationS: 1, willRetry: false });
    p.stop();
    const text = c.text();
    expect(text).toMatch(isTTY ? /\n?✓ xf: failed, as expected \(1\.00s\)/ : /\] ✓ xf: failed, as expected \(1\.00s\)/);
    expect(text).toMatch(isTTY ? /✓ sk: skipped, as expected \(/ : /\] ✓ sk: skipped, as expected \(/);
    expect(text).toMatch(isTTY ? /✗ ok: passed \(expected to fail\) \(/ : /\] ✗ ok: passed \(expected to fail\) \(/);
    expect(text).not.toMatch(/expect:|met their/);
  }
});

test('--quiet prints nothing', () => {
  const c = capture(true);
  const p = createProgress({ console: c.console, total: 1, quiet: true });
  p.onEvent({ kind: 'start', id: 'a', attempt: 1, at: 0 });
  p.stop();
  expect(c.text()).toBe('');
});
