// A flow collection written over several lines the way JSON is, its closing bracket back at the
// column of its key (or of its `-`):
//
//   selectors: [
//     {id: a, run: pytest tests/a.py, purpose: p},
//   ]
//
// The `yaml` package read it, and so did 0.2.0; js-yaml 5 refuses it ("deficient indentation"),
// and also a tab after a `:` in a flow mapping. When a read fails so, it is read again with such
// a closing bracket moved up to the end of the line before it, and such tabs as spaces: the text
// keeps its length, so every offset (and position) stays. Content less indented than that, or an
// inner bracket, is refused as before. The same scan tells a syntax error's message whether a
// bracket or a quote was left open (yaml-syntax-problems.ts).

export interface FlowScan {
  /** The text with those closing brackets moved up and those tabs made spaces. */
  text: string;
  /** Where the flow collections it changed start. */
  starts: number[];
  /** At `end`: the flow collections still open, innermost last, and a quote still open. */
  open: Array<'[' | '{'>;
  openQuote?: number;
}

/**
 * Scan the text up to `end` the way YAML reads it, closely enough to tell flow collections,
 * quotes, comments and block scalars apart: a quote or bracket counts only where a node may
 * start (at the top, after `: `, `- `, `? `, or inside a flow collection after `[`, `{`, `,`).
 */
export function scanFlow(text: string, end = text.length): FlowScan {
  const out = text.split('');
  const open: Array<'[' | '{'> = [];
  const starts: number[] = [];
  let depth = 0;
  let start = -1;
  // The column a closing bracket may come back to: the key's or the `-`'s on the opening line.
  let parentColumn = 0;
  // Where the last token inside the collection ended: only spaces and comments come after it.
  let contentEnd = -1;
  // Where a node may start: a quote or bracket there begins one (elsewhere it is plain text).
  let nodeStart = true;
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (c === '\n' || c === ' ' || c === '\r') continue;
    if (c === '\t') {
      if (depth > 0 && isSeparation(text, i)) out[i] = ' ';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      i = lineEnd(text, i) - 1;
      continue;
    }
    if (depth === 0 && nodeStart && (c === '|' || c === '>')) {
      i = blockScalarEnd(text, i) - 1;
      nodeStart = false;
      continue;
    }
    if (depth === 0 && (text.startsWith('---', i) || text.startsWith('...', i)) && (i === 0 || text[i - 1] === '\n')) {
      // A document marker: what follows it starts a node.
      i += 2;
      nodeStart = true;
      continue;
    }
    if ((c === '&' || c === '!') && nodeStart) {
      while (i + 1 < text.length && !/[\s,[\]{}]/.test(text[i + 1]!)) i++;
      continue;
    }
    if ((c === '"' || c === "'") && nodeStart) {
      const close = closingQuote(text, i);
      if (close === -1 || close >= end) return { text: out.join(''), starts, open, openQuote: i };
      i = close;
      contentEnd = i + 1;
      nodeStart = false;
      continue;
    }
    if ((c === '[' || c === '{') && (nodeStart || depth > 0)) {
      if (depth === 0) {
        start = i;
        parentColumn = keyColumn(text, i);
      }
      depth++;
      open.push(c);
      contentEnd = i + 1;
      nodeStart = true;
      continue;
    }
    if ((c === ']' || c === '}') && depth > 0) {
      depth--;
      open.pop();
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      if (depth === 0 && lineStart > start && /^ *$/.test(text.slice(lineStart, i)) && i - lineStart >= parentColumn) {
        out.fill(' ', contentEnd, i);
        starts.push(start);
      }
      contentEnd = i + 1;
      nodeStart = false;
      continue;
    }
    contentEnd = i + 1;
    const next = text[i + 1] ?? '\n';
    if (depth > 0 && (c === ',' || c === ':')) nodeStart = true;
    else if ((c === ':' || c === '-' || c === '?') && /\s/.test(next)) nodeStart = true;
    else nodeStart = false;
    if (depth === 0 && !nodeStart) i = plainEnd(text, i) - 1;
  }
  return { text: out.join(''), starts, open };
}

/** The column of the key (or `-`) that a flow collection opening at `open` is the value of. */
function keyColumn(text: string, open: number): number {
  const lineStart = text.lastIndexOf('\n', open - 1) + 1;
  const line = text.slice(lineStart, open);
  const key = /^[ ]*(?:- +)*/.exec(line)![0].length;
  // `- [` is an item of the sequence whose `-` is at the column before the spaces.
  return /^[ ]*(?:- +)*$/.test(line) && line.includes('-') ? line.lastIndexOf('-') : key;
}

/** A tab between tokens (not inside a plain scalar, nor indenting a line): next to a space, an indicator or a line's end. */
function isSeparation(text: string, i: number): boolean {
  if (/^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', i - 1) + 1, i))) return false;
  const before = text[i - 1] ?? '\n';
  const after = text[i + 1] ?? '\n';
  return /[\s:,[\]{}]/.test(before) || /[\s,[\]{}#]/.test(after);
}

function lineEnd(text: string, i: number): number {
  const eol = text.indexOf('\n', i);
  return eol === -1 ? text.length : eol;
}

/** In block context, a plain scalar's rest of line up to a `: ` or ` #` (where a node or comment may start). */
function plainEnd(text: string, i: number): number {
  const eol = lineEnd(text, i);
  for (let j = i + 1; j < eol; j++) {
    if (text[j] === ':' && /\s/.test(text[j + 1] ?? '\n')) return j;
    if (text[j] === '#' && /\s/.test(text[j - 1]!)) return j;
  }
  return eol;
}

/** The end of a block scalar: its header line, then every line blank or indented more than the header's. */
function blockScalarEnd(text: string, header: number): number {
  const lineStart = text.lastIndexOf('\n', header - 1) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0].length;
  let end = lineEnd(text, header);
  while (end < text.length) {
    const next = lineEnd(text, end + 1);
    const line = text.slice(end + 1, next);
    if (line.trim() !== '' && /^ */.exec(line)![0].length <= indent) break;
    end = next;
  }
  return end;
}

function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
