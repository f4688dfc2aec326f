// From js-yaml's event stream to plain data, with this tool's meanings: core-schema scalars
// (yaml-core-schema.ts), keys as text (a null key is "", a number its digits), a key written twice
// in one mapping refused, tags outside the core schema refused, aliases shared (never copied)
// and refused when they would expand into an alias bomb. Positions are offsets into the text,
// turned into lines and columns only for a problem (yaml-document.ts).
import { getScalarValue, type DocumentEvent, type Event, type ScalarEvent } from 'js-yaml';
import { fullTagName, MAP_TAG, NOT_READ, resolvePlain, resolveTagged, SEQ_TAG } from './yaml-core-schema.js';

// js-yaml's EVENT_ID and SCALAR_STYLE values, as constants so the hot loop compares numbers.
export const DOCUMENT = 1;
export const SEQUENCE = 2;
export const MAPPING = 3;
export const SCALAR = 4;
export const ALIAS = 5;
export const POP = 6;
export const PLAIN = 1;
export const SINGLE_QUOTED = 2;
export const DOUBLE_QUOTED = 3;
const NO_RANGE = -1;
const FLOW = 2;

/** Aliases expanded before a document counts as an alias bomb (the `yaml` package's rule and default). */
export const MAX_ALIAS_COUNT = 100;

/** A problem at an offset of the text (`at` finds the node's own start when it needs the text). */
export interface OffsetProblem {
  offset: number;
  message: string;
}

export type Constructed =
  | { documents: 0 }
  | { documents: 1 | 2; data: unknown; problems: OffsetProblem[]; handles: Record<string, string>; secondDocument?: number };

/** The core tags as written: a value they cannot read is not an unknown tag. */
const CORE_TAGS = new Set(['!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq']);

export function tagProblem(written: string): string {
  return CORE_TAGS.has(written)
    ? `YAML: the value does not read as ${written}; write the value without a tag (quote it to keep it as text)`
    : `YAML: the tag ${written} is not supported; write the value without a tag (quote it to keep it as text)`;
}

interface Anchor {
  value: unknown;
  /** False while the anchored collection is still open: an alias to it would make it contain itself. */
  final: boolean;
  /** Index of the anchored node's event and of the event after it (its POP's successor). */
  from: number;
  to: number;
  /** The `yaml` package's alias-bomb accounting: 1 + times aliased, and the expansion of one alias. */
  count: number;
  aliasCount: number;
}

interface Frame {
  kind: typeof DOCUMENT | typeof SEQUENCE | typeof MAPPING;
  flow: boolean;
  value: unknown;
  anchor: Anchor | null;
  key: string;
  hasKey: boolean;
  /** The key as a scalar value (for duplicates), or ODD_KEY for an alias or collection key. */
  keyValue: unknown;
  /** Every key by its text, once a key that is not a plain string appears (rare). */
  keys: Map<string, unknown[]> | null;
}

const ODD_KEY = Symbol('alias or collection key');

/** The first offset of an event's node: its tag or anchor if it has one, else its value. */
export function eventOffset(event: Event): number {
  if ('tagStart' in event && event.tagStart !== NO_RANGE) return event.tagStart;
  if (event.type === ALIAS) return event.anchorStart - 1;
  if ('anchorStart' in event && event.anchorStart !== NO_RANGE) return event.anchorStart - 1;
  if (event.type === SCALAR) return event.valueStart === NO_RANGE ? 0 : event.valueStart - (event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED ? 1 : 0);
  return 'start' in event ? event.start : 0;
}

/** A scalar's value; `onTag` hears of a tag that does not apply (the value is then the text). */
export function scalarValue(text: string, event: ScalarEvent, handles: Record<string, string>, onTag?: (written: string) => void): unknown {
  const source = getScalarValue(text, event);
  if (event.tagStart === NO_RANGE) return event.style === PLAIN ? resolvePlain(source) : source;
  const written = text.slice(event.tagStart, event.tagEnd);
  if (written === '!') return source;
  const value = resolveTagged(fullTagName(written, handles), source);
  if (value === undefined || value === NOT_READ) {
    onTag?.(written);
    return source;
  }
  return value;
}

