// zod's issues, rewritten as messages a person editing YAML can act on: "expected a list, got a
// mapping", "unknown key "titel"; did you mean "title"?", "required, but missing".
import * as z from './zod.js';
import { closestName } from '../text/edit-distance.js';
import type { FieldPath } from '../text/yaml-document.js';

/** A problem located by field path; load-input.ts turns it into file:line:col. */
export interface Finding {
  path: FieldPath;
  message: string;
  /** Point at the key rather than the value (unknown keys). */
  at?: 'key';
}

export interface DescribeOptions {
  /** The schema the issues came from, to list the keys allowed where an unknown one was found. */
  schema: z.core.$ZodType;
  /** The raw data, to tell a missing field from a wrong one. */
  data: unknown;
  /** A better message for an unknown key, e.g. the flow-mapping comma trap. */
  explainUnknownKey?: (objectPath: FieldPath, key: string) => string | undefined;
  /** A scalar as written in the file (`4.10`, not the number 4.1), for "quote it" hints. */
  sourceAt?: (path: FieldPath) => string | undefined;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[], options: DescribeOptions): Finding[] {
  const findings: Finding[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(options.schema, path);
      for (const key of issue.keys) {
        const explained = options.explainUnknownKey?.(path, key);
        findings.push({ path: [...path, key], at: 'key', message: explained ?? unknownKeyMessage(key, allowed) });
      }
      continue;
    }
    const value = valueAt(options.data, path);
    if (value === undefined && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
      findings.push({ path, message: `required, but missing; add ${String(path[path.length - 1])}:` });
    } else if (issue.code === 'invalid_type') {
      const shape = issue.expected === 'object' ? keysAt(options.schema, path) : [];
      findings.push({ path, message: wrongTypeMessage(issue.expected, value, isOptionalAt(options.schema, path), options.sourceAt?.(path), shape) });
    } else if (issue.code === 'invalid_value' && issue.values.length > 1) {
      const choices = issue.values.map((v) => String(v)).join(', ');
      findings.push({ path, message: `${JSON.stringify(value)} is not allowed here; use one of: ${choices}` });
    } else if (issue.code === 'invalid_union' && typeof value !== 'string' && typeof value !== 'number') {
      findings.push({ path, message: `${issue.message}; got ${describeValue(value)}` });
    } else {
      findings.push({ path, message: issue.message });
    }
  }
  return findings;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

function wrongTypeMessage(expected: string, value: unknown, optional: boolean, written: string | undefined, keys: string[]): string {
  const want = keys.length > 0 ? `{${keys.join(', ')}}` : (TYPE_NAMES[expected] ?? expected);
  if (value === null) return `is empty; give ${want}${optional ? ' or remove the key' : ' (it is required)'}`;
  let hint = '';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    // The text as written: `4.10` is the number 4.1 to YAML, but the user meant "4.10".
    hint = `; quote it (${JSON.stringify(written ?? String(value))}) so YAML keeps it as text`;
  } else if (expected === 'array' && isPlainObject(value)) {
    hint = '; write each item on its own "- " line, or [a, b]';
  } else if (expected === 'array' && typeof value === 'string') {
    hint = `; write [${value}] for a list of one`;
  } else if (expected === 'boolean' && typeof value === 'string') {
    hint = '; write true or false without quotes';
  }
  return `expected ${want}, got ${describeValue(value)}${hint}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a mapping';
  if (typeof value === 'string') return `text "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  const close = suggestKey(key, allowed);
  if (close) return `unknown key "${key}"; did you mean "${close}"?`;
  if (key === '<<') return 'YAML merge keys (<<) are not supported; write the fields out';
  return allowed.length > 0 ? `unknown key "${key}"; allowed here: ${allowed.join(', ')}` : `unknown key "${key}"`;
}

/** The allowed key closest to a mistyped one, if it is close enough to be a typo. */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const same = allowed.find((a) => squash(a) === squash(key));
  if (same) return same;
  return closestName(key, allowed, { maxDistance: Math.max(1, Math.floor(Math.max(key.length, 3) / 3)) });
}

type Schema = z.core.$ZodType;

/** The schema of the field a path leads to, through objects, lists and optionals. */
function schemaAt(schema: Schema, path: FieldPath): Schema | undefined {
  let s: Schema | undefined = unwrap(schema);
  for (const segment of path) {
    if (s instanceof z.$ZodObject && typeof segment === 'string') s = unwrap(s._zod.def.shape[segment]);
    else if (s instanceof z.$ZodArray && typeof segment === 'number') s = unwrap(s._zod.def.element);
    else return undefined;
  }
  return s;
}

/** Keys allowed in the mapping a path leads to. */
function keysAt(schema: Schema, path: FieldPath): string[] {
  const s = schemaAt(schema, path);
  return s instanceof z.$ZodObject ? Object.keys(s._zod.def.shape) : [];
}

/** Whether the field at the end of a path may be left out. */
function isOptionalAt(schema: Schema, path: FieldPath): boolean {
  const key = path[path.length - 1];
  const parent = schemaAt(schema, path.slice(0, -1));
  const field = typeof key === 'string' && parent instanceof z.$ZodObject ? (parent._zod.def.shape[key] as Schema | undefined) : undefined;
  return field?._zod.optin === 'optional';
}

/** The schema that checks the input: through optionals, defaults and transforms (pipes). */
function unwrap(s: Schema | undefined): Schema | undefined {
  let current = s;
  for (;;) {
    if (current instanceof z.$ZodOptional || current instanceof z.$ZodNullable || current instanceof z.$ZodDefault) current = current._zod.def.innerType;
    else if (current instanceof z.$ZodPipe) current = current._zod.def.in;
    else return current;
  }
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let v: unknown = data;
  for (const segment of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[segment];
  }
  return v;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
