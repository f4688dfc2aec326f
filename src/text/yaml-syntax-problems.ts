// js-yaml's syntax errors, worded for a person editing the file. Where the `yaml` package had
// the clearer words for a common mistake (an unclosed [ or {, a missing closing quote, a tab),
// they are kept, so the message reads as it did before the reader changed.
import type { YAMLException } from 'js-yaml';
import type { OffsetProblem } from './yaml-construct.js';
import { scanFlow } from './yaml-flow-lines.js';

const TABS = 'YAML: tabs are not allowed as indentation in YAML; indent with spaces';

export function syntaxProblem(text: string, error: YAMLException): OffsetProblem {
  const offset = error.mark?.position ?? 0;
  const reason = error.reason;
  if (reason.startsWith('tab characters must not be used')) return { offset, message: TABS };
  if (reason === 'unknown escape sequence') return { offset: offset - 1, message: `YAML: Invalid escape sequence \\${text[offset] ?? ''}` };
  if (reason.startsWith('nesting exceeded maxDepth')) return { offset, message: 'YAML: collections are nested too deeply to read' };
  if (reason === 'unacceptable YAML version of the document') return versionProblem(text) ?? { offset, message: `YAML: ${reason}` };
  if (reason === 'unexpected end of the stream within a double quoted scalar') return { offset, message: 'YAML: Missing closing "quote' };
  if (reason === 'unexpected end of the stream within a single quoted scalar') return { offset, message: "YAML: Missing closing 'quote" };
  if (reason === 'unexpected end of the stream within a flow collection' || reason === 'deficient indentation') {
    const open = openAt(text, offset);
    if (open === '[') return { offset, message: 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' };
    if (open === '{') return { offset, message: 'YAML: Flow map in block collection must be sufficiently indented and end with a }' };
    if (open) return { offset: open.quote, message: `YAML: Missing closing ${text[open.quote]}quote` };
    return { offset, message: 'YAML: this line is not indented enough to go on with the value above it' };
  }
  if (reason === 'bad indentation of a sequence entry' && atLineStart(text, offset) && text[offset] === '-') {
    return { offset, message: 'YAML: All sequence items must start at the same column' };
  }
  if (reason === 'bad indentation of a mapping entry') {
    const why = mappingEntryReason(text, offset);
    // A nested `key:` is reported at the key, not at its colon.
    const at = why.startsWith('Nested') ? text.slice(0, offset).search(/\S+$/) : offset;
    return { offset: at === -1 ? offset : at, message: `YAML: ${why}` };
  }
  return { offset, message: `YAML: ${reason}` };
}

/** js-yaml says "bad indentation of a mapping entry" for several mistakes; name the common ones. */
function mappingEntryReason(text: string, offset: number): string {
  const c = text[offset];
  if (atLineStart(text, offset) && c === '-' && /\s/.test(text[offset + 1] ?? '\n')) return 'All sequence items must start at the same column';
  if (atLineStart(text, offset) && c !== '#') return 'All mapping items must start at the same column';
  if (c === '@' || c === '`') return `Plain value cannot start with reserved character ${c}`;
  if (c === '#' && !/\s/.test(text[offset - 1] ?? ' ')) return 'Comments must be separated from other tokens by white space characters';
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (c === ':' && /:\s/.test(text.slice(lineStart, offset))) return 'Nested mappings are not allowed in compact mappings';
  return 'bad indentation of a mapping entry';
}

/** Whether only spaces come before an offset on its line: the error is about where the line starts. */
function atLineStart(text: string, offset: number): boolean {
  return /^ *$/.test(text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset));
}

/** `%YAML 1.3`: only 1.1 and 1.2 are read (as 1.2). The problem is at the version. */
export function versionProblem(text: string): OffsetProblem | undefined {
  const m = /^%YAML[ \t]+(\S+)/m.exec(text.slice(0, /^---/m.exec(text)?.index ?? text.length));
  if (!m || m[1] === '1.1' || m[1] === '1.2') return undefined;
  return { offset: m.index + m[0].length - m[1]!.length, message: `YAML: Unsupported YAML version ${m[1]}` };
}

/** A directive other than %YAML and %TAG, before the first `---`. */
export function unknownDirective(text: string): OffsetProblem | undefined {
  const end = /^---/m.exec(text)?.index ?? text.length;
  const m = /^%(?!YAML[ \t]|TAG[ \t])(\S*)/m.exec(text.slice(0, end));
  return m ? { offset: m.index, message: `YAML: Unknown directive %${m[1]}` } : undefined;
}

/** Whether an offset is inside a flow collection (`[…]`, `{…}`) left open before it. */
export function inFlowCollection(text: string, offset: number): boolean {
  const scan = scanFlow(text, offset);
  return scan.openQuote === undefined && scan.open.length > 0;
}

/** What is still open where the reader gave up: the innermost flow collection, or a quote (its offset). */
function openAt(text: string, end: number): '[' | '{' | { quote: number } | undefined {
  const scan = scanFlow(text, end);
  return scan.openQuote !== undefined ? { quote: scan.openQuote } : scan.open.at(-1);
}
