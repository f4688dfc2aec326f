// The one parser of command lines: yargs, built from the command table (command-table.ts), so a
// line means one thing and `--help` describes exactly what is parsed. yargs is configured, not
// worked around: strict mode for unknown options and arguments, `duplicate-arguments-array` so an
// option given twice can be refused, greedy arrays only for `init --rows D1 D2`, coerce for
// numbers, durations, shards and comma lists, and a middleware for what yargs leaves to its user:
// words after `--` as positionals, and the few spellings it would accept but we refuse
// (`--flag=value` for a flag, `--opt -value` without `=`, `--no-NAME` for a non-negatable option).
// Each refusal is a UsageError with the message the parity table (test/cli/parse-argv.test.ts) holds.
import yargs, { type Argv, type Options } from 'yargs';
import { UsageError } from '../errors.js';
import { parseDuration } from '../input/grammars.js';
import { closestName } from '../text/edit-distance.js';
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, type AnyCommand } from './command-table.js';
import { flagOf, type OptionDef, type PositionalDef } from './options.js';

export type ParsedLine =
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string }
  | { kind: 'command'; command: AnyCommand; args: Record<string, unknown> };

const EXIT_CODES = [
  'Exit codes:',
  '  0    done; for run, every selector went as expected',
  '  1    a check failed: --check found a stale file, validate found problems, a selector did not go as expected, something is overdue',
  '  2    bad input or usage (the message names file:line:col and the field); nothing written',
  '  3    environment: python or pytest missing, a folder missing or not writable',
  '  130  interrupted (Ctrl-C)',
].join('\n');

const TOP_WORDS = [...new Set(COMMANDS.map((c) => c.words[0]!))];

function didYouMean(word: string, known: readonly string[]): string {
  const w = word.toLowerCase();
  const prefixed = known.filter((k) => w.length >= 2 && k.toLowerCase().startsWith(w));
  if (prefixed.length === 1) return `; did you mean "${prefixed[0]}"?`;
  const best = closestName(word, known);
  return best ? `; did you mean "${best}"?` : '';
}

function usage(command: AnyCommand): string {
  const positionals = Object.entries(command.positionals as Record<string, PositionalDef<unknown>>).map(([name, p]) => (p.many ? `<${name}…>` : `<${name}>`));
  return ['handoff', ...command.words, ...positionals, '[options]'].join(' ');
}

/** `dry-run` → `dryRun`: how yargs (camel-case-expansion, strip-dashed) names a flag's value. */
function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Everything a command accepts, by flag. */
function flagsOf(command: AnyCommand): Map<string, { key: string; def: OptionDef<unknown> }> {
  const table = { ...GLOBAL_OPTIONS, ...command.options } as Record<string, OptionDef<unknown>>;
  return new Map(Object.entries(table).map(([key, def]) => [flagOf(key, def), { key, def }]));
}

function unknownOption(raw: string, command: AnyCommand): UsageError {
  const name = raw.replace(/^-+/, '').split('=')[0] ?? '';
  const known = [...flagsOf(command).keys()];
  const best = closestName(name, known);
  const where = `handoff ${command.words.join(' ')}`;
  return new UsageError(
    `unknown option ${raw.split('=')[0]} for \`${where}\`${best ? `; did you mean --${best}?` : `; its options: ${known.map((k) => `--${k}`).join(', ')}`}` +
      (/^-\d/.test(raw) ? ' (a value that starts with - goes after =, e.g. --jobs=2)' : ''),
  );
}

function readNumber(flag: string, def: OptionDef<unknown>, text: string): number {
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : Number.NaN;
  const whole = def.integer ? 'a whole number' : 'a number';
  const { min, max } = def;
  const limit = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : min !== undefined ? ` of at least ${min}` : max !== undefined ? ` of at most ${max}` : '';
  if (Number.isNaN(n) || (def.integer && !Number.isInteger(n)) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
    throw new UsageError(`--${flag}: expected ${whole}${limit}, got "${text}"`);
  }
  return n;
}

