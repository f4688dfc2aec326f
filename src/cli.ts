// The command line: parse flags, call one command, print, map errors to exit codes. This is the
// only place that catches errors and the only place that sets the exit code.
// Start-up time matters (README "Performance"): lines are parsed with node:util (cli/parse-argv.ts),
// yargs is loaded only to render help, and each command module, with its own dependencies, is
// imported only when it runs.
import type { CommandContext } from './cli/commands.js';
import { parseCommandLine } from './cli/parse-argv.js';
import { isHandoffError, UsageError } from './errors.js';
import { processConsole } from './io/console.js';
import { interruptAction, writesUnderWay } from './io/uninterruptible.js';
import { TOOL_VERSION } from './version.js';

/**
 * An AbortSignal that fires on the first Ctrl-C / SIGTERM; a second one exits at once, unless
 * files are being swapped into place: then the command finishes (a third exits regardless).
 */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    const action = interruptAction(++signals, writesUnderWay());
    if (action === 'abort') controller.abort();
    else if (action === 'finish') process.stderr.write('finishing the file swap under way (all or nothing); Ctrl-C again to stop at once\n');
    else process.exit(130);
  };
  // `on`, not `once`: with `once` the second signal would kill the process outright, skipping
  // the exit hooks that end still-running child process groups.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller.signal;
}

// A reader that stops early (`handoff … | head`) closes the pipe: the rest of the output is
// dropped, quietly, and the command still finishes, with its own exit code. Any other failure
// to write stdout is the environment's (exit 3).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  process.stderr.write(`handoff: cannot write to stdout (${error.code ?? error.message})\n`);
  process.exit(3);
});

const context: CommandContext = { cwd: process.cwd(), env: process.env, console: processConsole, interruptSignal };

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'version') {
      process.stdout.write(`${TOOL_VERSION}\n`);
      return;
    }
    if (parsed.kind === 'help') {
      const { renderHelp } = await import('./cli/help.js');
      process.stdout.write(await renderHelp(parsed.words, TOOL_VERSION, process.stdout.columns));
      return;
    }
    process.exitCode = await parsed.command.run(parsed.args, context);
  } catch (error) {
    if (isHandoffError(error)) {
      process.stderr.write(`${error instanceof UsageError ? 'handoff: ' : ''}${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const err = error as NodeJS.ErrnoException;
    process.stderr.write(`handoff: internal error: ${err?.message ?? String(error)}\n`);
    if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('(run again with --debug for the stack trace, and report it)\n');
    process.exitCode = 70;
  }
}

await main();
