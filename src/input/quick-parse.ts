// A quicker reading of valid data through a zod schema, for the schemas read many times a run
// (an input per brief in `handoff due`, thousands of rows in a large input, history lines). zod
// remains the one definition: this walks the schema's own definition (its shape, checks and
// transforms, run as zod runs them on valid data) and gives zod's output, or undefined when the
// data has any problem or the schema uses anything it does not know, and then the caller asks
// zod, which says what the problems are. It does what zod does on valid data without zod's
// bookkeeping for problems (a result object and an issue list for every field), which was most of
// the time zod took. Semantics are those of zod 4 (core/schemas.js): fields in shape order, an
// absent optional field left out, a strict object refusing unknown keys, a plain one dropping
// them, the first union member that accepts winning, checks run after the type.
import type * as z from './zod.js';

/** Reads a value as the schema would, or throws INVALID or UNSURE. */
type Reader = (value: unknown) => unknown;

/** zod would find a problem here (a union then tries its next member). */
const INVALID = Symbol('invalid');
/** The data does something this reader does not follow (a check that changed the value): zod decides. */
const UNSURE = Symbol('unsure');

/** The schema uses something this reader does not know. */
class Unknown extends Error {}

const readers = new WeakMap<object, Reader | null>();
const compiled = new WeakMap<object, Reader>();

/** The schema's output for `data` when the data is valid and this reader knows every part of the schema; else undefined. */
export function quickParse<S extends z.core.$ZodType>(schema: S, data: unknown): { value: z.output<S> } | undefined {
  let reader = readers.get(schema);
  if (reader === undefined) {
    try {
      reader = compile(schema);
    } catch (error) {
      if (!(error instanceof Unknown)) throw error;
      reader = null;
    }
    readers.set(schema, reader);
  }
  if (reader === null) return undefined;
  try {
    return { value: reader(data) as z.output<S> };
  } catch (error) {
    if (error === INVALID || error === UNSURE) return undefined;
    throw error;
  }
}

/** What the reader needs of zod's internals (`_zod`), typed loosely: they are not zod's public API. */
interface Internals {
  def: Record<string, unknown> & { type: string; checks?: Check[] };
  traits: Set<string>;
  optin?: string;
  optout?: string;
  values?: Set<unknown>;
}
interface Check {
  _zod: { def: { check: string; when?: (payload: Payload) => boolean }; check: (payload: Payload) => unknown };
}
interface Payload {
  value: unknown;
  issues: unknown[];
}

const internals = (schema: unknown): Internals => (schema as { _zod: Internals })._zod;

/** Checks that only look: they never change the value (unlike trim, toLowerCase, overwrite). */
const LOOKING_CHECKS = new Set(['min_length', 'max_length', 'length_equals', 'string_format', 'greater_than', 'less_than', 'number_format', 'custom', 'meta', 'describe']);

function compile(schema: unknown): Reader {
  let reader = compiled.get(schema as object);
  if (!reader) compiled.set(schema as object, (reader = compileSchema(schema)));
  return reader;
}

function compileSchema(schema: unknown): Reader {
  const zod = internals(schema);
  const def = zod.def;
  if ((def as { coerce?: boolean }).coerce) throw new Unknown();
  const read = compileType(zod);
  // The schema's checks, after its type, as zod's runChecks runs them (a schema that is itself a
  // check, z.int(), first). On valid data every check runs and finds nothing.
  const checks: Check[] = [...(zod.traits.has('$ZodCheck') ? [schema as Check] : []), ...(def.checks ?? [])];
  if (checks.length === 0) return read;
  for (const check of checks) if (!LOOKING_CHECKS.has(check._zod.def.check)) throw new Unknown();
  return (value) => {
    const out = read(value);
    const payload: Payload = { value: out, issues: [] };
    for (const check of checks) {
      const when = check._zod.def.when;
      if (when && !when(payload)) continue;
      if (check._zod.check(payload) instanceof Promise || payload.value !== out) throw UNSURE;
      if (payload.issues.length > 0) throw INVALID;
    }
    return out;
  };
}

function compileType(zod: Internals): Reader {
  const def = zod.def as Internals['def'] & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : fail());
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? v : fail());
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : fail());
    case 'literal':
    case 'enum': {
      const values = zod.values;
      if (!values) throw new Unknown();
      return (v) => (values.has(v) ? v : fail());
    }
    case 'optional': {
      const inner = compile(def.innerType);
      if (internals(def.innerType).optin === 'defaulted') throw new Unknown();
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'nullable': {
      const inner = compile(def.innerType);
      return (v) => (v === null ? null : inner(v));
    }
    case 'array': {
      const element = compile(def.element);
      return (v) => {
        if (!Array.isArray(v)) return fail();
        const out = Array(v.length);
        for (let i = 0; i < v.length; i++) out[i] = element(v[i]);
        return out;
      };
    }
    case 'object':
      return compileObject(def);
    case 'pipe': {
      const first = compile(def.in);
      const then = compile(def.out);
      return (v) => then(first(v));
    }
    case 'transform': {
      const transform = def.transform as (value: unknown, payload: Payload) => unknown;
      return (v) => {
        const payload: Payload = { value: v, issues: [] };
        const out = transform(v, payload);
        if (out instanceof Promise) throw UNSURE;
        if (payload.issues.length > 0) throw INVALID;
        return out;
      };
    }
    case 'union': {
      const options = (def.options as unknown[]).map(compile);
      return (v) => {
        for (const option of options) {
          try {
            return option(v);
          } catch (error) {
            if (error !== INVALID) throw error;
          }
        }
        return fail();
      };
    }
    default:
      throw new Unknown();
  }
}

function compileObject(def: Record<string, any>): Reader { // eslint-disable-line @typescript-eslint/no-explicit-any
  const shape = def.shape as Record<string, unknown>;
  if (Object.getOwnPropertySymbols(shape).length > 0) throw new Unknown();
  // No catchall: unknown keys are dropped. z.strictObject's `never`: they are refused.
  const strict = def.catchall !== undefined;
  if (strict && internals(def.catchall).def.type !== 'never') throw new Unknown();
  const fields = Object.keys(shape)
    .filter((key) => key !== '__proto__')
    .map((key) => {
      const field = internals(shape[key]);
      return { key, read: compile(shape[key]), optin: field.optin, optout: field.optout };
    });
  const known = new Set(Object.keys(shape));
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail();
    const record = input as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const { key, read, optin, optout } of fields) {
      const present = key in record;
      // zod's handlePropertyResult, for a field without problems.
      if (!present && optout === 'optional' && optin === 'optional') continue;
      if (!present && optin === undefined) return fail();
      const value = read(record[key]);
      if (value === undefined) {
        if (present || (optin === 'defaulted' && optout !== 'optional')) out[key] = undefined;
      } else {
        out[key] = value;
      }
    }
    if (strict) for (const key in record) if (!known.has(key)) return fail();
    return out;
  };
}

function fail(): never {
  throw INVALID;
}
