// Front matter, as gray-matter and static-site tools write it: a first line `---` (optionally
// naming a language, `---yaml`), the fields, then a closing `---` line. One splitter for
// Markdown inputs and for templates; it only splits, and the caller parses the YAML (so a
// `---js` block is never evaluated, and positions stay exact).

export type FrontMatterSplit =
  | { kind: 'none' }
  | { kind: 'unclosed'; language: string }
  | {
      kind: 'ok';
      language: string;
      /** The text between the two delimiter lines, without the line break that ends it. */
      yaml: string;
      /** Everything after the closing line. */
      body: string;
      /** Lines before `yaml` (the opening line): add to a YAML line number for the file's. */
      yamlLineOffset: number;
      /** Lines before `body`. */
      bodyLineOffset: number;
    };

export function splitFrontMatter(text: string): FrontMatterSplit {
  const open = /^---([^\r\n]*)\r?\n/.exec(text);
  if (!open) return { kind: 'none' };
  const language = open[1]!.trim();
  const rest = text.slice(open[0].length);
  const close = /^---[ \t]*(\r?\n|$)/m.exec(rest);
  if (!close) return { kind: 'unclosed', language };
  const consumed = open[0].length + close.index + close[0].length;
  return {
    kind: 'ok',
    language,
    yaml: rest.slice(0, close.index).replace(/\r?\n$/, ''),
    body: text.slice(consumed),
    yamlLineOffset: 1,
    bodyLineOffset: text.slice(0, consumed).split('\n').length - 1,
  };
}
