// `handoff validate`: the input checks every command makes, and no TODO left by `init` (exit 2),
// then the checks against the repo (exit 1): every reference, plan file, selector file path and
// file `publish` edits exists under the repo, and the plan rows and ledger item the input names
// are there; with --collect, also what pytest collects for each selector.
import { availableParallelism } from 'node:os';
import { formatProblem, InputError, type Problem } from '../errors.js';
import { checkRepoPaths } from '../input/check-repo.js';
import { loadInput } from '../input/load-input.js';
import { displayPath, requireRepoDir } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';

export interface ValidateOptions {
  input: string;
  repo?: string;
  collect: boolean;
  /** Print one JSON document on stdout instead of the lines. */
  json?: boolean;
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

/** `validate --json`: the findings as data (README "validate"). */
export interface ValidateJson {
  file: string;
  /** null when the input itself is bad (exit 2): its problems are the findings. */
  repo: string | null;
  collected: boolean;
  ok: boolean;
  findings: Problem[];
}

export interface ValidateResult {
  /** Formatted `file:line:col: path: message` findings (already printed). */
  findings: string[];
}

export async function runValidate(options: ValidateOptions): Promise<ValidateResult> {
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo, rejectPlaceholders: true }).catch((error: unknown) => {
    // With --json a bad input is a document too (and still exit 2, its lines on stderr).
    if (options.json && error instanceof InputError) {
      const doc: ValidateJson = { file: options.input, repo: null, collected: false, ok: false, findings: error.problems };
      options.console.out(`${JSON.stringify(doc, null, 2)}\n`);
    }
    throw error;
  });
  await requireRepoDir(loaded, options.cwd, options.repo);
  const { problems, missingSelectors } = await checkRepoPaths(loaded, displayPath(loaded.repoDir, options.cwd));
  if (options.collect) {
    const { collectFindings } = await import('../evidence/collect.js');
    // A selector whose test file is missing was reported above; collecting it would say it again.
    const selectors = loaded.data.selectors.filter((_, i) => !missingSelectors.has(i));
    problems.push(
      ...(await collectFindings(loaded, { python: options.python, jobs: options.jobs ?? availableParallelism(), env: options.env, cwd: options.cwd, signal: options.signal, isolate: options.isolate, selectors })),
    );
  }
  problems.sort((a, b) => a.line - b.line || a.col - b.col);
  const findings = problems.map(formatProblem);
  if (options.json) {
    const doc: ValidateJson = { file: loaded.file, repo: displayPath(loaded.repoDir, options.cwd), collected: options.collect, ok: findings.length === 0, findings: problems };
    options.console.out(`${JSON.stringify(doc, null, 2)}\n`);
    return { findings };
  }
  for (const line of findings) options.console.out(`${line}\n`);
  if (findings.length === 0) {
    const { selectors, references, plans } = loaded.data;
    const what = [count(selectors.length, 'selector'), count(references.length, 'reference'), count(plans.length, 'plan file')].join(', ');
    const collected = options.collect ? ', selectors collected' : '';
    options.console.out(`ok: ${loaded.file}: ${what} checked against ${displayPath(loaded.repoDir, options.cwd)}${collected}\n`);
  } else {
    options.console.err(`${findings.length} problem${findings.length === 1 ? '' : 's'} found in ${loaded.file}\n`);
  }
  return { findings };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
