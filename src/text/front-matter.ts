// Front matter (Markdown inputs, templates), read with gray-matter, the package users know. Its
// YAML engine is this tool's own reader (yaml-document.ts), so front matter means what the same
// YAML means in an input, with positions: gray-matter hands the engine the text from the end of
// the opening `---` line, so the engine's line numbers are already the file's. Its JavaScript and
// CoffeeScript engines are replaced by ones that refuse: a `---js` block is an error at its line,
// never evaluated. gray-matter is loaded only for text that starts with `---`.
import { parseYaml, type ParsedYaml, type SourceProblem, type YamlSource } from './yaml-document.js';

export type FrontMatter =
  | { kind: 'none' }
  | { kind: 'problems'; problems: SourceProblem[] }
  | {
      kind: 'ok';
      /** The parsed front matter; null when the block is empty (or holds only comments). */
      source: YamlSource | null;
      data: unknown;
      /** Everything after the closing `---` line. */
      body: string;
      /** Lines before `body`: add to a line number in the body for the file's. */
      bodyLineOffset: number;
    };

class EngineRefused extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super('front matter refused');
  }
}

/** Whether the text starts with a front matter block (a `---` line, optionally naming a language). */
export function hasFrontMatter(text: string): boolean {
  return /^---(?!-)[^\r\n]*\r?\n/.test(text);
}

/** Front matter and body; CRLF and CR line endings are read as LF (lines and columns unchanged). */
export async function readFrontMatter(raw: string): Promise<FrontMatter> {
  if (!hasFrontMatter(raw)) return { kind: 'none' };
  const text = raw.replace(/\r\n?/g, '\n');
  const language = /^---([^\r\n]*)/.exec(text)![1]!.trim();
  // gray-matter reads everything to the end as front matter when the block is never closed.
  if (!/\n---/.test(text.slice(3 + language.length))) {
    return { kind: 'problems', problems: [{ line: 1, col: 1, message: 'the front matter is never closed: add a --- line after the YAML fields' }] };
  }
  const { default: matter } = await import('gray-matter');
  let parsed: ParsedYaml | undefined;
  const refuse = (name: string) => ({
    parse(): never {
      throw new EngineRefused([{ line: 1, col: 4, message: `front matter must be YAML, not "${name}" (it is never evaluated)` }]);
    },
  });
  let file: { content: string };
  try {
    file = matter(text, {
      language: 'yaml',
      engines: {
        yaml: {
          parse(yamlText: string): object {
            parsed = parseYaml(yamlText, 'the front matter');
            if (!parsed.ok) throw new EngineRefused(parsed.problems);
            return {};
          },
        },
        js: refuse('js'),
        javascript: refuse('javascript'),
        coffee: refuse('coffee'),
        coffeescript: refuse('coffeescript'),
        json: refuse('json'),
      },
    });
  } catch (error) {
    if (error instanceof EngineRefused) return { kind: 'problems', problems: error.problems };
    // gray-matter: an engine it does not know (`---toml`).
    return { kind: 'problems', problems: [{ line: 1, col: 4, message: `front matter must be YAML, not "${language}"` }] };
  }
  const body = file.content;
  const bodyLineOffset = text.slice(0, text.length - body.length).split('\n').length - 1;
  return { kind: 'ok', source: parsed?.ok ? parsed.source : null, data: parsed?.ok ? parsed.data : null, body, bodyLineOffset };
}
