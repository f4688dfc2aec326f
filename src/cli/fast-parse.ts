// The parser for ordinary runs: node:util parseArgs over the command table, no dependency to
// load. It accepts only well-formed command lines; anything else (--help, an unknown option, a
// missing argument, a bad number) returns undefined, and the CLI hands the same argv to yargs,
// which prints the help or the error message.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMANDS, GLOBAL_OPTIONS, type Args, type CommandSpec, type OptionSpec } from './commands.js';

export interface Parsed {
  command: CommandSpec;
  args: Args;
}

const HELP_OR_VERSION = new Set(['--help', '-h', '--version']);

function findCommand(argv: readonly string[]): CommandSpec | undefined {
  return COMMANDS.find((c) => c.words.every((word, i) => argv[i] === word));
}

export function fastParse(argv: readonly string[]): Parsed | undefined {
  if (argv.some((a) => HELP_OR_VERSION.has(a))) return undefined;
  const command = findCommand(argv);
  if (!command) return undefined;
  const specs: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...command.options };
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, spec] of Object.entries(specs)) {
    // Every option is read as a list, so that a repeated single-value option is noticed and
    // left to yargs to report, instead of the last one silently winning.
    options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', multiple: true };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv.slice(command.words.length), options, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }

  const args: Args = {};
  for (const [name, spec] of Object.entries(specs)) {
    const values = parsed.values[name] as Array<string | boolean> | undefined;
    if (values !== undefined && !spec.array && values.length > 1) return undefined;
    const value = spec.array ? values : values?.[0];
    if (value === undefined) {
      if (spec.demand) return undefined;
      if (spec.default !== undefined) args[name] = spec.default;
      continue;
    }
    if (spec.type === 'number') {
      const n = Number(value);
      if (typeof value !== 'string' || value.trim() === '' || Number.isNaN(n)) return undefined;
      args[name] = n;
    } else {
      args[name] = value;
    }
  }

  const positionals = parsed.positionals;
  for (const [i, p] of command.positionals.entries()) {
    if (p.array) {
      const rest = positionals.slice(i);
      if (rest.length === 0) return undefined;
      args[p.name] = rest;
      return { command, args };
    }
    if (positionals[i] === undefined) return undefined;
    args[p.name] = positionals[i];
  }
  if (positionals.length > command.positionals.length) return undefined;
  return { command, args };
}
