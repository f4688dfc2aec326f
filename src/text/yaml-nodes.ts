// The document as nodes with offsets, built from the event stream only when a problem needs a
// position: a read that finds nothing wrong never builds it. Offsets are where the `yaml`
// package put a node's start, so messages point where they always did: a quoted scalar at its
// quote, a block scalar at its `|` or `>`, a block mapping at its first key, a block sequence
// at its first `-`, a flow collection at its bracket, an alias at its `*`.
import type { Event, ScalarEvent } from 'js-yaml';
import { ALIAS, DOCUMENT, DOUBLE_QUOTED, MAPPING, PLAIN, POP, SCALAR, scalarValue, SEQUENCE, SINGLE_QUOTED } from './yaml-construct.js';

export type YamlNode = ScalarNode | MappingNode | SequenceNode | AliasNode;

export interface ScalarNode {
  kind: 'scalar';
  /** Nothing written (`key:` with nothing after it, or only a tag). */
  empty: boolean;
  /** -1: an empty mapping value, which has no place of its own (its key stands for it). */
  start: number;
  end: number;
  value: unknown;
  style: 'plain' | 'quoted' | 'block';
}
export interface MappingNode {
  kind: 'mapping';
  start: number;
  flow: boolean;
  pairs: Array<{ key: YamlNode; value: YamlNode }>;
}
export interface SequenceNode {
  kind: 'sequence';
  start: number;
  flow: boolean;
  items: YamlNode[];
}
export interface AliasNode {
  kind: 'alias';
  start: number;
  /** The node the alias names; undefined when none does (the read refused it already). */
  target: YamlNode | undefined;
}

const FLOW = 2;
const NO_RANGE = -1;

/** The first document's content as nodes; null when it has none. */
export function buildNodes(text: string, events: readonly Event[], handles: Record<string, string>): YamlNode | null {
  const anchors = new Map<string, YamlNode>();
  const open: Array<MappingNode | SequenceNode | { kind: 'document'; content: YamlNode | null }> = [];
  let pendingKey: YamlNode | null = null;
  let content: YamlNode | null = null;
  const place = (node: YamlNode): void => {
    const parent = open[open.length - 1];
    if (!parent) return;
    if (parent.kind === 'document') parent.content = node;
    else if (parent.kind === 'sequence') parent.items.push(node);
    else if (pendingKey === null) pendingKey = node;
    else {
      parent.pairs.push({ key: pendingKey, value: node });
      pendingKey = null;
    }
  };
  const keys: Array<YamlNode | null> = [];
  for (const event of events) {
    if (event.type === DOCUMENT) {
      if (content !== null || open.length > 0) break;
      open.push({ kind: 'document', content: null });
    } else if (event.type === SCALAR) {
      const node = scalarNode(text, event, handles);
      const parent = open[open.length - 1];
      // An empty item of a block sequence is placed just after its `-`.
      if (node.start === NO_RANGE && parent?.kind === 'sequence' && !parent.flow) node.start = dashOf(text, parent) + 1;
      if (event.anchorStart !== NO_RANGE) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
      place(node);
    } else if (event.type === ALIAS) {
      place({ kind: 'alias', start: event.anchorStart - 1, target: anchors.get(text.slice(event.anchorStart, event.anchorEnd)) });
    } else if (event.type === SEQUENCE || event.type === MAPPING) {
      const node: MappingNode | SequenceNode =
        event.type === MAPPING ? { kind: 'mapping', start: event.start, flow: event.style === FLOW, pairs: [] } : { kind: 'sequence', start: event.start, flow: event.style === FLOW, items: [] };
      if (event.anchorStart !== NO_RANGE) anchors.set(text.slice(event.anchorStart, event.anchorEnd), node);
      // A collection that is a key holds keys of its own: keep the outer one waiting.
      keys.push(pendingKey);
      pendingKey = null;
      open.push(node);
    } else if (event.type === POP) {
      const node = open.pop()!;
      if (node.kind === 'document') {
        content = node.content;
        break;
      }
      pendingKey = keys.pop() ?? null;
      place(node);
    }
  }
  return content;
}

function scalarNode(text: string, event: ScalarEvent, handles: Record<string, string>): ScalarNode {
  const value = scalarValue(text, event, handles);
  if (event.valueStart === NO_RANGE) {
    // Only a tag or an anchor: the empty value is placed just after it.
    const start = Math.max(event.tagEnd, event.anchorEnd);
    return { kind: 'scalar', empty: true, start, end: start, value, style: 'plain' };
  }
  if (event.style === SINGLE_QUOTED || event.style === DOUBLE_QUOTED) {
    return { kind: 'scalar', empty: false, start: event.valueStart - 1, end: event.valueEnd + 1, value, style: 'quoted' };
  }
  if (event.style === PLAIN) return { kind: 'scalar', empty: false, start: event.valueStart, end: event.valueEnd, value, style: 'plain' };
  return { kind: 'scalar', empty: false, start: blockHeaderOffset(text, event), end: event.valueEnd, value, style: 'block' };
}

/** The `-` of the next item of a block sequence: the first, or the next line with a `-` at its column. */
function dashOf(text: string, seq: SequenceNode): number {
  const last = seq.items.at(-1);
  if (!last) return seq.start;
  const col = seq.start - (text.lastIndexOf('\n', seq.start - 1) + 1);
  for (let eol = text.indexOf('\n', Math.max(0, last.start)); eol !== -1; eol = text.indexOf('\n', eol + 1)) {
    const at = eol + 1 + col;
    if (text[at] === '-' && /^ *$/.test(text.slice(eol + 1, at)) && /[\s]|^$/.test(text[at + 1] ?? '')) return at;
  }
  return seq.start;
}

/** Where a block scalar's `|` or `>` is: the end of the last line above its content that is not blank. */
function blockHeaderOffset(text: string, event: ScalarEvent): number {
  let lineEnd = text.lastIndexOf('\n', event.valueStart - 1);
  while (lineEnd > 0) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd).replace(/(^|\s)#.*$/, '');
    if (line.trim() !== '') {
      const at = /[|>][1-9+-]{0,2}\s*$/.exec(line);
      return at ? lineStart + at.index : event.valueStart;
    }
    lineEnd = lineStart - 1;
  }
  return event.valueStart;
}
