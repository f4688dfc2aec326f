// Failure excerpts: a long traceback keeps its head (where the test called in) and its tail
// (where it broke, and the error), with the middle replaced by a marker line.

export interface ExcerptOptions {
  head?: number;
  tail?: number;
}

export function excerptLines(text: string, options: ExcerptOptions = {}): string {
  const head = options.head ?? 12;
  const tail = options.tail ?? 20;
  const lines = text.replace(/\s+$/, '').split('\n');
  // Cutting fewer than a handful of lines saves nothing and hides context.
  if (lines.length <= head + tail + 3) return lines.join('\n');
  const omitted = lines.length - head - tail;
  return [...lines.slice(0, head), `… ${omitted} lines omitted …`, ...lines.slice(lines.length - tail)].join('\n');
}
