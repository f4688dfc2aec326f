// Columns nobody filled in say nothing to a reader: a table whose Owner column is `—` in every
// row drops it. Works on the Markdown the templates produce (cells escape `|` as `\|`), so a
// custom template gets it too by wrapping its tables in `{{#table}}…{{/table}}`.

const EMPTY_CELL = /^(—|)$/;

/** The cells of a table row `| a | b \| c |` → ['a', 'b \| c']; null when the line is not a row. */
function splitRow(line: string): string[] | null {
  if (line.charCodeAt(0) !== 0x7c /* | */) return null;
  const trimmed = line.trimEnd();
  const end = trimmed.length - 1;
  if (trimmed.charCodeAt(end) !== 0x7c) return null;
  const cells: string[] = [];
  let start = 1;
  // From pipe to pipe (a brief of 1,000-row tables has hundreds of thousands of characters): a
  // pipe after an odd run of backslashes is escaped (`\|`), not a border; the last one always is.
  for (let p = trimmed.indexOf('|', start); p !== -1 && p < end; p = trimmed.indexOf('|', p + 1)) {
    let backslashes = 0;
    while (p - backslashes - 1 >= start && trimmed.charCodeAt(p - backslashes - 1) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 1) continue;
    cells.push(trimmed.slice(start, p).trim());
    start = p + 1;
  }
  cells.push(trimmed.slice(start, end).trim());
  return cells;
}

const isDelimiter = (cells: readonly string[]): boolean => cells.length > 0 && cells.every((c) => /^:?-{3,}:?$/.test(c));

interface Table {
  /** Line index of the header; the delimiter follows it, then `rows` body lines. */
  start: number;
  rows: number;
  header: string[];
}

function findTables(rows: ReadonlyArray<string[] | null>): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i + 1 < rows.length; i++) {
    const header = rows[i];
    const delimiter = header ? rows[i + 1] : null;
    if (!header || !delimiter || !isDelimiter(delimiter) || delimiter.length !== header.length) continue;
    let count = 0;
    while (i + 2 + count < rows.length && rows[i + 2 + count]?.length === header.length) count++;
    tables.push({ start: i, rows: count, header });
    i += 1 + count;
  }
  return tables;
}

export function dropEmptyColumns(markdown: string): string {
  const lines = markdown.split('\n');
  // Each line split once (null: not a table row); a brief of 1,000-row tables has thousands.
  const rows = lines.map(splitRow);
  const tables = findTables(rows);
  // Per header shape: which columns have a value in some row of some table.
  const used = new Map<string, boolean[]>();
  for (const t of tables) {
    const key = t.header.join('\u0000');
    const flags = used.get(key) ?? t.header.map(() => false);
    for (let r = 0; r < t.rows; r++) {
      rows[t.start + 2 + r]!.forEach((cell, c) => {
        if (!EMPTY_CELL.test(cell)) flags[c] = true;
      });
    }
    used.set(key, flags);
  }
  for (const t of tables) {
    const flags = used.get(t.header.join('\u0000'))!;
    // A table without rows, or one that would lose every column, is left as it is.
    if (t.rows === 0 || flags.every((f) => f) || flags.every((f) => !f)) continue;
    for (let l = t.start; l < t.start + 2 + t.rows; l++) {
      const cells = rows[l]!.filter((_, c) => flags[c]);
      lines[l] = `| ${cells.join(' | ')} |`;
    }
  }
  return lines.join('\n');
}
