// The one place that runs the Markdown parser. Plans and ledgers are parsed with a real
// CommonMark + GFM-table parser so that tables and headings inside code fences, HTML blocks
// and indented code are never mistaken for the real thing, and every node carries source
// offsets that let the editors rewrite single cells without touching any other byte.
import type { Heading, Node, Parent } from 'mdast';

/** Where a cell's content (or a task's state symbol) sits in the source. An empty cell has start === end. */
export interface CellSpan {
  start: number;
  end: number;
  line: number;
  /** 1-based column of `start`. */
  col: number;
}

/**
 * A byte-order mark would hide a heading or table on line 1 from the parsers. It becomes a
 * space (one UTF-16 unit for one, so every offset still points into the real text).
 */
export function maskBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** Every node in document order (pre-order), so a heading is seen before what follows it. */
export function* walkNodes(node: Node): Generator<Node> {
  yield node;
  const children = (node as Partial<Parent>).children;
  if (children) for (const child of children) yield* walkNodes(child);
}

export function startOffset(node: Node): number {
  return node.position?.start.offset ?? 0;
}

export function endOffset(node: Node): number {
  return node.position?.end.offset ?? 0;
}

/**
 * Offsets of the start of each line; lineStarts[n - 1] is where 1-based line n begins. A line
 * ends at LF, CRLF or a lone CR, as in CommonMark, so these agree with mdast's line numbers.
 */
export function findLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The end of the line containing `offset`, after its line ending (LF, CRLF or CR), or the end of the text. */
export function findLineEnd(text: string, offset: number): number {
  const m = /\r\n?|\n/g;
  m.lastIndex = offset;
  const hit = m.exec(text);
  return hit ? hit.index + hit[0].length : text.length;
}

/** The start of the line containing `offset`. */
export function findLineStart(text: string, offset: number): number {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i + 1;
  }
  return 0;
}

/** The file's line ending: CRLF if any line ends with one, else LF, or CR when CR is the only one. */
export function detectEol(text: string): '\r\n' | '\n' | '\r' {
  if (text.includes('\r\n')) return '\r\n';
  return text.includes('\r') && !text.includes('\n') ? '\r' : '\n';
}

/** A heading's text as written (its inline source), '' for an empty heading. */
export function headingSource(text: string, node: Heading): string {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  return first && last ? text.slice(startOffset(first), endOffset(last)).trim() : '';
}
