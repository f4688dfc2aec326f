// `handoff init --from-plan <plan.md> [--rows ID…] [--out FILE] [--force] [--repo DIR]`: a
// starting input from a plan: brief fields from the plan's path and title, `plans:` with the
// chosen rows, one selector per pytest command those rows quote. Written to stdout, or to
// --out (YAML, or Markdown with front matter for a .md file), never over an existing file
// without --force.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { resolveNow } from '../clock.js';
import { EnvironmentError, InputError, UsageError } from '../errors.js';
import { checkInput } from '../input/check-input.js';
import { InputSchema } from '../input/schema.js';
import { formatInputYaml, formatMarkdownInput, type InputDocumentOptions } from '../input/write-input.js';
import { ensureDir, writeFileAtomic } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { readTextFile } from '../io/read-text.js';
import { readPlan } from '../plan/checklist.js';
import { buildStartInput, TODO, type StartInput } from '../input/start-input.js';

export interface InitOptions {
  fromPlan: string;
  rows?: string[];
  out?: string;
  force: boolean;
  /** Where the plan's repo is; default: the folder above the plan path's `plans/`, else the current folder. */
  repo?: string;
  /** --now: today's date for brief.date when the plan's path has no report stamp. */
  now?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  console: Console;
}

export interface InitResult {
  text: string;
  /** Absolute path written, or null for stdout. */
  written: string | null;
  start: StartInput;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

export async function runInit(options: InitOptions): Promise<InitResult> {
  const planAbs = resolve(options.cwd, options.fromPlan);
  const outAbs = options.out === undefined ? null : resolve(options.cwd, options.out);
  const markdown = outAbs !== null && MARKDOWN_EXTENSIONS.has(extname(outAbs).toLowerCase());
  if (outAbs !== null && !markdown && !YAML_EXTENSIONS.has(extname(outAbs).toLowerCase())) {
    throw new UsageError(`--out ${options.out}: write the input to a .yaml, .yml or .md file`);
  }
  // Checked before any work, and again (atomically) when writing.
  if (outAbs !== null && !options.force && (await exists(outAbs))) {
    throw new UsageError(`--out ${options.out}: the file exists; pass --force to replace it`);
  }
  const repoDir = options.repo !== undefined ? resolve(options.cwd, options.repo) : findRepo(planAbs, options.cwd);
  const text = await readTextFile(planAbs, options.fromPlan);
  await checkRepo(repoDir, options.repo ?? (relative(options.cwd, repoDir) || '.'));
  const planPath = relative(repoDir, planAbs);
  if (planPath.startsWith('..') || isAbsolute(planPath)) {
    throw new UsageError(`${options.fromPlan} is not inside the repo ${relative(options.cwd, repoDir) || '.'}; name the repo it belongs to with --repo DIR`);
  }
  const plan = await readPlan(text);
  if (plan.rows.length === 0) {
    throw new InputError([{ file: options.fromPlan, line: 1, col: 1, path: '', message: 'no checklist (a table with ID and State columns, or a task list) in this file' }]);
  }
  const today = resolveNow(options.now, options.env).toISOString().slice(0, 10);
  const start = buildStartInput({ planPath: planPath.split(sep).join('/'), text, plan, rows: options.rows, today });
  // The repo as the input states it: relative to the input file (or, on stdout, to here).
  const base = outAbs === null ? options.cwd : dirname(outAbs);
  const repo = relative(base, repoDir).split(sep).join('/') || '.';
  const data = toInputData(start, repo);
  assertValid(data);
  const layout = describeLayout(start, options.fromPlan);
  const body = `\n<!-- Notes for the recipient go here; handoff renders them verbatim at the end of the brief. -->\n`;
  const output = markdown ? formatMarkdownInput(data, layout, body) : formatInputYaml(data, layout);
  for (const s of start.skipped) options.console.err(`note: row ${s.from.join(', ')} quotes \`${s.run}\`, which is not a selector (${s.why}); left out\n`);
  if (outAbs === null) {
    options.console.out(output);
    return { text: output, written: null, start };
  }
  if (options.force) await writeFileAtomic(outAbs, output, { displayName: options.out });
  else await writeNewFile(outAbs, output, options.out!);
  const count = start.selectors.length;
  options.console.err(`wrote ${options.out}: ${start.plans[0]!.rows.length} plan row${start.plans[0]!.rows.length === 1 ? '' : 's'}, ${count} selector${count === 1 ? '' : 's'}; check the TODO fields, then run \`handoff validate ${options.out}\`\n`);
  return { text: output, written: outAbs, start };
}

function toInputData(start: StartInput, repo: string): Record<string, unknown> {
  return {
    version: 1,
    brief: start.brief,
    repo,
    ...(start.selectors.length > 0 ? { selectors: start.selectors.map(({ id, run, purpose }) => ({ id, run, purpose })) } : {}),
    plans: start.plans,
  };
}

function describeLayout(start: StartInput, shownPlan: string): InputDocumentOptions {
  const comment = (key: string): string | undefined => start.sources[key];
  const fields: [string, string | undefined][] = [
    ['initiative', comment('initiative')],
    ['phase', comment('phase')],
    ['recipient', comment('recipient')],
    ['stamp', comment('stamp')],
    ['date', comment('date')],
  ];
  const todo = [...Object.values(start.brief), ...Object.values(start.brief.recipient)].includes(TODO);
  return {
    header: [
      `Starting input written by \`handoff init --from-plan ${shownPlan}\` (rows ${start.plans[0]!.rows.join(', ')}).`,
      todo ? 'Fill in the TODO fields, then check it with `handoff validate`.' : 'Check the brief fields, then run `handoff validate` on it.',
    ],
    comments: fields.filter((f): f is [string, string] => f[1] !== undefined).map(([key, text]) => [['brief', key], text]),
    commentsBefore: start.selectors.map((s, i) => [['selectors', i], `from row${s.from.length > 1 ? 's' : ''} ${s.from.join(', ')}`]),
    commentsAfter: start.skipped.length > 0 ? [[['selectors'], start.skipped.map((s) => `not a selector (row ${s.from.join(', ')}): ${s.run}`).join('\n')]] : [],
    flow: [['brief', 'recipient'], ...start.plans.map((_, i) => ['plans', i, 'rows'])],
  };
}

/** A bug guard: what init writes must pass the same checks as `handoff validate`. */
function assertValid(data: unknown): void {
  const parsed = InputSchema.safeParse(data);
  const findings = checkInput(data);
  if (!parsed.success || findings.length > 0) {
    const issues = parsed.success ? findings.map((f) => f.message) : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`init built an input that does not validate: ${issues.join('; ')}`);
  }
}

/** The folder above the last `plans` segment of the plan's path, else the current folder. */
function findRepo(planAbs: string, cwd: string): string {
  const parts = planAbs.split(sep);
  const at = parts.lastIndexOf('plans');
  return at > 0 ? parts.slice(0, at).join(sep) || sep : cwd;
}

async function checkRepo(repoDir: string, shown: string): Promise<void> {
  const stat = await fs.stat(repoDir).catch(() => null);
  if (!stat?.isDirectory()) throw new EnvironmentError(`repo folder ${shown} does not exist`);
}

/**
 * Write a file that must not exist yet, atomically: a temp file linked to the name (link fails
 * if the name was taken meanwhile, where a rename would silently replace it).
 */
async function writeNewFile(path: string, text: string, shown: string): Promise<void> {
  await ensureDir(dirname(path), dirname(shown));
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, text, { flag: 'wx' });
    await fs.link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`--out ${shown}: the file exists; pass --force to replace it`);
    throw new EnvironmentError(`cannot write ${shown} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.lstat(path).then(
    () => true,
    () => false,
  );
}
