// `handoff validate`: the input checks every command makes (exit 2), then the checks against
// the repo (exit 1): every reference, plan file and selector file path exists under the repo;
// with --collect, also what pytest collects for each selector.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { EnvironmentError, formatProblem, type Problem } from '../errors.js';
import type { Console } from '../io/console.js';
import { formatPath } from '../input/check-input.js';
import { loadInput } from '../input/load-input.js';
import type { FieldPath, LoadedInput } from '../input/model.js';

export interface ValidateOptions {
  input: string;
  repo?: string;
  collect: boolean;
  python: string;
  jobs?: number;
  /** With --collect: no shared workers, each collection in a process of its own. */
  isolate?: boolean;
  /** Aborted on Ctrl-C / SIGTERM (with --collect): running collections are ended. */
  signal?: AbortSignal;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface ValidateResult {
  /** Formatted `file:line:col: path: message` findings (already printed). */
  findings: string[];
}

export async function runValidate(options: ValidateOptions): Promise<ValidateResult> {
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  await requireRepoDir(
    loaded.repoDir,
    options.repo !== undefined ? `--repo ${options.repo}` : loaded.data.repo !== undefined ? `repo: ${loaded.data.repo} in ${loaded.file}` : 'the current folder',
  );
  const problems = await checkRepoPaths(loaded, displayDir(loaded.repoDir, options.cwd));
  if (options.collect) {
    const { collectFindings } = await import('../evidence/collect.js');
    problems.push(
      ...(await collectFindings(loaded, { python: options.python, jobs: options.jobs ?? availableParallelism(), env: options.env, signal: options.signal, isolate: options.isolate })),
    );
  }
  const findings = problems.sort((a, b) => a.line - b.line || a.col - b.col).map(formatProblem);
  for (const line of findings) options.console.out(`${line}\n`);
  if (findings.length === 0) {
    const { selectors, references, plans } = loaded.data;
    const what = [count(selectors.length, 'selector'), count(references.length, 'reference'), count(plans.length, 'plan file')].join(', ');
    const collected = options.collect ? ', selectors collected' : '';
    options.console.out(`ok: ${loaded.file}: ${what} checked against ${displayDir(loaded.repoDir, options.cwd)}${collected}\n`);
  } else {
    options.console.err(`${findings.length} problem${findings.length === 1 ? '' : 's'} found in ${loaded.file}\n`);
  }
  return { findings };
}

async function requireRepoDir(repoDir: string, from: string): Promise<void> {
  const info = await stat(repoDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new EnvironmentError(`repo folder ${repoDir} ${info ? 'is not a folder' : 'does not exist'} (from ${from}); pass --repo DIR`);
  }
}

/** Every cited path must exist under the repo: references, plan files, selector files. */
async function checkRepoPaths(loaded: LoadedInput, repoLabel = loaded.repoDir): Promise<Problem[]> {
  const { data } = loaded;
  const wanted: Array<{ path: FieldPath; file: string; what: string }> = [
    ...data.references.map((r, i) => ({ path: ['references', i, 'path'], file: r.path, what: 'referenced file' })),
    ...data.plans.map((p, i) => ({ path: ['plans', i, 'file'], file: p.file, what: 'plan file' })),
    ...data.selectors.flatMap((s, i) => s.files.map((file) => ({ path: ['selectors', i, 'run'], file, what: 'test path' }))),
  ];
  const problems: Problem[] = [];
  const results = await Promise.all(wanted.map(async (w) => ({ ...w, problem: await describeMissing(loaded.repoDir, w.file, repoLabel) })));
  for (const w of results) {
    if (w.problem === undefined) continue;
    const { line, col } = loaded.positionOf(w.path);
    problems.push({ file: loaded.file, line, col, path: formatPath(w.path), message: `${w.what} ${w.file} ${w.problem}` });
  }
  return problems;
}

async function describeMissing(repoDir: string, file: string, repoLabel: string): Promise<string | undefined> {
  const full = resolve(repoDir, file);
  const rel = relative(repoDir, full);
  if (rel.startsWith('..') || isAbsolute(rel)) return `is outside the repo (${repoLabel})`;
  const info = await stat(full).catch(() => undefined);
  return info ? undefined : `does not exist in ${repoLabel}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function displayDir(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}
