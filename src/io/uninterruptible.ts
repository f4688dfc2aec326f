// Writes that must not be cut in half. The first Ctrl-C asks a command to stop at its next safe
// point; a second one ends the process at once (cli.ts), except while files are being swapped
// into place: then the command goes on to its end (the swap, and what belongs with it, such as
// the run's history line and the locks' release), so the files are all old or all new and the
// exit code says which. A third Ctrl-C ends the process regardless.
let running = 0;

/** Runs `work` as a swap that a second Ctrl-C does not cut short. */
export async function uninterruptible<T>(work: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await work();
  } finally {
    running--;
  }
}

/** Whether a swap is under way. */
export function writesUnderWay(): boolean {
  return running > 0;
}

export type InterruptAction = 'abort' | 'finish' | 'exit';

/** What the `count`th Ctrl-C / SIGTERM does: ask to stop, let a swap finish, or exit now. */
export function interruptAction(count: number, swapping: boolean): InterruptAction {
  if (count === 1) return 'abort';
  if (count === 2 && swapping) return 'finish';
  return 'exit';
}
