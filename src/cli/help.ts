// Help text, rendered by yargs from the command table. yargs is given only the command words and
// `--help`, never the user's arguments: what a line means is decided by parse-argv.ts alone.
// Loaded only when help is asked for, since importing yargs costs more than a render's start-up.
import yargs, { type Argv, type Options } from 'yargs';
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, type CommandSpec, type OptionSpec } from './commands.js';

const EXIT_CODES = [
  'Exit codes:',
  '  0    done; for run, every selector went as expected',
  '  1    a check failed: --check found a stale file, validate found problems, a selector did not go as expected, something is overdue',
  '  2    bad input or usage (the message names file:line:col and the field); nothing written',
  '  3    environment: python or pytest missing, a folder missing or not writable',
  '  130  interrupted (Ctrl-C)',
].join('\n');

function toYargsOption(spec: OptionSpec): Options {
  const type = spec.type === 'boolean' ? 'boolean' : spec.type === 'number' ? 'number' : 'string';
  return { type, array: spec.array, default: spec.default, demandOption: spec.demand, describe: spec.describe, choices: spec.choices };
}

function commandString(command: CommandSpec, depth: number): string {
  const positionals = command.positionals.map((p) => (p.array ? `<${p.name}..>` : `<${p.name}>`));
  return [...command.words.slice(depth), ...positionals].join(' ');
}

function addCommand(y: Argv, command: CommandSpec, depth: number): Argv {
  return y.command({
    command: commandString(command, depth),
    describe: command.describe,
    builder: (b: Argv) => {
      for (const p of command.positionals) b.positional(p.name, { type: 'string', array: p.array, describe: p.describe });
      for (const [name, spec] of Object.entries(command.options)) b.option(name, toYargsOption(spec));
      for (const example of command.examples ?? []) b.example(`$0 ${example}`, '');
      return b;
    },
    handler: () => undefined,
  });
}

/** The help text for `handoff [words…] --help`. */
export async function renderHelp(words: readonly string[], version: string, columns: number | undefined): Promise<string> {
  let parser = yargs()
    .scriptName('handoff')
    .version(version)
    .exitProcess(false)
    .usage('$0 <command> [options]\n\nGenerate verified Markdown handoff briefs from structured YAML, with pytest evidence.')
    .epilogue(EXIT_CODES);
  for (const [name, spec] of Object.entries(GLOBAL_OPTIONS)) parser = parser.option(name, toYargsOption(spec));
  for (const command of COMMANDS.filter((c) => c.words.length === 1)) parser = addCommand(parser, command, 0);
  for (const [group, describe] of Object.entries(GROUPS)) {
    const members = COMMANDS.filter((c) => c.words.length === 2 && c.words[0] === group);
    parser = parser.command(group, describe, (y: Argv) => {
      let sub = y;
      for (const command of members) sub = addCommand(sub, command, 1);
      return sub;
    });
  }
  let text = '';
  await parser
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, columns || 100))
    .parseAsync([...words, '--help'], {}, (_error, _argv, output) => {
      text = output;
    });
  return `${text.replace(/\s+$/, '')}\n`;
}
