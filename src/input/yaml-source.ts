// Turns the bytes of an input file into a parsed YAML document that still knows where every
// node came from. A Markdown input's front matter is parsed from the newline that ends its
// opening `---` line, so its line numbers are the whole file's without any offset arithmetic.
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { FieldPath } from './model.js';
import { splitFrontMatter } from '../text/front-matter.js';
import { yaml } from './yaml-lib.js';

/** A problem found before validation, at a 1-based line and column of the whole file. */
export interface SourceProblem {
  line: number;
  col: number;
  message: string;
}

export interface YamlSource {
  /** Text the YAML was parsed from: the whole file, or the front matter padded to its lines. */
  yamlText: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type ParsedSource = { ok: true; source: YamlSource; data: unknown } | { ok: false; problems: SourceProblem[] };

/** Aliases expanded before a document counts as an alias bomb (yaml's own default). */
const MAX_ALIAS_COUNT = 100;

const YAML_ERROR_HELP: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed as indentation in YAML; indent with spaces',
  MULTIPLE_DOCS: 'a second YAML document starts here (---); an input is one document',
  DUPLICATE_KEY: 'this key appears twice in the same mapping; keep one',
};

/** Decode UTF-8, refusing binary files; the position is that of the first offending byte. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problems: SourceProblem[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problems: [{ line: 1, col: 1, message: 'the file is UTF-16 text; save the input as UTF-8' }] };
  }
  let bad = bytes.indexOf(0);
  let why = 'contains a NUL byte: this is a binary file, not YAML or Markdown text';
  if (bad === -1) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
    } catch {
      bad = firstInvalidUtf8(bytes);
      why = 'is not valid UTF-8 text (a binary file?); save the input as UTF-8';
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const lines = before.split('\n');
  return { ok: false, problems: [{ line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1, message: `the file ${why}` }] };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection: a cut inside a character only shortens it a little.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Split a Markdown input into front matter (as YAML text padded to the file's lines) and body. */
export function splitMarkdownInput(text: string): { ok: true; yamlText: string; notes?: string } | { ok: false; problems: SourceProblem[] } {
  const split = splitFrontMatter(text);
  if (split.kind === 'none') {
    return {
      ok: false,
      problems: [{ line: 1, col: 1, message: 'a Markdown input must start with YAML front matter: a --- line, the fields, then another --- line' }],
    };
  }
  if (split.language !== '' && split.language !== 'yaml') {
    return { ok: false, problems: [{ line: 1, col: 4, message: `front matter must be YAML, not "${split.language}"` }] };
  }
  if (split.kind === 'unclosed') {
    return {
      ok: false,
      problems: [{ line: 1, col: 1, message: 'the front matter is never closed: add a --- line after the YAML fields' }],
    };
  }
  // Padded with the opening line, so YAML line numbers are the whole file's.
  const yamlText = '\n'.repeat(split.yamlLineOffset) + split.yaml;
  const body = split.body.replace(/^\s*\n/, '').trimEnd();
  return { ok: true, yamlText, ...(body ? { notes: `${body}\n` } : {}) };
}

/** Parse YAML text; errors and warnings come back as problems with whole-file positions. */
export function parseYaml(yamlText: string): ParsedSource {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lineCounter.linePos(offset);
  const problems: SourceProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = at(e.pos[0]);
    // One syntax error usually sets off more on the same line; the first is the one to fix.
    if (problems.some((p) => p.line === pos.line)) continue;
    problems.push({ ...pos, message: `YAML: ${YAML_ERROR_HELP[e.code] ?? firstLine(e.message)}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (doc.contents === null) {
    return {
      ok: false,
      problems: [{ line: 1, col: 1, message: 'the input is empty; it needs at least `version: 1` and a `brief:` mapping' }],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAliasOffset(doc);
    return {
      ok: false,
      problems: [
        {
          ...at(alias),
          message: `YAML: aliases (*name) would expand more than ${MAX_ALIAS_COUNT} times; this looks like an alias bomb and is refused. Write the values out instead`,
        },
      ],
    };
  }
  if (!yaml().isMap(doc.contents)) {
    const { line, col } = at(doc.contents.range[0]);
    return { ok: false, problems: [{ line, col, message: 'the top level must be a mapping of fields (version: 1, brief: …)' }] };
  }
  return { ok: true, source: { yamlText, doc, lineCounter }, data };
}

function firstLine(message: string): string {
  if (message.includes('Maximum call stack')) return 'collections are nested too deeply to read';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  yaml().visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return yaml().visit.BREAK;
    },
  });
  return offset;
}

interface Located {
  node: Node | null;
  pair?: Pair;
}

/** Walk the document along a field path; stops at the deepest node that exists. */
function walk(source: YamlSource, path: FieldPath): Located[] {
  const trail: Located[] = [{ node: source.doc.contents as Node }];
  let node: unknown = source.doc.contents;
  for (const segment of path) {
    if (yaml().isMap(node)) {
      const pair = node.items.find((p) => yaml().isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      node = pair.value;
      trail.push({ node: (pair.value as Node | null) ?? null, pair: pair as Pair });
    } else if (yaml().isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      trail.push({ node: node as Node });
    } else {
      break;
    }
    if (yaml().isAlias(node)) node = node.resolve(source.doc);
  }
  return trail;
}

/** Position of a field's value (or of its key with `at: 'key'`); nearest existing ancestor otherwise. */
export function locate(source: YamlSource, path: FieldPath, at: 'value' | 'key' = 'value'): { line: number; col: number } {
  const trail = walk(source, path);
  const last = trail[trail.length - 1]!;
  const complete = trail.length === path.length + 1;
  const keyNode = last.pair && yaml().isScalar(last.pair.key) ? last.pair.key : undefined;
  const value = last.node;
  // `key:` with nothing after it has an empty value placed at the next line: point at the key.
  const emptyValue = !value || (yaml().isScalar(value) && value.value === null && value.source === '');
  const node = (complete && at === 'key') || emptyValue ? (keyNode ?? value) : value;
  const offset = node?.range?.[0] ?? 0;
  return source.lineCounter.linePos(offset);
}

/**
 * In a flow mapping `{topic: x, action: a, b c, status: open}` the comma ends `action`'s value
 * and `b c` becomes a key with no value. Explain that instead of just "unknown key".
 */
export function explainFlowCommaTrap(source: YamlSource, mapPath: FieldPath, key: string): string | undefined {
  const trail = walk(source, mapPath);
  const map = trail.length === mapPath.length + 1 ? trail.at(-1)?.node : undefined;
  if (!yaml().isMap(map) || !map.flow) return undefined;
  const index = map.items.findIndex((p) => yaml().isScalar(p.key) && String(p.key.value) === key);
  const pair = map.items[index];
  const previous = map.items[index - 1];
  if (!pair || !previous || pair.value !== null || !yaml().isPair(previous)) return undefined;
  const prevKey = previous.key as Node | null;
  const prevValue = previous.value as Node | null;
  const keyNode = pair.key as Node | null;
  if (!prevKey || !prevValue?.range || !keyNode?.range) return undefined;
  const joined = source.yamlText.slice(prevValue.range[0], keyNode.range[1]);
  const name = source.yamlText.slice(prevKey.range![0], prevKey.range![1]);
  return (
    `"${key}" became a key of its own: in a flow mapping {…} a comma splits the value, so ` +
    `${name}'s value stopped at the comma. Quote the value: ${name}: "${joined.replace(/"/g, '\\"')}"`
  );
}
