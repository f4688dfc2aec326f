// The one parser of command lines. It decides what every line means, from the command table
// (commands.ts): which command, which options with which types, defaults and limits, which
// positionals. yargs is loaded only to render help text (help.ts) and never sees the user's
// arguments, so a line cannot mean one thing here and another there.
//
// The rules, each covered by the parity table in test/cli/parse-argv.test.ts:
// - `--opt value` and `--opt=value` are the same; a value that starts with `-` needs `=`.
// - A boolean takes no value; `--no-x` sets it false; when repeated, the last one wins.
// - Any other option given twice is an error, except list options (repeatable, and
//   comma-separated where the table says so: `--only a,b` = `--only a --only b`).
// - Numbers are checked against the table (whole number, minimum); durations are parsed.
// - `--` ends the options: everything after it is positional.
// - A variadic list option (`init --rows D1 D2`) also takes the words after it, up to the next
//   option; only commands without positionals have one, so no word is ambiguous.
// - `-h`/`--help` anywhere before `--` asks for help with the command named; `--version`
//   prints the version.
import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';
import { parseDuration } from '../input/grammars.js';
import { closestName } from '../text/edit-distance.js';
import { COMMANDS, GLOBAL_OPTIONS, GROUPS, type Args, type CommandSpec, type OptionSpec } from './commands.js';

export type ParsedLine =
  | { kind: 'help'; words: string[] }
  | { kind: 'version' }
  | { kind: 'command'; command: CommandSpec; args: Args };

export function parseCommandLine(argv: readonly string[]): ParsedLine {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  const words = commandWords(argv);
  if (options.includes('--help') || options.includes('-h')) return { kind: 'help', words };
  if (options.includes('--version')) return { kind: 'version' };
  const command = COMMANDS.find((c) => sameWords(c.words, words));
  if (!command) throw unknownCommand(argv, words);
  return { kind: 'command', command, args: parseCommandArgs(command, argv.slice(command.words.length)) };
}

/** The leading words that name a command or a command group (`plan`, `plan mark`). */
function commandWords(argv: readonly string[]): string[] {
  const [first, second] = argv;
  if (first === undefined || first.startsWith('-')) return [];
  if (GROUPS[first] !== undefined) return second !== undefined && COMMANDS.some((c) => sameWords(c.words, [first, second])) ? [first, second] : [first];
  return [first];
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

function unknownCommand(argv: readonly string[], words: string[]): UsageError {
  const [first, second] = argv;
  const top = [...new Set(COMMANDS.map((c) => c.words[0]!))];
  if (first === undefined || first.startsWith('-')) {
    return new UsageError(`name a command: ${top.join(', ')}; see \`handoff --help\``);
  }
  if (words.length === 1 && GROUPS[first] !== undefined) {
    const members = COMMANDS.filter((c) => c.words[0] === first).map((c) => c.words[1]!);
    const wanted = second === undefined || second.startsWith('-') ? '' : `unknown ${first} command "${second}"${didYouMean(second, members)}; `;
    return new UsageError(`${wanted}name a ${first} command: ${members.join(' or ')}; see \`handoff ${first} --help\``);
  }
  return new UsageError(`unknown command "${first}"${didYouMean(first, top)}; the commands are ${top.join(', ')}`);
}

function didYouMean(word: string, known: readonly string[]): string {
  const w = word.toLowerCase();
  const prefixed = known.filter((k) => w.length >= 2 && k.toLowerCase().startsWith(w));
  if (prefixed.length === 1) return `; did you mean "${prefixed[0]}"?`;
  const best = closestName(word, known);
  return best !== undefined ? `; did you mean "${best}"?` : '';
}

/** The options and positionals after the command words. */
export function parseCommandArgs(command: CommandSpec, rest: readonly string[]): Args {
  const specs: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, ...command.options };
  const { tokens } = parseArgs({
    args: [...rest],
    options: Object.fromEntries(Object.entries(specs).map(([name, s]) => [name, { type: s.type === 'boolean' ? 'boolean' : 'string', multiple: true }])),
    allowPositionals: true,
    allowNegative: true,
    strict: false,
    tokens: true,
  });
  const given = new Map<string, Array<string | boolean>>();
  const positionals: string[] = [];
  // The variadic list option the words since the last option belong to, if any.
  let variadic: string | undefined;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (variadic !== undefined) given.get(variadic)!.push(token.value);
      else positionals.push(token.value);
      continue;
    }
    variadic = undefined;
    if (token.kind !== 'option') continue;
    // parseArgs reads `--no-quiet` as the option `quiet`; only booleans may be negated.
    const negated = token.rawName.startsWith('--no-') && token.rawName !== `--${token.name}`;
    const name = token.name;
    const spec = specs[name];
    if (!spec || (negated && spec.type !== 'boolean' && !spec.negatable)) throw unknownOption(token.rawName, specs, command);
    let value: string | boolean;
    if (negated && spec.type !== 'boolean') {
      if (token.inlineValue) throw new UsageError(`--no-${name} takes no value`);
      value = false;
    } else if (spec.type === 'boolean') {
      if (token.inlineValue) throw new UsageError(`--${name} takes no value; write --${name}, or --no-${name} to turn it off`);
      value = !negated;
    } else {
      // Non-strict parseArgs takes the next word whatever it is; `--template --stdout` must not
      // make "--stdout" a template name.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-') && token.value !== '-')) {
        throw new UsageError(`--${name} needs a value${token.value !== undefined ? ` (for a value that starts with -, write --${name}=VALUE)` : ''}`);
      }
      value = token.value;
    }
    given.set(name, [...(given.get(name) ?? []), value]);
    if (spec.variadic && command.positionals.length === 0 && value !== false) variadic = name;
  }
  const args: Args = {};
  for (const [name, spec] of Object.entries(specs)) {
    const values = given.get(name);
    if (values === undefined) {
      if (spec.demand) throw new UsageError(`--${name} is required (${spec.describe})`);
      if (spec.default !== undefined) args[name] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
      continue;
    }
    args[name] = readOption(name, spec, values);
  }
  assignPositionals(command, positionals, args);
  return args;
}

