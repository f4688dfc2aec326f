// The one way this tool reads YAML: inputs, Markdown inputs' and templates' front matter, and the
// evidence manifest (JSON is YAML). js-yaml's event stream, read with the YAML 1.2 core schema
// whatever a `%YAML` directive says, so `yes` is text and `0b101` is text everywhere; explicit
// tags other than the core ones are problems, never silently dropped (yaml-construct.ts). A read
// keeps the events and nothing more: lines, columns and the nodes behind `locate` are worked out
// only when a problem needs a position, so a clean read pays nothing for them.
import { parseEvents, YAMLException, type Event } from 'js-yaml';
import { construct, DOUBLE_QUOTED, eventOffset, MAPPING, PLAIN, SCALAR, scalarValue, SEQUENCE, type OffsetProblem } from './yaml-construct.js';
import { scanFlow } from './yaml-flow-lines.js';
import { buildNodes, type YamlNode } from './yaml-nodes.js';
import { inFlowCollection, syntaxProblem, unknownDirective, versionProblem } from './yaml-syntax-problems.js';

export type { YamlNode } from './yaml-nodes.js';

/** A field path into a document, e.g. `['selectors', 2, 'run']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** A problem found while reading, at a 1-based line and column of the whole file. */
export interface SourceProblem {
  line: number;
  col: number;
  message: string;
}

/** Collections nested deeper than this are refused (js-yaml's parser recurses per level). */
const MAX_DEPTH = 1000;
/** js-yaml's COLLECTION_STYLE.FLOW. */
const FLOW = 2;

/** A read document: its text, its events, and positions on demand. */
export class YamlSource {
  private lineStarts: number[] | undefined;
  private nodes: YamlNode | null | undefined;

  constructor(
    /** The text read (a Markdown file's front matter is padded so lines are the file's). */
    readonly yamlText: string,
    /** The text the events point into: yamlText, with control characters stood in for (printable.ts). */
    private readonly parsedText: string,
    private readonly events: readonly Event[],
    private readonly handles: Record<string, string>,
  ) {}

  /** 1-based line and column of an offset into the text. */
  positionAt(offset: number): { line: number; col: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.yamlText));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  /** The document's content as nodes with offsets (built on first use). */
  root(): YamlNode | null {
    if (this.nodes === undefined) this.nodes = buildNodes(this.parsedText, this.events, this.handles);
    return this.nodes;
  }

  /** Whether the document's content is a mapping: read from the events, no nodes built. */
  isMapping(): boolean {
    return this.events[1]?.type === MAPPING;
  }

  /** The offset of the first scalar (in document order) that `test` accepts, by its style and value (worked out only when asked). */
  findScalar(test: (style: 'plain' | 'double-quoted' | 'other', value: () => unknown) => boolean): number | undefined {
    for (const event of this.events) {
      if (event.type !== SCALAR) continue;
      const style = event.style === PLAIN ? 'plain' : event.style === DOUBLE_QUOTED ? 'double-quoted' : 'other';
      if (test(style, () => scalarValue(this.parsedText, event, this.handles))) return eventOffset(event);
    }
    return undefined;
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export type ParsedYaml = { ok: true; source: YamlSource; data: unknown } | { ok: false; problems: SourceProblem[] };

/** Parse YAML text; every problem comes back with its position. */
export function parseYaml(yamlText: string, what = 'the file'): ParsedYaml {
  const printable = standInForControls(yamlText);
  const text = printable?.text ?? yamlText;
  const problemsAt = (found: OffsetProblem[]): ParsedYaml => {
    const source = new YamlSource(yamlText, text, [], {});
    return { ok: false, problems: onePerLine(found.map((p) => ({ ...source.positionAt(Math.max(0, p.offset)), message: p.message }))) };
  };
  let events: Event[];
  let parsedText = text;
  try {
    events = parseEvents(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    const again = error instanceof YAMLException ? readRelaxedFlow(text, error) : undefined;
    if (again && 'events' in again) {
      ({ events, text: parsedText } = again);
    } else {
      const failed = again?.error ?? error;
      if (failed instanceof YAMLException) return problemsAt([syntaxProblem(yamlText, failed)]);
      if (failed instanceof RangeError) return problemsAt([{ offset: 0, message: 'YAML: collections are nested too deeply to read' }]);
      throw failed;
    }
  }
  const built = construct(parsedText, events);
  if (built.documents === 0) return problemsAt([{ offset: 0, message: `${what} is empty` }]);
  const problems = [...built.problems];
  const directives = events[0]?.type === 1 && events[0].explicitStart ? [versionProblem(yamlText), unknownDirective(yamlText)] : [];
  for (const p of directives) if (p) problems.push(p);
  if (built.secondDocument !== undefined) problems.push(secondDocumentProblem(yamlText, events, built.secondDocument));
  if (problems.length > 0) return problemsAt(problems);
  const data = printable ? printable.restore(built.data) : built.data;
  return { ok: true, source: new YamlSource(yamlText, parsedText, events, built.handles), data };
}

/**
 * A flow collection whose closing bracket is back at its key's column (yaml-flow-lines.ts): read
 * again with the bracket moved up. The events must show a flow collection at each place one was
 * assumed, else the first error stands; so does it when the second read fails at or before the
 * place of the first.
 */
function readRelaxedFlow(text: string, error: YAMLException): { events: Event[]; text: string } | { error: unknown } | undefined {
  if (error.reason !== 'deficient indentation' || !inFlowCollection(text, error.mark?.position ?? 0)) return undefined;
  const flat = scanFlow(text);
  let events: Event[];
  try {
    events = parseEvents(flat.text, { maxDepth: MAX_DEPTH });
  } catch (again) {
    const further = again instanceof YAMLException && (again.mark?.position ?? 0) > (error.mark?.position ?? 0);
    return further ? { error: again } : undefined;
  }
  const flowStarts = new Set<number>();
  for (const e of events) if ((e.type === SEQUENCE || e.type === MAPPING) && e.style === FLOW) flowStarts.add(e.start);
  return flat.starts.every((start) => flowStarts.has(start)) ? { events, text: flat.text } : undefined;
}

/** One syntax error usually sets off more on the same line; the first is the one to fix. */
function onePerLine(problems: SourceProblem[]): SourceProblem[] {
  const sorted = [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
  return sorted.filter((p, i) => i === 0 || sorted[i - 1]!.line !== p.line);
}

/**
 * A second document: at its `---` line, or at its first node when it starts after a `...`
 * with no `---` of its own.
 */
function secondDocumentProblem(text: string, events: readonly Event[], index: number): OffsetProblem {
  const document = events[index]!;
  const next = events[index + 1];
  // An empty second document (`---` and nothing) has no node with a place: look from the end.
  const empty = !next || next.type === 6 || (next.type === SCALAR && next.valueStart === -1 && next.tagStart === -1 && next.anchorStart === -1);
  let offset = empty ? text.length : eventOffset(next);
  if (document.type === 1 && document.explicitStart) {
    let marker = text.lastIndexOf('\n---', Math.max(0, offset - 1));
    while (marker !== -1 && !/^---(\s|$)/.test(text.slice(marker + 1, marker + 5))) marker = text.lastIndexOf('\n---', marker - 1);
    offset = marker === -1 ? 0 : marker + 1;
  }
  return { offset, message: 'YAML: a second YAML document starts here (---); a file holds one document' };
}

/**
 * js-yaml refuses control characters (an ESC of a pasted coloured log, a form feed) that the
 * `yaml` package kept as text; they stand in as private-use characters during the read and are
 * put back in the data, so such a file means what it meant.
 */
function standInForControls(text: string): { text: string; restore: (data: unknown) => unknown } | undefined {
  const CONTROLS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]/g;
  if (!CONTROLS.test(text)) return undefined;
  const toStandIn = new Map<string, string>();
  const back = new Map<string, string>();
  let next = 0xe000;
  const replaced = text.replace(CONTROLS, (c) => {
    let s = toStandIn.get(c);
    if (s === undefined) {
      while (text.includes(String.fromCharCode(next))) next++;
      s = String.fromCharCode(next++);
      toStandIn.set(c, s);
      back.set(s, c);
    }
    return s;
  });
  const pattern = new RegExp(`[${[...back.keys()].join('')}]`, 'g');
  const restoreText = (s: string): string => s.replace(pattern, (c) => back.get(c)!);
  const restore = (value: unknown): unknown => {
    if (typeof value === 'string') return restoreText(value);
    if (Array.isArray(value)) return value.map(restore);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) Object.defineProperty(out, restoreText(k), { value: restore(v), writable: true, enumerable: true, configurable: true });
      return out;
    }
    return value;
  };
  return { text: replaced, restore };
}