/** A collection key as text, the way the `yaml` package wrote it: `[ a, b ]`, `{ k: v }`. */
function flowText(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map(flowText).join(', ')} ]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${k}: ${flowText(v)}`).join(', ')} }`;
  }
  return keyText(value);
}

function keyText(value: unknown): string {
  if (value === null) return '';
  return typeof value === 'object' ? flowText(value) : String(value);
}

/** Build the data of the first document; stop at a second one (a file holds one). */
export function construct(text: string, events: readonly Event[]): Constructed {
  const problems: OffsetProblem[] = [];
  const frames: Frame[] = [];
  let anchors = new Map<string, Anchor>();
  let aliasTargets: Map<number, Anchor> | null = null;
  let firstAlias = -1;
  let handles: Record<string, string> = {};
  let documents = 0;
  let data: unknown = null;

  const add = (value: unknown, keyValue: unknown, index: number): void => {
    const frame = frames[frames.length - 1]!;
    if (frame.kind === SEQUENCE) (frame.value as unknown[]).push(value);
    else if (frame.kind === DOCUMENT) frame.value = value;
    else if (!frame.hasKey) {
      frame.key = typeof value === 'string' ? value : keyText(value);
      frame.keyValue = keyValue;
      frame.hasKey = true;
      if (isDuplicate(frame)) problems.push({ offset: eventOffset(events[index]!), message: 'YAML: this key appears twice in the same mapping; keep one' });
      const long = frame.flow ? undefined : overlongKey(text, events[index]!);
      if (long !== undefined) problems.push({ offset: long, message: 'YAML: The : indicator must be at most 1024 chars after the start of an implicit block mapping key' });
    } else {
      const map = frame.value as Record<string, unknown>;
      if (frame.key === '__proto__') Object.defineProperty(map, '__proto__', { value, writable: true, enumerable: true, configurable: true });
      else map[frame.key] = value;
      frame.hasKey = false;
    }
  };

  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    switch (event.type) {
      case DOCUMENT:
        if (++documents === 2) return { documents: 2, data, problems, handles, secondDocument: i };
        handles = documentHandles(event);
        anchors = new Map();
        frames.push({ kind: DOCUMENT, flow: false, value: null, anchor: null, key: '', hasKey: false, keyValue: undefined, keys: null });
        break;
      case SCALAR: {
        const value = scalarValue(text, event, handles, (written) => problems.push({ offset: event.tagStart, message: tagProblem(written) }));
        if (event.anchorStart !== NO_RANGE) {
          anchors.set(text.slice(event.anchorStart, event.anchorEnd), { value, final: true, from: i, to: i + 1, count: 1, aliasCount: 0 });
        }
        add(value, value, i);
        break;
      }
      case SEQUENCE:
      case MAPPING: {
        if (event.tagStart !== NO_RANGE) {
          const written = text.slice(event.tagStart, event.tagEnd);
          if (written !== '!' && fullTagName(written, handles) !== (event.type === SEQUENCE ? SEQ_TAG : MAP_TAG)) {
            problems.push({ offset: event.tagStart, message: tagProblem(written) });
          }
        }
        const value = event.type === SEQUENCE ? [] : {};
        let anchor: Anchor | null = null;
        if (event.anchorStart !== NO_RANGE) {
          anchor = { value, final: false, from: i, to: -1, count: 1, aliasCount: 0 };
          anchors.set(text.slice(event.anchorStart, event.anchorEnd), anchor);
        }
        frames.push({ kind: event.type, flow: event.style === FLOW, value, anchor, key: '', hasKey: false, keyValue: undefined, keys: null });
        break;
      }
      case ALIAS: {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        const anchor = anchors.get(name);
        if (firstAlias === -1) firstAlias = event.anchorStart - 1;
        if (!anchor) {
          problems.push({ offset: event.anchorStart - 1, message: `YAML: the alias *${name} names no anchor before it; write &${name} on the value first, or write the value out` });
          return { documents: 1, data, problems, handles };
        }
        if (!anchor.final) {
          problems.push({ offset: event.anchorStart - 1, message: `YAML: the alias *${name} is inside the value it names, so that value would contain itself; write the values out instead` });
          return { documents: 1, data, problems, handles };
        }
        (aliasTargets ??= new Map()).set(i, anchor);
        anchor.count += 1;
        if (anchor.aliasCount === 0) anchor.aliasCount = aliasCount(events, anchor, aliasTargets);
        if (anchor.count * anchor.aliasCount > MAX_ALIAS_COUNT) {
          problems.push({
            offset: firstAlias,
            message: `YAML: aliases (*name) would expand more than ${MAX_ALIAS_COUNT} times; this looks like an alias bomb and is refused. Write the values out instead`,
          });
          return { documents: 1, data, problems, handles };
        }
        add(anchor.value, ODD_KEY, i);
        break;
      }
      case POP: {
        const frame = frames.pop()!;
        if (frame.kind === DOCUMENT) {
          data = frame.value;
          break;
        }
        if (frame.anchor) {
          frame.anchor.final = true;
          frame.anchor.to = i + 1;
        }
        add(frame.value, ODD_KEY, i);
        break;
      }
    }
  }
  return documents === 0 ? { documents: 0 } : { documents: 1, data, problems, handles };
}