function unknownOption(raw: string, specs: Record<string, OptionSpec>, command: CommandSpec): UsageError {
  const name = raw.replace(/^-+/, '').split('=')[0] ?? '';
  const known = Object.keys(specs);
  const hint = didYouMean(name, known).replace(/"([^"]+)"/, '--$1');
  const where = `handoff ${command.words.join(' ')}`;
  return new UsageError(
    `unknown option ${raw.split('=')[0]} for \`${where}\`${hint}${hint ? '' : `; its options: ${known.map((k) => `--${k}`).join(', ')}`}` +
      (/^-\d/.test(raw) ? ' (a value that starts with - goes after =, e.g. --jobs=2)' : ''),
  );
}

function readOption(name: string, spec: OptionSpec, values: Array<string | boolean>): unknown {
  if (spec.type === 'boolean') return values[values.length - 1];
  if (values.includes(false)) {
    if (values.length > 1) throw new UsageError(`--no-${name} cannot be combined with --${name}`);
    return false;
  }
  const texts = values as string[];
  if (spec.array) {
    const items = spec.separator ? texts.flatMap((t) => t.split(spec.separator!)) : texts;
    const cleaned = items.map((t) => t.trim());
    if (cleaned.some((t) => t === '')) throw new UsageError(`--${name}: an empty value; give each value once, e.g. --${name} a --${name} b`);
    return cleaned.map((t) => convert(name, spec, t));
  }
  if (texts.length > 1) throw new UsageError(`--${name} was given more than once (${texts.map((t) => JSON.stringify(t)).join(', ')}); give it once`);
  return convert(name, spec, texts[0]!);
}

function convert(name: string, spec: OptionSpec, text: string): string | number | { index: number; count: number } {
  if (spec.type === 'shard') {
    const m = /^(\d+)\/(\d+)$/.exec(text.trim());
    const [index, count] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
    if (!m || count < 1 || index < 1 || index > count) {
      throw new UsageError(`--${name}: "${text}" is not a shard; write K/N with 1 ≤ K ≤ N, e.g. 1/2 for the first of two shards`);
    }
    return { index, count };
  }
  if (spec.type === 'duration') {
    const seconds = parseDuration(text);
    if (seconds === undefined || seconds <= 0) throw new UsageError(`--${name}: "${text}" is not a duration; use e.g. 90s, 2m or 1h30m`);
    return seconds;
  }
  if (spec.type !== 'number') {
    if (spec.choices && !spec.choices.includes(text)) {
      throw new UsageError(`--${name}: "${text}" is not one of ${spec.choices.join(', ')}`);
    }
    return text;
  }
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : Number.NaN;
  const whole = spec.integer ? 'a whole number' : 'a number';
  const limit =
    spec.min !== undefined && spec.max !== undefined ? ` from ${spec.min} to ${spec.max}` : spec.min !== undefined ? ` of at least ${spec.min}` : spec.max !== undefined ? ` of at most ${spec.max}` : '';
  if (Number.isNaN(n) || (spec.integer && !Number.isInteger(n)) || (spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
    throw new UsageError(`--${name}: expected ${whole}${limit}, got "${text}"`);
  }
  return n;
}

function assignPositionals(command: CommandSpec, positionals: string[], args: Args): void {
  const specs = command.positionals;
  for (const [i, p] of specs.entries()) {
    if (p.array) {
      const restValues = positionals.slice(i);
      if (restValues.length === 0) throw new UsageError(`missing ${describePositional(p.name)}; usage: ${usage(command)}`);
      args[p.name] = restValues;
      return;
    }
    const value = positionals[i];
    if (value === undefined) throw new UsageError(`missing ${describePositional(p.name)}; usage: ${usage(command)}`);
    args[p.name] = value;
  }
  if (positionals.length > specs.length) {
    const extra = positionals.slice(specs.length);
    throw new UsageError(`unexpected argument${extra.length === 1 ? '' : 's'} ${extra.map((e) => JSON.stringify(e)).join(' ')}; usage: ${usage(command)}`);
  }
}

function describePositional(name: string): string {
  return `<${name}>`;
}

export function usage(command: CommandSpec): string {
  const positionals = command.positionals.map((p) => (p.array ? `<${p.name}…>` : `<${p.name}>`));
  return ['handoff', ...command.words, ...positionals, '[options]'].join(' ');
}
