// Writing an input file: YAML through the `yaml` package's Document API, so the comments that
// say where each field came from are part of the document rather than glued-on strings; or a
// Markdown input whose front matter is that YAML, through gray-matter's stringify. gray-matter
// gets the `yaml` package as its YAML engine and no JavaScript or CoffeeScript engine, so front
// matter is never evaluated. Deterministic: the same data gives the same bytes.
import matter from 'gray-matter';
import { Document, parse, type Node } from 'yaml';

export interface InputDocumentOptions {
  /** Lines of the comment at the top of the file. */
  header: string[];
  /** Comments beside fields, by path: `[["brief", "phase"], "from the plan's title"]`. */
  comments: [path: (string | number)[], comment: string][];
  /** Comments on their own line above a list item or field. */
  commentsBefore: [path: (string | number)[], comment: string][];
  /** Comments after the last item of a list. */
  commentsAfter: [path: (string | number)[], comment: string][];
  /** Collections written on one line: `{initiative: A, phase: B}`, `[D1, D2]`. */
  flow: (string | number)[][];
}

const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

export function formatInputYaml(data: object, options: InputDocumentOptions): string {
  const doc = new Document(data);
  const at = (path: (string | number)[]): Node | undefined => doc.getIn(path, true) as Node | undefined;
  doc.commentBefore = options.header.map((line) => ` ${line}`).join('\n');
  for (const path of options.flow) {
    const node = at(path) as (Node & { flow?: boolean }) | undefined;
    if (node) node.flow = true;
  }
  for (const [path, comment] of options.comments) {
    const node = at(path);
    if (node) node.comment = ` ${comment}`;
  }
  for (const [path, comment] of options.commentsBefore) {
    const node = at(path);
    if (node) node.commentBefore = ` ${comment}`;
  }
  for (const [path, comment] of options.commentsAfter) {
    const node = at(path);
    if (node) node.comment = comment.split('\n').map((line) => ` ${line}`).join('\n');
  }
  return doc.toString(TO_STRING);
}

const NEVER_EVALUATED = {
  parse(): never {
    throw new Error('front matter in JavaScript or CoffeeScript is never evaluated; write YAML');
  },
  stringify(): never {
    throw new Error('front matter is written as YAML');
  },
};

/** A Markdown input: the YAML (with its comments) as front matter, then the body (the notes). */
export function formatMarkdownInput(data: object, options: InputDocumentOptions, body: string): string {
  return matter.stringify(body, data as Record<string, unknown>, {
    language: 'yaml',
    engines: {
      // gray-matter hands the engine a copy of the data; the comments are re-attached by path.
      yaml: { parse: (text: string) => parse(text) as object, stringify: (copy: object) => formatInputYaml(copy, options) },
      js: NEVER_EVALUATED,
      javascript: NEVER_EVALUATED,
      coffee: NEVER_EVALUATED,
      coffeescript: NEVER_EVALUATED,
    },
  } as unknown as matter.GrayMatterOption<string, object>);
}