/** One value of an option as the handler receives it (yargs gives strings: parse-numbers is off). */
function coerceValue(flag: string, def: OptionDef<unknown>, text: string): unknown {
  switch (def.kind) {
    case 'number':
      return readNumber(flag, def, text);
    case 'duration': {
      const seconds = parseDuration(text);
      if (seconds === undefined || seconds <= 0) throw new UsageError(`--${flag}: "${text}" is not a duration; use e.g. 90s, 2m or 1h30m`);
      return seconds;
    }
    case 'shard': {
      const m = /^(\d+)\/(\d+)$/.exec(text.trim());
      const [index, count] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
      if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--${flag}: "${text}" is not a shard; write K/N with 1 ≤ K ≤ N, e.g. 1/2 for the first of two shards`);
      return { index, count };
    }
    default:
      if (def.choices && !def.choices.includes(text)) throw new UsageError(`--${flag}: "${text}" is not one of ${def.choices.join(', ')}`);
      return text;
  }
}

/** yargs' value of an option (a list when given twice) → the typed value, refusing what we refuse. */
function coerceOption(flag: string, def: OptionDef<unknown>, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (def.kind === 'boolean') return Array.isArray(value) ? value[value.length - 1] : value;
  // yargs gives a list option that was not given as [undefined]: not given at all.
  const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== undefined) as Array<string | boolean | number>;
  if (values.length === 0 && def.kind !== 'list') return undefined;
  if (values.length === 0) return def.default !== undefined ? [] : undefined;
  if (values.includes(false)) {
    if (!def.negatable) throw new UsageError(`unknown option --no-${flag}`);
    if (values.length > 1) throw new UsageError(`--no-${flag} cannot be combined with --${flag}`);
    return false;
  }
  const texts = values.map(String);
  if (def.kind === 'list') {
    const items = (def.separator ? texts.flatMap((t) => t.split(def.separator!)) : texts).map((t) => t.trim());
    if (items.some((t) => t === '')) throw new UsageError(`--${flag}: an empty value; give each value once, e.g. --${flag} a --${flag} b`);
    return items;
  }
  if (texts.length > 1) throw new UsageError(`--${flag} was given more than once (${texts.map((t) => JSON.stringify(t)).join(', ')}); give it once`);
  return coerceValue(flag, def, texts[0]!);
}

function toYargsOption(flag: string, def: OptionDef<unknown>): Options {
  const isFlag = def.kind === 'boolean';
  return {
    type: isFlag ? 'boolean' : 'string',
    describe: def.describe,
    // Lists default to [] here (shown in help); other defaults are applied after coercion.
    default: def.default,
    array: def.kind === 'list',
    requiresArg: !isFlag,
    choices: def.choices ? [...def.choices] : undefined,
  };
}

/**
 * What yargs accepts and this CLI refuses, read from the words as typed: a value for a flag
 * (`--dry-run=true`), and a value that starts with `-` without `=` (`--jobs -3`: yargs takes it as
 * a number; `--template --stdout`: yargs asks for an argument).
 */
function checkSpellings(words: readonly string[], command: AnyCommand): void {
  const flags = flagsOf(command);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') return;
    const m = /^--(no-)?([^=]+)(=.*)?$/.exec(word);
    if (!m) continue;
    const [, negated, name, inline] = m;
    const option = flags.get(name!);
    if (!option) continue;
    if (option.def.kind === 'boolean' && inline !== undefined) {
      throw new UsageError(`--${name} takes no value; write --${name}, or --no-${name} to turn it off`);
    }
    if (option.def.kind !== 'boolean' && !negated && inline === undefined) {
      const next = words[i + 1];
      if (next === undefined || next === '--') throw new UsageError(`--${name} needs a value`);
      if (next.startsWith('-') && next !== '-') throw new UsageError(`--${name} needs a value (for a value that starts with -, write --${name}=VALUE)`);
    }
  }
}

/** The words after the command's words, up to `--`, and those after it (positionals only). */
function splitDoubleDash(words: readonly string[]): { before: string[]; after: string[] } {
  const end = words.indexOf('--');
  return end === -1 ? { before: [...words], after: [] } : { before: words.slice(0, end), after: words.slice(end + 1) };
}

function addCommand(y: Argv, command: AnyCommand, depth: number, chosen: { command?: AnyCommand; line: readonly string[] }): Argv {
  const positionals = Object.entries(command.positionals as Record<string, PositionalDef<unknown>>);
  // Declared optional to yargs: words after `--` fill them too (yargs would not), and a missing
  // one gets our message; both in the middleware below.
  const spec = [...command.words.slice(depth), ...positionals.map(([name, p]) => (p.many ? `[${name}..]` : `[${name}]`))].join(' ');
  // No handler: main.ts runs the command.
  return y.command(spec, command.describe, (b: Argv) => {
      chosen.command = command;
      b.usage(`${usage(command)}\n\n${command.describe}`);
      // `--rows ID…` (docs/commands.md): on a command without positionals, a list takes the words after it.
      if (positionals.length === 0 && Object.values(command.options as Record<string, OptionDef<unknown>>).some((d) => d.variadic)) {
        b.parserConfiguration({ 'greedy-arrays': true });
      }
      for (const [name, p] of positionals) b.positional(name, { type: 'string', array: p.many, describe: p.describe });
      for (const [key, def] of Object.entries(command.options as Record<string, OptionDef<unknown>>)) {
        const flag = flagOf(key, def);
        b.option(flag, toYargsOption(flag, def));
      }
      for (const example of command.examples ?? []) b.example(`$0 ${example}`, '');
      b.middleware((argv) => {
        // Help and the version are answered whatever else the line holds.
        const { before } = splitDoubleDash(chosen.line);
        if (before.some((w) => w === '--help' || w === '-h' || w === '--version')) return;
        checkSpellings(chosen.line, command);
        // Each option's value as its handler takes it (after the spelling checks, so `--jobs -3`
        // is refused for its spelling, not its value).
        for (const [key, def] of Object.entries({ ...GLOBAL_OPTIONS, ...command.options } as Record<string, OptionDef<unknown>>)) {
          const flag = flagOf(key, def);
          argv[camel(flag)] = coerceOption(flag, def, argv[camel(flag)]);
        }
        // The words after `--` (populate--) are positionals too; taken once (yargs may run this twice).
        const rest = [...((argv['--'] as string[] | undefined) ?? [])].map(String);
        delete argv['--'];
        for (const [name, p] of positionals) {
          const given = argv[name] as string | string[] | undefined;
          const values = p.many ? [...((given as string[] | undefined) ?? []), ...rest.splice(0)] : given !== undefined ? [given as string] : rest.splice(0, 1);
          if (values.length === 0) throw new UsageError(`missing <${name}>; usage: ${usage(command)}`);
          argv[name] = p.many ? values.map(String) : String(values[0]);
        }
        if (rest.length > 0) throw new UsageError(`unexpected argument${rest.length === 1 ? '' : 's'} ${rest.map((e) => JSON.stringify(e)).join(' ')}; usage: ${usage(command)}`);
        for (const [key, def] of Object.entries(command.options as Record<string, OptionDef<unknown>>)) {
          if (def.demand && argv[camel(flagOf(key, def))] === undefined) throw new UsageError(`--${flagOf(key, def)} is required (${def.describe})`);
        }
      }, true);
      return b;
  });
}

/** yargs' own failure messages, as this CLI says them. */
function translate(message: string, chosen: { command?: AnyCommand; line: readonly string[]; group?: string }): UsageError {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const first = unknown[1]!.split(', ')[0]!;
    if (chosen.command) {
      const raw = chosen.line.find((w) => w.replace(/^-+/, '').split('=')[0] === first.replace(/^-+/, '')) ?? first;
      if (raw.startsWith('-')) return unknownOption(raw, chosen.command);
      const extra = unknown[1]!.split(', ');
      return new UsageError(`unexpected argument${extra.length === 1 ? '' : 's'} ${extra.map((e) => JSON.stringify(e)).join(' ')}; usage: ${usage(chosen.command)}`);
    }
    return unknownCommand(chosen.line);
  }
  if (/^name a\b/.test(message)) return unknownCommand(chosen.line);
  const missingArg = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missingArg) return new UsageError(`--${missingArg[1]} needs a value`);
  return new UsageError(message);
}

function unknownCommand(line: readonly string[]): UsageError {
  const [first, second] = line;
  if (first === undefined || first.startsWith('-')) return new UsageError(`name a command: ${TOP_WORDS.join(', ')}; see \`handoff --help\``);
  if (GROUPS[first] !== undefined) {
    const members = COMMANDS.filter((c) => c.words[0] === first).map((c) => c.words[1]!);
    const wanted = second === undefined || second.startsWith('-') ? '' : `unknown ${first} command "${second}"${didYouMean(second, members)}; `;
    return new UsageError(`${wanted}name a ${first} command: ${members.join(' or ')}; see \`handoff ${first} --help\``);
  }
  const hint = didYouMean(first, TOP_WORDS);
  return new UsageError(`unknown command "${first}"${hint ? `${hint} The` : '; the'} commands are ${TOP_WORDS.join(', ')}`);
}

/** The part of yargs' instance that lays out the help text of the command it ran (usage.js). */
interface YargsUsageInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * yargs lays out the help text of the command it ran after every parse (command.js calls
 * `cacheHelpMessage`), in case the command's handler asks for it later. This CLI never does:
 * `--help` is answered during the parse, from the text yargs lays out then, and main.ts runs the
 * command after the parse. That layout (cliui, wrap-ansi and string-width on every description)
 * cost more than the rest of a parse; it is left out. Help text is unchanged (test/cli/cli.test.ts).
 */
function skipHelpLayout(y: Argv): void {
  const usage = (y as unknown as YargsUsageInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage !== 'function') throw new Error('yargs changed: its usage instance has no cacheHelpMessage to leave out; update skipHelpLayout in src/cli/parse.ts');
  usage.cacheHelpMessage = () => {};
}

function build(version: string, columns: number | undefined, chosen: { command?: AnyCommand; line: readonly string[] }): Argv {
  let y = yargs()
    .scriptName('handoff')
    .locale('en')
    .updateStrings({})
    .exitProcess(false)
    .strict()
    .parserConfiguration({
      'duplicate-arguments-array': true,
      'greedy-arrays': false,
      'camel-case-expansion': true,
      'strip-dashed': true,
      'populate--': true,
      'parse-numbers': false,
      'parse-positional-numbers': false,
      'short-option-groups': false,
    })
    .usage('$0 <command> [options]\n\nGenerate verified Markdown handoff briefs from structured YAML, with pytest evidence.')
    .epilogue(EXIT_CODES)
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, columns || 100))
    .fail((message, error) => {
      throw error ?? translate(message, chosen);
    })
    .demandCommand(1, 'name a command');
  for (const [key, def] of Object.entries(GLOBAL_OPTIONS)) y = y.option(flagOf(key, def), toYargsOption(flagOf(key, def), def as OptionDef<unknown>));
  skipHelpLayout(y);
  for (const command of COMMANDS.filter((c) => c.words.length === 1)) y = addCommand(y, command, 0, chosen);
  for (const [group, describe] of Object.entries(GROUPS)) {
    y = y.command(group, describe, (g: Argv) => {
      let sub = g.usage(`handoff ${group} <command> [options]\n\n${describe}`).demandCommand(1, `name a ${group} command`);
      for (const command of COMMANDS.filter((c) => c.words.length === 2 && c.words[0] === group)) sub = addCommand(sub, command, 1, chosen);
      return sub;
    });
  }
  return y;
}

