// The one entry: `main(argv, io)` parses the command line, runs one command with the context it
// builds from `io`, and returns the exit code. It is the only place that catches errors and the
// only place that decides the exit code (errors.ts maps each error class to its code; a command's
// result says whether a check failed). Nothing below it reads process globals: bin/handoff.js
// passes the process's own argv, streams, env, cwd, clock and signals; tests pass their own.
import type { Writable } from 'node:stream';
import type { CommandContext } from './cli/command-table.js';
import { isHandoffError, UsageError } from './errors.js';
import type { Console } from './io/console.js';
import { interruptAction, writesUnderWay } from './io/uninterruptible.js';
import { TOOL_VERSION } from './version.js';

export interface OutputStream extends Pick<Writable, 'write' | 'on'> {
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: OutputStream;
  stderr: OutputStream;
  clock: () => Date;
  /** Calls `handler` on Ctrl-C / SIGTERM until the returned function removes it. */
  onInterrupt(handler: () => void): () => void;
  /** Ends the process at once (a third Ctrl-C); in-process callers may throw instead. */
  exitNow(code: number): void;
}

/** Exit code of an internal error (a bug): BSD's EX_SOFTWARE. */
const INTERNAL_ERROR = 70;

function consoleOf(io: Io): Console {
  // A reader that stops early (`handoff … | head`) closes the pipe: the rest of the output is
  // dropped, quietly, and the command still finishes with its own exit code. Any other failure
  // to write stdout is the environment's: it is reported once and makes the exit code 3.
  let closed = false;
  io.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
    else {
      io.stderr.write(`handoff: cannot write to stdout (${error.code ?? error.message})\n`);
      io.exitNow(3);
    }
  });
  return {
    out: (text) => {
      if (!closed) io.stdout.write(text);
    },
    err: (text) => void io.stderr.write(text),
    isTTY: Boolean(io.stderr.isTTY),
  };
}

/**
 * An AbortSignal that fires on the first Ctrl-C / SIGTERM; a second one exits at once, unless
 * files are being swapped into place: then the command finishes (a third exits regardless).
 */
function interruptSignal(io: Io, console: Console, cleanups: Array<() => void>): () => AbortSignal {
  let controller: AbortController | undefined;
  return () => {
    if (controller) return controller.signal;
    const installed = new AbortController();
    controller = installed;
    let signals = 0;
    cleanups.push(
      io.onInterrupt(() => {
        const action = interruptAction(++signals, writesUnderWay());
        if (action === 'abort') installed.abort();
        else if (action === 'finish') console.err('finishing the file swap under way (all or nothing); Ctrl-C again to stop at once\n');
        else io.exitNow(130);
      }),
    );
    return installed.signal;
  };
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const console = consoleOf(io);
  const debug = argv.includes('--debug');
  const cleanups: Array<() => void> = [];
  try {
    const { parseCommandLine } = await import('./cli/parse.js');
    const parsed = parseCommandLine(argv, TOOL_VERSION, io.stdout.columns);
    if (parsed.kind !== 'command') {
      console.out(parsed.text);
      return 0;
    }
    const context: CommandContext = {
      cwd: io.cwd,
      env: io.env,
      console,
      clock: io.clock,
      columns: io.stderr.isTTY ? io.stderr.columns : undefined,
      interruptSignal: interruptSignal(io, console, cleanups),
    };
    const result = await parsed.command.run(parsed.args, context);
    return parsed.command.failed?.(result) ? 1 : 0;
  } catch (error) {
    if (isHandoffError(error)) {
      console.err(`${error instanceof UsageError ? 'handoff: ' : ''}${error.message}\n`);
      return error.exitCode;
    }
    const err = error as NodeJS.ErrnoException;
    console.err(`handoff: internal error: ${err?.message ?? String(error)}\n`);
    console.err(debug && err?.stack ? `${err.stack}\n` : '(run again with --debug for the stack trace, and report it)\n');
    return INTERNAL_ERROR;
  } finally {
    for (const cleanup of cleanups) cleanup();
  }
}
