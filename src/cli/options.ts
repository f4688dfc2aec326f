// Typed option and positional definitions: a command declares each of its options once, with its
// type, default and limits, and its handler receives them typed (ArgsOf). parse.ts turns the same
// definitions into yargs options; help is rendered from them by yargs.
import type { ShardSpec } from '../evidence/shard.js';

/** How a value is read from the command line (parse.ts coerces each kind). */
export type OptionKind = 'string' | 'boolean' | 'number' | 'duration' | 'shard' | 'list';

interface Described {
  describe: string;
  /** The flag as typed, when it is not the key in kebab-case (`--artifact` for `artifacts`). */
  flag?: string;
}

export interface OptionDef<T> extends Described {
  kind: OptionKind;
  default?: string | boolean | number | string[];
  /** Required: yargs demands it (`--summary is required`). */
  demand?: boolean;
  /** number: a whole number, and its bounds. */
  integer?: boolean;
  min?: number;
  max?: number;
  /** string: the values allowed. */
  choices?: readonly string[];
  /** `--no-NAME` gives false (boolean options always take it). */
  negatable?: boolean;
  /** list: one value may hold several, split on this (`--only a,b`). */
  separator?: string;
  /** list, on a command without positionals: the words after it, up to the next option, are values too. */
  variadic?: boolean;
  /** Phantom: the type the handler receives. */
  readonly __type?: T;
}

export interface PositionalDef<T> extends Described {
  /** Several words (`<ids…>`). */
  many: boolean;
  readonly __type?: T;
}

export type OptionTable = Record<string, OptionDef<unknown>>;
export type PositionalTable = Record<string, PositionalDef<unknown>>;

/** What a handler receives: each option and positional by its key, with its declared type. */
export type ArgsOf<O extends OptionTable, P extends PositionalTable = Record<never, never>> = {
  [K in keyof O]: O[K] extends OptionDef<infer T> ? T : never;
} & { [K in keyof P]: P[K] extends PositionalDef<infer T> ? T : never };

type Base = Described & { demand?: never };

function def<T>(kind: OptionKind, spec: object): OptionDef<T> {
  return { kind, ...(spec as Described) } as OptionDef<T>;
}

export function string(spec: Base & { default: string }): OptionDef<string>;
export function string(spec: Described & { demand: true }): OptionDef<string>;
export function string(spec: Base): OptionDef<string | undefined>;
export function string(spec: Described & { default?: string; demand?: boolean }): OptionDef<string | undefined> {
  return def('string', spec);
}

/** A string option whose `--no-NAME` gives false (`--no-evidence`). */
export function negatableString(spec: Base): OptionDef<string | false | undefined> {
  return def('string', { ...spec, negatable: true });
}

export function choice<C extends string>(spec: Base & { choices: readonly C[] }): OptionDef<C | undefined> {
  return def('string', spec);
}

/** A flag, false unless given (`--no-NAME` gives false too). */
export function flag(spec: Base): OptionDef<boolean> {
  return def('boolean', { ...spec, default: false });
}

/** A flag that is neither true nor false until given (`--run` / `--no-run`). */
export function tristate(spec: Base): OptionDef<boolean | undefined> {
  return def('boolean', spec);
}

type NumberSpec = Base & { integer?: boolean; min?: number; max?: number };
export function number(spec: NumberSpec & { default: number }): OptionDef<number>;
export function number(spec: NumberSpec): OptionDef<number | undefined>;
export function number(spec: NumberSpec & { default?: number }): OptionDef<number | undefined> {
  return def('number', spec);
}

/** `90s`, `2m`, `1h30m`, or seconds, given to the handler as seconds. */
export function duration(spec: Base): OptionDef<number | undefined> {
  return def('duration', spec);
}

/** `K/N` with 1 ≤ K ≤ N. */
export function shard(spec: Base): OptionDef<ShardSpec | undefined> {
  return def('shard', spec);
}

type ListSpec = Base & { separator?: string; variadic?: boolean };
export function list(spec: ListSpec & { default: string[] }): OptionDef<string[]>;
export function list(spec: ListSpec): OptionDef<string[] | undefined>;
export function list(spec: ListSpec & { default?: string[] }): OptionDef<string[] | undefined> {
  return def('list', spec);
}

export function positional(describe: string): PositionalDef<string> {
  return { describe, many: false };
}

export function positionals(describe: string): PositionalDef<string[]> {
  return { describe, many: true };
}

/** `dryRun` → `dry-run`: the flag of a key unless the definition names another. */
export function flagOf(key: string, spec: { flag?: string }): string {
  return spec.flag ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
