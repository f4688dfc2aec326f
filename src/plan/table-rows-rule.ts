// markdown-it's GFM table rule (markdown-it 14, lib/rules_block/table.mjs), deciding exactly as it
// does which lines make a table, but emitting only `table_open` (its lines in `map`, its number
// of columns in `meta`) and `table_close`, instead of four tokens per row and three per cell. A
// table's rows are its lines but the delimiter row, so find-tables.ts needs no more, and on a
// 5,000-row plan the per-cell tokens were most of the parse's time and garbage. `markdownItCells`
// reads a row as this rule does, so find-tables.ts can still check the GFM reading of each row
// against it, and leave any row where they differ to the reference reader (mdast).
import type MarkdownIt from 'markdown-it';

type StateBlock = Parameters<MarkdownIt['block']['tokenize']>[0];

/** What the rule keeps on `table_open`: the number of columns (the header row's cells). */
export interface TableMeta {
  columns: number;
}

const isSpace = (code: number): boolean => code === 0x09 || code === 0x20;

// Limit the number of empty autocompleted cells, as markdown-it does (markdown-it issue #1000).
const MAX_AUTOCOMPLETED_CELLS = 0x10000;

function getLine(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!);
}

function escapedSplit(str: string): string[] {
  const result: string[] = [];
  const max = str.length;
  let pos = 0;
  let ch = str.charCodeAt(pos);
  let isEscaped = false;
  let lastPos = 0;
  let current = '';
  while (pos < max) {
    if (ch === 0x7c /* | */) {
      if (!isEscaped) {
        result.push(current + str.substring(lastPos, pos));
        current = '';
        lastPos = pos + 1;
      } else {
        current += str.substring(lastPos, pos - 1);
        lastPos = pos;
      }
    }
    isEscaped = ch === 0x5c; /* \ */
    pos++;
    ch = str.charCodeAt(pos);
  }
  result.push(current + str.substring(lastPos));
  return result;
}

function rowCells(lineText: string): string[] {
  const columns = escapedSplit(lineText);
  if (columns.length && columns[0] === '') columns.shift();
  if (columns.length && columns[columns.length - 1] === '') columns.pop();
  return columns;
}

/** How many cells rowCells(lineText) gives, without making them. */
function cellCount(lineText: string): number {
  const max = lineText.length;
  let parts = 1;
  let isEscaped = false;
  let firstEmpty = false;
  let lastEmpty = false;
  for (let pos = 0; pos < max; pos++) {
    const ch = lineText.charCodeAt(pos);
    if (ch === 0x7c /* | */ && !isEscaped) {
      parts++;
      if (pos === 0) firstEmpty = true;
      if (pos === max - 1) lastEmpty = true;
    }
    isEscaped = ch === 0x5c; /* \ */
  }
  let count = parts - (firstEmpty ? 1 : 0);
  if (count > 0 && lastEmpty) count--;
  return count;
}

/** A row line's cells as markdown-it's table rule gives them: `columns` of them, trimmed, '' where the row is short. */
export function markdownItCells(line: string, columns: number): string[] {
  const cells = rowCells(line.trim());
  return Array.from({ length: columns }, (_, i) => (cells[i] ? cells[i].trim() : ''));
}

export function tableRows(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (startLine + 2 > endLine) return false;
  let nextLine = startLine + 1;
  if (state.sCount[nextLine]! < state.blkIndent) return false;
  if (state.sCount[nextLine]! - state.blkIndent >= 4) return false;

  // The delimiter row: only |, -, : and spaces; not a list item (`- `).
  let pos = state.bMarks[nextLine]! + state.tShift[nextLine]!;
  if (pos >= state.eMarks[nextLine]!) return false;
  const firstCh = state.src.charCodeAt(pos++);
  if (firstCh !== 0x7c && firstCh !== 0x2d && firstCh !== 0x3a) return false;
  if (pos >= state.eMarks[nextLine]!) return false;
  const secondCh = state.src.charCodeAt(pos++);
  if (secondCh !== 0x7c && secondCh !== 0x2d && secondCh !== 0x3a && !isSpace(secondCh)) return false;
  if (firstCh === 0x2d && isSpace(secondCh)) return false;
  while (pos < state.eMarks[nextLine]!) {
    const ch = state.src.charCodeAt(pos);
    if (ch !== 0x7c && ch !== 0x2d && ch !== 0x3a && !isSpace(ch)) return false;
    pos++;
  }

  let lineText = getLine(state, startLine + 1);
  const delimiters = lineText.split('|');
  let aligns = 0;
  for (let i = 0; i < delimiters.length; i++) {
    const t = delimiters[i]!.trim();
    if (!t) {
      // Empty columns are allowed before and after the table, not between columns.
      if (i === 0 || i === delimiters.length - 1) continue;
      return false;
    }
    if (!/^:?-+:?$/.test(t)) return false;
    aligns++;
  }

  lineText = getLine(state, startLine).trim();
  if (lineText.indexOf('|') === -1) return false;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const header = rowCells(lineText);
  // The header row defines the number of columns; the delimiter row must have as many.
  const columnCount = header.length;
  if (columnCount === 0 || columnCount !== aligns) return false;
  if (silent) return true;

  const oldParentType = state.parentType;
  state.parentType = 'table' as typeof state.parentType;
  // Tables end where a blockquote would, as in markdown-it.
  const terminatorRules = state.md.block.ruler.getRules('blockquote');

  const tableOpen = state.push('table_open', 'table', 1);
  const tableLines: [number, number] = [startLine, 0];
  tableOpen.map = tableLines;
  const meta: TableMeta = { columns: columnCount };
  tableOpen.meta = meta;

  let autocompletedCells = 0;
  // Rows summed into autocompletedCells so far: none while the limit is out of reach (each row
  // adds at most columnCount), which spares counting the cells of every row of a common table.
  let summedTo = startLine + 2;
  for (nextLine = startLine + 2; nextLine < endLine; nextLine++) {
    if (state.sCount[nextLine]! < state.blkIndent) break;
    let terminate = false;
    for (let i = 0, l = terminatorRules.length; i < l; i++) {
      if (terminatorRules[i]!(state, nextLine, endLine, true)) {
        terminate = true;
        break;
      }
    }
    if (terminate) break;
    lineText = getLine(state, nextLine).trim();
    if (!lineText) break;
    if (state.sCount[nextLine]! - state.blkIndent >= 4) break;
    if ((nextLine - startLine - 1) * columnCount > MAX_AUTOCOMPLETED_CELLS) {
      for (; summedTo <= nextLine; summedTo++) autocompletedCells += columnCount - cellCount(getLine(state, summedTo).trim());
      if (autocompletedCells > MAX_AUTOCOMPLETED_CELLS) break;
    }
  }

  state.push('table_close', 'table', -1);
  tableLines[1] = nextLine;
  state.parentType = oldParentType;
  state.line = nextLine;
  return true;
}
