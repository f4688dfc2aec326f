// What a YAML scalar means: the YAML 1.2 core schema, whatever a `%YAML` directive says. A
// plain `yes`, `on`, `0b101`, `1_000` or `2025-10-19` is text; `0o17` is 15, `0x1F` 31, `017`
// 17, `.inf` Infinity. An explicit core tag (`!!int`, `!!float`, …) must read its value by the
// same rules (`!!float 90` does not: 90 is an int); `!!str` keeps any value as text. These are
// the `yaml` package's core-schema rules, kept when the reader moved to js-yaml's event stream
// (test/text/yaml-reader-matrix.test.ts holds them).

const CORE = 'tag:yaml.org,2002:';
export const STR_TAG = `${CORE}str`;
export const SEQ_TAG = `${CORE}seq`;
export const MAP_TAG = `${CORE}map`;

type Resolver = { test: RegExp; resolve: (text: string) => unknown };

const NULL: Resolver = { test: /^(?:~|[Nn]ull|NULL)?$/, resolve: () => null };
const BOOL: Resolver = { test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, resolve: (s) => s[0] === 't' || s[0] === 'T' };
const INT_OCT: Resolver = { test: /^0o[0-7]+$/, resolve: (s) => parseInt(s.slice(2), 8) };
const INT: Resolver = { test: /^[-+]?[0-9]+$/, resolve: (s) => parseInt(s, 10) };
const INT_HEX: Resolver = { test: /^0x[0-9a-fA-F]+$/, resolve: (s) => parseInt(s.slice(2), 16) };
const FLOAT_NAN: Resolver = {
  test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  resolve: (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
};
const FLOAT_EXP: Resolver = { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, resolve: (s) => parseFloat(s) };
const FLOAT: Resolver = { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, resolve: (s) => parseFloat(s) };

/** In the order the schema tries them on a plain scalar. */
const IMPLICIT: readonly Resolver[] = [NULL, BOOL, INT_OCT, INT, INT_HEX, FLOAT_NAN, FLOAT_EXP, FLOAT];

/** The scalar tags an explicit tag may name, each with the forms it reads. */
const BY_TAG: Readonly<Record<string, readonly Resolver[]>> = {
  [`${CORE}null`]: [NULL],
  [`${CORE}bool`]: [BOOL],
  [`${CORE}int`]: [INT_OCT, INT, INT_HEX],
  [`${CORE}float`]: [FLOAT_NAN, FLOAT_EXP, FLOAT],
};

/** NULL's and BOOL's forms, looked up rather than matched: most plain text starts with a letter. */
const WORDS: ReadonlyMap<string, null | boolean> = new Map([
  ['~', null], ['null', null], ['Null', null], ['NULL', null],
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
]);
/** Only these first characters can start a number (`-`, `+`, `.`, a digit). */
const NUMBER_START = /^[-+.0-9]/;

/** The value of a plain (unquoted, untagged) scalar: IMPLICIT's rules, the cheap ones first. */
export function resolvePlain(text: string): unknown {
  if (text === '') return null;
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (!NUMBER_START.test(text)) return text;
  for (const r of IMPLICIT) if (r.test.test(text)) return r.resolve(text);
  return text;
}

export const NOT_READ: unique symbol = Symbol('not read');

/**
 * The value of a scalar under an explicit tag (its full name): NOT_READ when the tag is a core
 * one that does not read this text, undefined when the tag is not a scalar tag of the schema.
 */
export function resolveTagged(tagName: string, text: string): unknown {
  if (tagName === STR_TAG) return text;
  const forms = BY_TAG[tagName];
  if (!forms) return undefined;
  for (const r of forms) if (r.test.test(text)) return r.resolve(text);
  return NOT_READ;
}

const DEFAULT_HANDLES: Readonly<Record<string, string>> = { '!': '!', '!!': CORE };

/** The full name of a tag as written (`!!int`, `!<tag:…>`, `!e!foo` with a %TAG directive). */
export function fullTagName(written: string, handles: Readonly<Record<string, string>>): string {
  if (written.startsWith('!<')) return written.slice(2, -1);
  const handle = /^!(?:[0-9A-Za-z-]*!)?/.exec(written)![0];
  const prefix = handles[handle] ?? DEFAULT_HANDLES[handle] ?? handle;
  const suffix = written.slice(handle.length);
  try {
    return prefix + decodeURIComponent(suffix);
  } catch {
    return prefix + suffix;
  }
}
