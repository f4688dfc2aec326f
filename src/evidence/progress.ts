// Progress while selectors run, on stderr. On a terminal: a live line per running selector
// with its elapsed time, redrawn in place, and a permanent line as each one finishes. Off a
// terminal (CI logs): plain one-line start and finish records, nothing redrawn.
import type { Expect } from '../input/model.js';
import type { Console } from '../io/console.js';
import { isMet } from './classify.js';
import { describeOutcome, describeResult } from './outcome-words.js';
import type { ScheduleEvent } from './schedule.js';

export interface ProgressOptions {
  console: Console;
  total: number;
  now?: () => number;
  /** Redraw interval on a terminal. */
  intervalMs?: number;
  /** Terminal width: live lines are cut to it, since a wrapped line would break the redraw. */
  columns?: number;
  /** Each selector's expect, so an expected failure is shown as met (✓). */
  expects?: ReadonlyMap<string, Expect>;
}

export interface Progress {
  onEvent(event: ScheduleEvent): void;
  /** Stops redrawing and clears the live lines. */
  stop(): void;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `✓ stitch: failed, as expected`: ✓ when it went as expected (an expected failure too), ✗ otherwise. */
function describeFinish(options: ProgressOptions, event: ScheduleEvent & { kind: 'finish' }): string {
  const expect = options.expects?.get(event.id) ?? 'pass';
  const met = isMet(expect, event.outcome);
  return `${met ? '✓' : '✗'} ${event.id}: ${describeResult(event.outcome, expect, met)}`;
}

export function createPlainProgress(options: ProgressOptions): Progress {
  let done = 0;
  return {
    onEvent(event) {
      if (event.kind === 'start') {
        options.console.err(`start ${event.id}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}\n`);
      } else {
        if (!event.willRetry) done++;
        const what = event.willRetry ? `↻ ${event.id}: ${describeOutcome(event.outcome)}` : describeFinish(options, event);
        options.console.err(`[${done}/${options.total}] ${what} (${event.durationS.toFixed(2)}s)${event.willRetry ? ', retrying' : ''}\n`);
      }
    },
    stop() {},
  };
}

export function createTerminalProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const running = new Map<string, { since: number; attempt: number }>();
  let drawn = 0;
  let done = 0;
  const clear = (): void => {
    // Up over the live block, then erase to the end of the screen.
    if (drawn > 0) options.console.err(`\u001b[${drawn}A\u001b[J`);
    drawn = 0;
  };
  const draw = (): void => {
    const width = Math.max(20, (options.columns ?? 80) - 1);
    const lines = [...running].map(([id, r]) => `  … ${id}${r.attempt > 1 ? ` (attempt ${r.attempt})` : ''} ${seconds(now() - r.since)}`);
    lines.push(`  ${done}/${options.total} done`);
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l.length > width) lines[i] = `${l.slice(0, width - 1)}…`;
    }
    options.console.err(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const timer = setInterval(() => {
    clear();
    draw();
  }, options.intervalMs ?? 250);
  timer.unref();
  return {
    onEvent(event) {
      clear();
      if (event.kind === 'start') {
        running.set(event.id, { since: event.at, attempt: event.attempt });
      } else {
        running.delete(event.id);
        if (!event.willRetry) done++;
        const what = event.willRetry ? `↻ ${event.id}: ${describeOutcome(event.outcome)}` : describeFinish(options, event);
        options.console.err(`${what} (${event.durationS.toFixed(2)}s)${event.willRetry ? ', retrying' : ''}\n`);
      }
      draw();
    },
    stop() {
      clearInterval(timer);
      clear();
    },
  };
}

export function createProgress(options: ProgressOptions & { quiet: boolean }): Progress {
  if (options.quiet) return { onEvent() {}, stop() {} };
  return options.console.isTTY ? createTerminalProgress(options) : createPlainProgress(options);
}
