// The one way this tool reads YAML: inputs, Markdown inputs' and templates' front matter, and the
// evidence manifest (JSON is YAML). The `yaml` package with the YAML 1.2 core schema, whatever a
// `%YAML` directive says, so `yes` is text and `0b101` is text everywhere; explicit tags other
// than the core ones (!!str, !!int, !!float on a float, …) are problems, never silently dropped.
// Every node keeps its position, so each problem is reported at its file, line and column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';

/** A field path into a document, e.g. `['selectors', 2, 'run']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** A problem found while reading, at a 1-based line and column of the whole file. */
export interface SourceProblem {
  line: number;
  col: number;
  message: string;
}

export interface YamlSource {
  /** The text parsed (a Markdown file's front matter is padded so lines are the file's). */
  yamlText: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export type ParsedYaml = { ok: true; source: YamlSource; data: unknown } | { ok: false; problems: SourceProblem[] };

/** Aliases expanded before a document counts as an alias bomb (yaml's own default). */
const MAX_ALIAS_COUNT = 100;

const YAML_ERROR_HELP: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed as indentation in YAML; indent with spaces',
  MULTIPLE_DOCS: 'a second YAML document starts here (---); a file holds one document',
  DUPLICATE_KEY: 'this key appears twice in the same mapping; keep one',
};

/** The core schema's own tags: a value they cannot read (`!!float 90`) is not an unknown tag. */
const CORE_TAGS = new Set(['!!str', '!!int', '!!float', '!!bool', '!!null', '!!map', '!!seq']);

function tagProblem(tag: string): string {
  return CORE_TAGS.has(tag)
    ? `the value does not read as ${tag}; write the value without a tag (quote it to keep it as text)`
    : `the tag ${tag} is not supported; write the value without a tag (quote it to keep it as text)`;
}

/** Parse YAML text; every error and warning comes back as a problem with its position. */
export function parseYaml(yamlText: string, what = 'the file'): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, schema: 'core', resolveKnownTags: false });
  const at = (offset: number) => lineCounter.linePos(offset);
  const problems: SourceProblem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = at(e.pos[0]);
    // One syntax error usually sets off more on the same line; the first is the one to fix.
    if (problems.some((p) => p.line === pos.line)) continue;
    const message = e.code === 'TAG_RESOLVE_FAILED' ? tagProblem(/^!\S*/.exec(yamlText.slice(e.pos[0]))?.[0] ?? '') : (YAML_ERROR_HELP[e.code] ?? firstLine(e.message));
    problems.push({ ...pos, message: `YAML: ${message}` });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (doc.contents === null) return { ok: false, problems: [{ line: 1, col: 1, message: `${what} is empty` }] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    return {
      ok: false,
      problems: [
        {
          ...at(firstAliasOffset(doc)),
          message: `YAML: aliases (*name) would expand more than ${MAX_ALIAS_COUNT} times; this looks like an alias bomb and is refused. Write the values out instead`,
        },
      ],
    };
  }
  return { ok: true, source: { yamlText, doc, lineCounter }, data };
}

/** Whether the document's top level is a mapping; else a problem at its start. */
export function checkTopMapping(source: YamlSource, what: string): SourceProblem | undefined {
  const contents = source.doc.contents;
  if (isMap(contents)) return undefined;
  const { line, col } = source.lineCounter.linePos(contents?.range[0] ?? 0);
  return { line, col, message: `the top level must be a mapping of fields (${what})` };
}

function firstLine(message: string): string {
  if (message.includes('Maximum call stack')) return 'collections are nested too deeply to read';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function firstAliasOffset(doc: Document.Parsed): number {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

interface Located {
  node: Node | null;
  pair?: Pair;
}

/** Walk the document along a field path; stops at the deepest node that exists. */
export function walkPath(source: YamlSource, path: FieldPath): Located[] {
  const trail: Located[] = [{ node: source.doc.contents as Node }];
  let node: unknown = source.doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      node = pair.value;
      trail.push({ node: (pair.value as Node | null) ?? null, pair: pair as Pair });
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      trail.push({ node: node as Node });
    } else {
      break;
    }
    if (isAlias(node)) node = node.resolve(source.doc);
  }
  return trail;
}

/** Position of a field's value (or of its key with `at: 'key'`); nearest existing ancestor otherwise. */
export function locate(source: YamlSource, path: FieldPath, at: 'value' | 'key' = 'value'): { line: number; col: number } {
  const trail = walkPath(source, path);
  const last = trail[trail.length - 1]!;
  const complete = trail.length === path.length + 1;
  const keyNode = last.pair && isScalar(last.pair.key) ? last.pair.key : undefined;
  const value = last.node;
  // `key:` with nothing after it has an empty value placed at the next line: point at the key.
  const emptyValue = !value || (isScalar(value) && value.value === null && value.source === '');
  const node = (complete && at === 'key') || emptyValue ? (keyNode ?? value) : value;
  const offset = node?.range?.[0] ?? 0;
  return source.lineCounter.linePos(offset);
}

/** The source text of a scalar at a path (`4.10` as written, not the number 4.1), if there is one. */
export function scalarSourceAt(source: YamlSource, path: FieldPath): string | undefined {
  const trail = walkPath(source, path);
  if (trail.length !== path.length + 1) return undefined;
  const node = trail[trail.length - 1]!.node;
  if (!isScalar(node) || !node.range) return undefined;
  return source.yamlText.slice(node.range[0], node.range[1]).trim();
}
