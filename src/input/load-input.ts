// The input stage: read the file, parse YAML (or a Markdown file's front matter), validate
// against the schema and the cross-field checks, and normalise. A valid input takes the fast
// path (quick-parse.ts); anything else is parsed again keeping positions (yaml-source.ts), and
// every problem is thrown at once as an InputError, each as file:line:col: path: message.
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { InputError, type Problem } from '../errors.js';
import { checkInput, formatPath } from './check-input.js';
import { describeIssues, type Finding } from './describe-issues.js';
import type { FieldPath, LoadedInput } from './model.js';
import { normalizeInput } from './normalize.js';
import { parseYamlQuickly } from './quick-parse.js';
import { InputSchema, type RawInput } from './schema.js';
import { decodeText, explainFlowCommaTrap, locate, parseYaml, splitMarkdownInput, type SourceProblem, type YamlSource } from './yaml-source.js';

export interface LoadInputOptions {
  /** Path as typed by the user. */
  file: string;
  cwd: string;
  /** --repo, relative to cwd. */
  repo?: string;
}

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/** A CLI validates one input per run: compiling zod's eval-based fast path would cost more than it saves. */
const PARSE_ONCE = { jitless: true } as const;

/** Read, parse and validate an input file. Throws InputError with every problem at once. */
export async function loadInput(options: LoadInputOptions): Promise<LoadedInput> {
  const absPath = resolve(options.cwd, options.file);
  const bytes = await readInputBytes(options.file, absPath);
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw sourceError(options.file, decoded.problems);
  // One line ending from here on: CRLF and LF checkouts of an input give the same brief (and
  // the same provenance hash); lines and columns are unchanged.
  const text = decoded.text.replace(/\r\n?/g, '\n');

  let yamlText = text;
  let notes: string | undefined;
  if (MARKDOWN_EXTENSIONS.has(extname(absPath).toLowerCase())) {
    const split = splitMarkdownInput(text);
    if (!split.ok) throw sourceError(options.file, split.problems);
    yamlText = split.yamlText;
    notes = split.notes;
  }
  const { raw, source } = validateQuickly(yamlText) ?? validatePrecisely(options.file, yamlText);
  const input = normalizeInput(raw, notes);
  // Positions are only needed for problems found later (repo checks, collection, templates):
  // the position-keeping parse is done then, at most once.
  let positions: YamlSource | undefined = source;
  const positionOf = (path: FieldPath) => {
    positions ??= parsePositions(yamlText);
    return positions ? locate(positions, path) : { line: 1, col: 1 };
  };
  const repoDir =
    options.repo !== undefined
      ? resolve(options.cwd, options.repo)
      : input.repo !== undefined
        ? resolve(dirname(absPath), input.repo)
        : resolve(options.cwd);
  return {
    file: options.file,
    absPath,
    text,
    data: input,
    repoDir,
    positionOf,
  };
}

/** The fast path: the validated raw input of a valid text, else undefined. */
function validateQuickly(yamlText: string): { raw: RawInput; source?: YamlSource } | undefined {
  const data = parseYamlQuickly(yamlText);
  if (data === undefined) return undefined;
  const result = InputSchema.safeParse(data, PARSE_ONCE);
  return result.success && checkInput(data).length === 0 ? { raw: result.data } : undefined;
}

/** The precise path: parse keeping positions, validate, and throw every problem found. */
function validatePrecisely(file: string, yamlText: string): { raw: RawInput; source: YamlSource } {
  const parsed = parseYaml(yamlText);
  if (!parsed.ok) throw sourceError(file, parsed.problems);
  const { source, data } = parsed;
  const result = InputSchema.safeParse(data, PARSE_ONCE);
  const findings: Finding[] = [
    ...(result.success
      ? []
      : describeIssues(result.error.issues, {
          schema: InputSchema,
          data,
          explainUnknownKey: (path, key) => explainFlowCommaTrap(source, path, key),
        })),
    ...checkInput(data),
  ];
  if (!result.success || findings.length > 0) {
    throw new InputError(sortProblems(findings.map((f) => toProblem(file, source, f))));
  }
  return { raw: result.data, source };
}

function parsePositions(yamlText: string): YamlSource | undefined {
  const parsed = parseYaml(yamlText);
  return parsed.ok ? parsed.source : undefined;
}

async function readInputBytes(file: string, absPath: string): Promise<Uint8Array> {
  try {
    return await readFile(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `no such input file (looked for ${absPath})`
        : code === 'EISDIR'
          ? 'is a folder; name a YAML or Markdown input file'
          : code === 'EACCES'
            ? 'cannot be read: permission denied'
            : `cannot be read: ${(error as Error).message}`;
    const problem: Problem = { file, line: 1, col: 1, path: '', message: why };
    throw new InputError([problem], `${file}: ${why}`);
  }
}

function toProblem(file: string, source: YamlSource, finding: Finding): Problem {
  const { line, col } = locate(source, finding.path, finding.at === 'key' ? 'key' : 'value');
  return { file, line, col, path: formatPath(finding.path), message: finding.message };
}

function sourceError(file: string, problems: SourceProblem[]): InputError {
  return new InputError(sortProblems(problems.map((p) => ({ file, line: p.line, col: p.col, path: '', message: p.message }))));
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}