/** Whether the document's top level is a mapping; else a problem at its start. */
export function checkTopMapping(source: YamlSource, what: string): SourceProblem | undefined {
  if (source.isMapping()) return undefined;
  const root = source.root();
  const { line, col } = source.positionAt(Math.max(0, root?.start ?? 0));
  return { line, col, message: `the top level must be a mapping of fields (${what})` };
}

export interface Located {
  node: YamlNode | null;
  key?: YamlNode;
}

/** Walk the document along a field path; stops at the deepest node that exists. */
export function walkPath(source: YamlSource, path: FieldPath): Located[] {
  const root = source.root();
  const trail: Located[] = [{ node: root }];
  let node = root?.kind === 'alias' ? root.target : root;
  for (const segment of path) {
    if (node?.kind === 'mapping') {
      const pair = node.pairs.find((p) => p.key.kind === 'scalar' && String(p.key.value) === String(segment));
      if (!pair) break;
      trail.push({ node: pair.value, key: pair.key });
      node = pair.value;
    } else if (node?.kind === 'sequence' && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment]!;
      trail.push({ node });
    } else {
      break;
    }
    if (node.kind === 'alias') node = node.target;
  }
  return trail;
}

/** Position of a field's value (or of its key with `at: 'key'`); nearest existing ancestor otherwise. */
export function locate(source: YamlSource, path: FieldPath, at: 'value' | 'key' = 'value'): { line: number; col: number } {
  const trail = walkPath(source, path);
  const last = trail[trail.length - 1]!;
  const complete = trail.length === path.length + 1;
  const keyNode = last.key?.kind === 'scalar' ? last.key : undefined;
  const value = last.node;
  // `key:` with nothing after it has an empty value with no place of its own: point at the key.
  const emptyValue = !value || (value.kind === 'scalar' && value.empty && value.value === null);
  const node = (complete && at === 'key') || emptyValue ? (keyNode ?? value) : value;
  return source.positionAt(Math.max(0, node?.start ?? 0));
}

/** The source text of a scalar at a path (`4.10` as written, not the number 4.1), if there is one. */
export function scalarSourceAt(source: YamlSource, path: FieldPath): string | undefined {
  const trail = walkPath(source, path);
  if (trail.length !== path.length + 1) return undefined;
  const node = trail[trail.length - 1]!.node;
  if (node?.kind !== 'scalar') return undefined;
  return node.empty ? '' : source.yamlText.slice(node.start, node.end).trim();
}
