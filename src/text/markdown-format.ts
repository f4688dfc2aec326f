// Markdown text formatting, one way everywhere (the brief, summary.md, the job summary): table
// cells, code spans, fences, and `<` that GitHub would take for a tag. The Handlebars helpers
// (render/helpers.ts) are thin wrappers over these, so the rules can be tested without a template.

/** Collapse every run of whitespace that contains a line break into one space; trim. */
export function foldLines(text: string): string {
  return text.replace(/[ \t]*\r?\n\s*/g, ' ').trim();
}

/**
 * A GFM table cell: one line, `|` escaped. GitHub splits rows on `|` before it parses code
 * spans, so a pipe inside a code span needs the backslash too (and GitHub drops it there).
 */
export function formatCell(text: string): string {
  return escapeTags(foldLines(text)).replace(/\|/g, '\\|');
}

/**
 * GitHub reads `<word`, `</word`, `<!` and `<?` as the start of an HTML tag and hides it
 * (`A <C>` would show as `A `). A backslash makes `<` a literal character — a Markdown escape,
 * not an HTML entity — so the text shows exactly as typed. Code spans are left alone, and so is
 * a link destination in angle brackets (`](<path with spaces>)`).
 */
export function escapeTags(text: string): string {
  if (!text.includes('<')) return text;
  const parts = text.split(/(`+)/); // odd indexes are backtick runs
  let out = '';
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (k % 2 === 1) {
      // A code span runs to the next backtick run of the same length.
      const close = parts.findIndex((p, j) => j > k && j % 2 === 1 && p === part);
      if (close !== -1) {
        out += parts.slice(k, close + 1).join('');
        k = close;
        continue;
      }
      out += part;
    } else {
      out += part.replace(/(?<!\]\(|\\)<(?=[A-Za-z/!?])/g, '\\<');
    }
  }
  return out;
}

/** Longest run of `char` in text. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let current = 0;
  for (const c of text) {
    current = c === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}

/**
 * An inline code span that shows `text` exactly: the fence is one backtick longer than any
 * run inside, and a space pads each side when the text starts or ends with a backtick (or
 * with spaces on both sides, which CommonMark would otherwise strip).
 */
export function formatCode(text: string): string {
  const oneLine = foldLines(text);
  if (oneLine === '') return '';
  const fence = '`'.repeat(longestRun(oneLine, '`') + 1);
  const pad =
    oneLine.startsWith('`') || oneLine.endsWith('`') || (oneLine.startsWith(' ') && oneLine.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run in the text. */
export function formatFence(text: string, info = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const body = text.replace(/\s+$/, '');
  return `${fence}${info}\n${body}\n${fence}`;
}

