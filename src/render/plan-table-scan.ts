// A light, line-based reader of plan checklist tables for the render path. The full Markdown
// parser (src/plan/checklist.ts, micromark) costs more at start-up than the whole render, and
// a brief only needs each row's id, state and task. This follows the same rules for the cases
// plans use: ATX headings, GFM tables whose header has `ID` and `State` columns, `\|` escapes,
// and tables inside fenced or indented code ignored. test/render/plan-table-scan.test.ts checks
// it against parseChecklists on real plans.

export type ScannedState = 'x' | 'P' | ' ';

export interface ScannedRow {
  id: string;
  state: ScannedState | null;
  stateText: string;
  task: string;
  line: number;
}

export interface ScannedTable {
  heading: string;
  line: number;
  rows: ScannedRow[];
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const DELIMITER_CELL = /^:?-+:?$/;
const STATE_TEXT = /^\[([ xXpP])\]$/;

export function readScannedState(source: string): ScannedState | null {
  const m = STATE_TEXT.exec(source.trim());
  if (!m) return null;
  const c = m[1]!;
  return c === 'x' || c === 'X' ? 'x' : c === 'p' || c === 'P' ? 'P' : ' ';
}

/** Cells of a table row: outer pipes dropped, split on unescaped `|`, trimmed, `\|` unescaped. */
export function splitRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && body[i + 1] === '|') {
      current += '|';
      i++;
    } else if (c === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  cells.push(current.trim());
  return cells;
}

function isDelimiterRow(line: string, columns: number): boolean {
  if (!line.includes('-')) return false;
  const cells = splitRow(line);
  return cells.length === columns && cells.every((c) => DELIMITER_CELL.test(c));
}

function isIndentedCode(line: string): boolean {
  return /^( {4}|\t)/.test(line);
}

export function scanChecklists(text: string): ScannedTable[] {
  const lines = text.split(/\r?\n/);
  const tables: ScannedTable[] = [];
  let heading = '';
  let fence: { char: string; length: number } | null = null;
  let previousBlank = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      previousBlank = false;
      continue;
    }
    if (previousBlank && isIndentedCode(line)) continue;
    const h = HEADING.exec(line);
    if (h) {
      heading = h[1]!.trim();
      previousBlank = true;
      continue;
    }
    const next = lines[i + 1];
    if (line.includes('|') && next !== undefined && !isIndentedCode(line)) {
      const columns = splitRow(line);
      if (isDelimiterRow(next, columns.length)) {
        const table = readTable(lines, i, columns, heading);
        i = table.end - 1;
        if (table.value) tables.push(table.value);
        previousBlank = false;
        continue;
      }
    }
    previousBlank = line.trim() === '';
  }
  return tables;
}

function readTable(lines: string[], start: number, columns: string[], heading: string): { end: number; value: ScannedTable | null } {
  const find = (re: RegExp): number => columns.findIndex((c) => re.test(c));
  const id = find(/^id$/i);
  const state = find(/^state$/i);
  const guidance = find(/guidance|how\s*\/\s*why|^notes?$/i);
  let task = find(/task|description/i);
  if (task === -1) task = columns.findIndex((_, i) => i !== id && i !== state && i !== guidance);
  const rows: ScannedRow[] = [];
  let end = start + 2;
  for (; end < lines.length; end++) {
    const line = lines[end]!;
    if (line.trim() === '' || HEADING.test(line) || FENCE_OPEN.test(line) || /^ {0,3}>/.test(line)) break;
    if (id === -1 || state === -1) continue;
    const cells = splitRow(line);
    const rowId = cells[id] ?? '';
    if (rowId === '') continue;
    const stateText = cells[state] ?? '';
    rows.push({ id: rowId, state: readScannedState(stateText), stateText, task: task === -1 ? '' : (cells[task] ?? ''), line: end + 1 });
  }
  return { end, value: id === -1 || state === -1 ? null : { heading, line: start + 1, rows } };
}
