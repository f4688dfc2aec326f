// yargs, built from the same command table: used for --help, --version and usage errors
// (unknown options or commands with "did you mean", missing arguments). Loaded only then, since
// importing it costs more than a whole render's start-up budget.
import yargs, { type Argv, type Options } from 'yargs';
import { UsageError } from '../errors.js';
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, type Args, type CommandSpec, type OptionSpec } from './commands.js';

function toYargsOption(spec: OptionSpec): Options {
  return {
    type: spec.type,
    array: spec.array,
    // `--template` at the end of the line, with no value, is an error, not a silent default.
    requiresArg: spec.type !== 'boolean',
    default: spec.default,
    demandOption: spec.demand,
    describe: spec.describe,
  };
}

function commandString(command: CommandSpec, depth: number): string {
  const positionals = command.positionals.map((p) => (p.array ? `<${p.name}..>` : `<${p.name}>`));
  return [...command.words.slice(depth), ...positionals].join(' ');
}

function addCommand(y: Argv, command: CommandSpec, depth: number, onRun: (command: CommandSpec, args: Args) => void): Argv {
  return y.command({
    command: commandString(command, depth),
    describe: command.hidden ? false : command.describe,
    builder: (b: Argv) => {
      for (const p of command.positionals) {
        b.positional(p.name, { type: 'string', array: p.array, describe: p.describe, demandOption: true });
      }
      for (const [name, spec] of Object.entries(command.options)) b.option(name, toYargsOption(spec));
      if (command.example) b.example(`$0 ${command.example}`, '');
      return b;
    },
    handler: (args) => {
      for (const [name, spec] of Object.entries(command.options)) {
        if (!spec.array && Array.isArray(args[name])) throw new UsageError(`--${name} was given more than once; give it once`);
      }
      onRun(command, args as Args);
    },
  });
}

/**
 * Parses argv with yargs. Prints help or the version itself; throws UsageError for bad usage;
 * returns the command and arguments when the line was valid after all.
 */
export async function parseWithYargs(
  argv: string[],
  version: string,
): Promise<{ command: CommandSpec; args: Args } | undefined> {
  let chosen: { command: CommandSpec; args: Args } | undefined;
  const onRun = (command: CommandSpec, args: Args): void => {
    chosen = { command, args };
  };
  let parser = yargs(argv)
    .scriptName('handoff')
    .version(version)
    .strict()
    .recommendCommands()
    .demandCommand(1, 'name a command; see `handoff --help`');
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) parser = parser.option(name, toYargsOption(spec));
  for (const command of COMMANDS.filter((c) => c.words.length === 1)) parser = addCommand(parser, command, 0, onRun);
  for (const [group, describe] of Object.entries(GROUPS)) {
    const members = COMMANDS.filter((c) => c.words.length === 2 && c.words[0] === group);
    parser = parser.command(group, describe, (y: Argv) => {
      let sub = y;
      for (const command of members) sub = addCommand(sub, command, 1, onRun);
      return sub.demandCommand(1, `name a ${group} command: ${members.map((m) => m.words[1]).join(' or ')}`);
    });
  }
  await parser
    .fail((message, error) => {
      // yargs reports its own validation failures as YError: those are usage errors.
      if (error && error.name !== 'YError') throw error;
      throw new UsageError(message ?? error?.message ?? 'bad usage; see `handoff --help`');
    })
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .parseAsync();
  return chosen;
}
