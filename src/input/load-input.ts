// The input stage: read the file, parse its YAML (or a Markdown file's front matter) keeping
// positions, validate against the schema and the cross-field checks; the schema's output is the
// model. Every problem is thrown at once as an InputError, each as file:line:col: path: message.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { InputError, type Problem } from '../errors.js';
import { closestNames } from '../text/edit-distance.js';
import { readFrontMatter } from '../text/front-matter.js';
import { checkTopMapping, locate, parseYaml, scalarSourceAt, type SourceProblem, type YamlSource } from '../text/yaml-document.js';
import { checkInput, formatPath } from './check-input.js';
import { describeIssues, type Finding } from './describe-issues.js';
import type { HandoffInput, LoadedInput } from './model.js';
import { findPlaceholders } from './placeholders.js';
import { quickParse } from './quick-parse.js';
import { InputSchema } from './schema.js';
import { decodeText, explainFlowCommaTrap } from './yaml-source.js';

export interface LoadInputOptions {
  /** Path as typed by the user. */
  file: string;
  cwd: string;
  /** --repo, relative to cwd. */
  repo?: string;
  /** A value left as init's placeholder (TODO) is a problem too (`validate`). */
  rejectPlaceholders?: boolean;
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

  const { source, data, notes } = MARKDOWN_EXTENSIONS.has(extname(absPath).toLowerCase())
    ? await readMarkdownInput(options.file, text)
    : readYamlInput(options.file, text);
  const input: HandoffInput = { ...validate(options.file, source, data, options.rejectPlaceholders === true), ...(notes !== undefined ? { notes } : {}) };
  const repoFrom = options.repo !== undefined ? 'option' : input.repo !== undefined ? 'input' : 'cwd';
  const repoDir =
    repoFrom === 'option' ? resolve(options.cwd, options.repo!) : repoFrom === 'input' ? resolve(dirname(absPath), input.repo!) : resolve(options.cwd);
  return { file: options.file, absPath, text, data: input, repoDir, repoFrom, positionOf: (path) => locate(source, path) };
}

function readYamlInput(file: string, text: string): { source: YamlSource; data: unknown; notes?: string } {
  const parsed = parseYaml(text, 'the input');
  if (!parsed.ok) throw sourceError(file, withEmptyHint(parsed.problems));
  return { source: parsed.source, data: parsed.data };
}

async function readMarkdownInput(file: string, text: string): Promise<{ source: YamlSource; data: unknown; notes?: string }> {
  const front = await readFrontMatter(text);
  if (front.kind === 'none') {
    throw sourceError(file, [{ line: 1, col: 1, message: 'a Markdown input must start with YAML front matter: a --- line, the fields, then another --- line' }]);
  }
  if (front.kind === 'problems') throw sourceError(file, withEmptyHint(front.problems));
  if (front.source === null) throw sourceError(file, withEmptyHint([{ line: 2, col: 1, message: 'the front matter is empty' }]));
  const body = front.body.replace(/^\s*\n/, '').trimEnd();
  return { source: front.source, data: front.data, ...(body ? { notes: `${body}\n` } : {}) };
}

function withEmptyHint(problems: SourceProblem[]): SourceProblem[] {
  return problems.map((p) => (/ is empty$/.test(p.message) ? { ...p, message: `${p.message}; an input needs at least \`version: 1\` and a \`brief:\` mapping` } : p));
}

/** Schema and cross-field checks; the schema's output is the model. */
function validate(file: string, source: YamlSource, data: unknown, rejectPlaceholders: boolean): Omit<HandoffInput, 'notes'> {
  const notMapping = checkTopMapping(source, 'version: 1, brief: …');
  if (notMapping) throw sourceError(file, [notMapping]);
  // Valid data is read without zod's bookkeeping for problems; zod reads anything else (and says what is wrong).
  const quick = quickParse(InputSchema, data);
  const result = quick ? { success: true as const, data: quick.value } : InputSchema.safeParse(data, PARSE_ONCE);
  const findings: Finding[] = [
    ...(result.success
      ? []
      : describeIssues(result.error.issues, {
          schema: InputSchema,
          data,
          explainUnknownKey: (path, key) => explainFlowCommaTrap(source, path, key),
          sourceAt: (path) => scalarSourceAt(source, path),
        })),
    ...checkInput(data),
    ...(rejectPlaceholders ? findPlaceholders(data) : []),
  ];
  if (!result.success || findings.length > 0) {
    throw new InputError(sortProblems(findings.map((f) => toProblem(file, source, f))));
  }
  return result.data;
}

async function readInputBytes(file: string, absPath: string): Promise<Uint8Array> {
  try {
    return readFileSync(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `no such input file (looked for ${absPath})${await suggestSibling(absPath)}`
        : code === 'EISDIR'
          ? 'is a folder; name a YAML or Markdown input file'
          : code === 'EACCES'
            ? 'cannot be read: permission denied'
            : `cannot be read: ${(error as Error).message}`;
    const problem: Problem = { file, line: 1, col: 1, path: '', message: why };
    throw new InputError([problem], `${file}: ${why}`);
  }
}

/** "; did you mean phase_e3.yaml?" when the folder holds a close name. */
async function suggestSibling(absPath: string): Promise<string> {
  const names = await readdir(dirname(absPath)).catch(() => [] as string[]);
  const [close] = closestNames(basename(absPath), names);
  return close ? `; did you mean ${close}?` : '';
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
