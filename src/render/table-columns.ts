// Columns nobody filled in say nothing to a reader: a table whose Owner column is `—` in every
// row drops it. Works on the Markdown the templates produce (cells escape `|` as `\|`), so a
// custom template gets it too by wrapping its tables in `{{#table}}…{{/table}}`.

const EMPTY_CELL = /^(—|)$/;

/** The cells of a table row `| a | b \| c |` → ['a', 'b \| c']; null when the line is not a row. */
function splitRow(line: string): string[] | null {
  if (!line.startsWith('|') || !line.trimEnd().endsWith('|')) return null;
  const inner = line.trimEnd().slice(1, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === '\\' && i + 1 < inner.length) {
      cell += c + inner[++i];
      continue;
    }
    if (c === '|') {
      cells.push(cell.trim());
      cell = '';
      continue;
    }
    cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const isDelimiter = (cells: readonly string[]): boolean => cells.length > 0 && cells.every((c) => /^:?-{3,}:?$/.test(c));

interface Table {
  /** Line index of the header; the delimiter follows it, then `rows` body lines. */
  start: number;
  rows: number;
  header: string[];
}

function findTables(lines: readonly string[]): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = splitRow(lines[i]!);
    const delimiter = header ? splitRow(lines[i + 1]!) : null;
    if (!header || !delimiter || !isDelimiter(delimiter) || delimiter.length !== header.length) continue;
    let rows = 0;
    while (i + 2 + rows < lines.length && splitRow(lines[i + 2 + rows]!)?.length === header.length) rows++;
    tables.push({ start: i, rows, header });
    i += 1 + rows;
  }
  return tables;
}

export function dropEmptyColumns(markdown: string): string {
  const lines = markdown.split('\n');
  const tables = findTables(lines);
  // Per header shape: which columns have a value in some row of some table.
  const used = new Map<string, boolean[]>();
  for (const t of tables) {
    const key = t.header.join('\u0000');
    const flags = used.get(key) ?? t.header.map(() => false);
    for (let r = 0; r < t.rows; r++) {
      splitRow(lines[t.start + 2 + r]!)!.forEach((cell, c) => {
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
      const cells = splitRow(lines[l]!)!.filter((_, c) => flags[c]);
      lines[l] = `| ${cells.join(' | ')} |`;
    }
  }
  return lines.join('\n');
}
