// Aligned text tables for a terminal (`due`, `plan status`): columns padded to their widest cell,
// two spaces between them, no trailing spaces.

/** Characters (code points) in a text: its length, unless it has a character outside the first 65,536. */
function characters(text: string): number {
  return /[\uD800-\uDFFF]/.test(text) ? [...text].length : text.length;
}

/**
 * The rows as lines, each ending in a newline. Widths count characters, not UTF-16 units: in a
 * terminal ✓ and ✗ are one column wide. Each cell is measured once (`due` lists thousands of rows).
 */
export function alignColumns(table: readonly (readonly string[])[]): string {
  const sizes = table.map((row) => row.map(characters));
  const widths: number[] = [];
  for (const row of sizes) for (let c = 0; c < row.length; c++) widths[c] = Math.max(widths[c] ?? 0, row[c]!);
  let text = '';
  for (let r = 0; r < table.length; r++) {
    const row = table[r]!;
    let line = '';
    for (let c = 0; c < row.length; c++) {
      line += c === row.length - 1 ? row[c]! : row[c]! + ' '.repeat(widths[c]! - sizes[r]![c]! + 2);
    }
    text += `${line.trimEnd()}\n`;
  }
  return text;
}
