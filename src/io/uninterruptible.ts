// Writes that must not be cut in half. The first Ctrl-C asks a command to stop at its next safe
// point; a second one ends the process at once (cli.ts), except while files are being swapped
// into place: then it waits until the swap (or its roll-back) has finished, so the files are all
// old or all new, never a mix. A third Ctrl-C ends the process regardless.
let running = 0;
let waiting: Array<() => void> = [];

/** Runs `work`; an exit asked for meanwhile (afterWrites) happens once it and any other have ended. */
export async function uninterruptible<T>(work: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await work();
  } finally {
    running--;
    if (running === 0) {
      const ready = waiting;
      waiting = [];
      for (const then of ready) then();
    }
  }
}

/** Whether a swap is under way. */
export function writesUnderWay(): boolean {
  return running > 0;
}

/** Calls `then` now, or as soon as no swap is under way. */
export function afterWrites(then: () => void): void {
  if (running === 0) then();
  else waiting.push(then);
}