/** What a command line asks for: help or the version (their text), or a command with its typed arguments. */
export function parseCommandLine(line: readonly string[], version = '0.0.0', columns?: number): ParsedLine {
  const chosen: { command?: AnyCommand; line: readonly string[] } = { line };
  let output = '';
  let parsed: Record<string, unknown>;
  try {
    parsed = build(version, columns, chosen).parseSync([...line], {}, (_error, _argv, text) => {
      output = text;
    }) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw translate(error instanceof Error ? error.message : String(error), chosen);
  }
  if (output !== '') {
    const { before } = splitDoubleDash(line);
    return output.trim() === version && before.includes('--version') ? { kind: 'version', text: `${version}\n` } : { kind: 'help', text: `${output.replace(/\s+$/, '')}\n` };
  }
  const command = chosen.command;
  if (!command) throw unknownCommand(line);
  const args: Record<string, unknown> = {};
  const table = { ...GLOBAL_OPTIONS, ...command.options } as Record<string, OptionDef<unknown>>;
  for (const [key, def] of Object.entries(table)) {
    const value = parsed[camel(flagOf(key, def))];
    if (value !== undefined) args[key] = value;
    else if (def.default !== undefined) args[key] = Array.isArray(def.default) ? [...def.default] : def.default;
  }
  for (const name of Object.keys(command.positionals as object)) args[name] = parsed[name];
  return { kind: 'command', command, args };
}