/** YAML limits an implicit key to 1024 characters up to its `:`; the key's offset when it is longer. */
function overlongKey(text: string, event: Event): number | undefined {
  if (event.type !== SCALAR || event.valueEnd - event.valueStart < 1000) return undefined;
  const start = eventOffset(event);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/\?\s*$/.test(text.slice(lineStart, start))) return undefined; // an explicit `? key`
  return text.indexOf(':', event.valueEnd) - start > 1024 ? start : undefined;
}

function documentHandles(event: DocumentEvent): Record<string, string> {
  const handles: Record<string, string> = {};
  for (const d of event.directives) if (d.kind === 'tag') handles[d.handle] = d.prefix;
  return handles;
}

/**
 * Whether the key just read repeats one of its mapping: two scalar keys of equal value (`1` and
 * `"1"` differ, `null` and `~` do not; the later one wins in the data as it did before). Most
 * mappings have only text keys: for them, a key already in the object is the whole test.
 */
function isDuplicate(frame: Frame): boolean {
  const map = frame.value as Record<string, unknown>;
  const { key, keyValue } = frame;
  if (frame.keys === null) {
    if (typeof keyValue === 'string') return Object.hasOwn(map, key);
    frame.keys = new Map(Object.keys(map).map((k) => [k, [k]]));
  }
  const seen = frame.keys.get(key);
  const duplicate = keyValue !== ODD_KEY && seen !== undefined && seen.some((v) => v === keyValue);
  if (seen) seen.push(keyValue);
  else frame.keys.set(key, [keyValue]);
  return duplicate;
}

/**
 * The `yaml` package's measure of what one alias to an anchored node expands to: 1 for a node
 * with a scalar in it, else the largest expansion of the aliases inside it, as they stand now.
 */
function aliasCount(events: readonly Event[], anchor: Anchor, targets: Map<number, Anchor>): number {
  let count = 0;
  for (let j = anchor.from; j < anchor.to; j++) {
    const event = events[j]!;
    if (event.type === SCALAR) count = Math.max(count, 1);
    else if (event.type === ALIAS) {
      const target = targets.get(j);
      if (target) count = Math.max(count, target.count * target.aliasCount);
    }
  }
  return count;
}
