// `handoff validate --collect`: collect each selector with its own arguments and report the
// ones that would run nothing. The real Phase E3 brief cited two node ids that never existed;
// this is the check that would have caught them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Interrupted, type Problem } from '../errors.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { formatDuration } from '../text/duration.js';
import { readTail } from './log-file.js';
import { mapLimit } from './map-limit.js';
import { runPytestAttempt } from './pytest-process.js';
import { setUpPython } from './python-setup.js';
import { timeoutFor } from './run-evidence.js';
import { ownProcessReason } from './sharing.js';

export interface CollectOptions {
  /** The selectors to collect (default: all of the input's). */
  selectors?: readonly Selector[];
  python: string;
  jobs: number;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Every collection in a process of its own, no shared workers. */
  isolate?: boolean;
}

/** Verbosity flags would change what --collect-only prints; the check sets its own. */
const VERBOSITY = /^(-v+|-q+|--verbose|--quiet|--verbosity=.*)$/;

/** What `pytest` is given to collect a selector. */
export function collectArgs(selector: Selector): string[] {
  // no:cacheprovider: validating must not write .pytest_cache into the user's repo.
  return [...selector.pytestArgs.filter((a) => !VERBOSITY.test(a)), '--collect-only', '-q', '-p', 'no:cacheprovider'];
}

/** Why a collection found nothing to run, or null when it collected at least one test. */
export function explainCollection(exitCode: number | undefined, output: string, repoDir: string): string | null {
  if (exitCode === 0) return null;
  const lines = output.split('\n').map((l) => l.trimEnd());
  const strip = (s: string): string => s.replace(`${repoDir}/`, '').replace(relative(process.cwd(), repoDir) + '/', '');
  const notFound = lines.filter((l) => /^ERROR: (not found|file or directory not found): /.test(l)).map((l) => strip(l.replace(/^ERROR: (not found|file or directory not found): /, '')));
  if (notFound.length > 0) {
    return `names ${notFound.length === 1 ? 'a node id' : 'node ids'} that ${notFound.length === 1 ? 'does' : 'do'} not exist: ${notFound.join(', ')}`;
  }
  const summary = [...lines].reverse().find((l) => /(no tests collected|tests? collected|error)/.test(l) && / in [\d.]+s/.test(l)) ?? '';
  if (exitCode === 5) return `collects no tests (${summary.replace(/ in [\d.]+s$/, '') || 'pytest exit 5'})`;
  if (exitCode === 2) {
    const firstError = lines.find((l) => /^E\s{3}/.test(l))?.replace(/^E\s+/, '') ?? lines.find((l) => /^ERROR /.test(l)) ?? '';
    return `collection fails${firstError ? `: ${strip(firstError)}` : ''}`;
  }
  const last = lines.filter(Boolean).pop() ?? '';
  return `pytest --collect-only exited ${exitCode ?? 'by a signal'}${last ? `: ${strip(last)}` : ''}`;
}

/**
 * `validate --collect`: collect each selector with `pytest --collect-only -q` and its own
 * arguments; one Problem per selector that selects nothing or names a missing node id.
 * Throws EnvironmentError (exit 3) when python or pytest is missing.
 */
export async function collectFindings(loaded: LoadedInput, options: CollectOptions): Promise<Problem[]> {
  const selectors = options.selectors ?? loaded.data.selectors;
  if (selectors.length === 0) return [];
  const env = Object.fromEntries((loaded.data.ci?.environment ?? []).map((v) => [v.name, v.value]));
  // Each collection is a pytest run like any other (in a shared worker or a process of its
  // own, the selector's timeout, ended on Ctrl-C), logged to a temp file so its output is
  // never held in memory.
  const { pool } = await setUpPython({
    python: options.python,
    cwd: loaded.repoDir,
    env,
    cliEnv: options.env,
    jobs: options.jobs,
    // The check's own `-p no:cacheprovider` is no reason for a process of its own.
    selectorArgs: selectors.map((s) => s.pytestArgs),
    isolate: options.isolate === true,
  });
  const logs = await mkdtemp(join(tmpdir(), 'handoff-collect-'));
  let found: Array<Problem | null>;
  try {
    found = await mapLimit(selectors, options.jobs, async (selector, i): Promise<Problem | null> => {
      const logPath = join(logs, `${selector.id}.log`);
      const run = (ownProcessReason(selector.pytestArgs) === null ? pool?.run : undefined) ?? runPytestAttempt;
      const end = await run({
        python: options.python,
        args: collectArgs(selector),
        cwd: loaded.repoDir,
        env,
        logPath,
        append: false,
        timeoutS: timeoutFor(selector, loaded),
        signal: options.signal,
      });
      if (end.interrupted) throw new Interrupted('interrupted: collection stopped');
      const why = end.timedOut
        ? `collection timed out after ${formatDuration(timeoutFor(selector, loaded) ?? 0)}`
        : explainCollection(end.exitCode ?? undefined, await readTail(logPath, 0, 1024 * 1024), loaded.repoDir);
      if (why === null) return null;
      const index = loaded.data.selectors.indexOf(selector);
      const pos = loaded.positionOf(['selectors', index, 'run']);
      return { file: loaded.file, line: pos.line, col: pos.col, path: `selectors[${index}].run`, message: `selector "${selector.id}" ${why}` };
    });
  } finally {
    await pool?.close();
    await rm(logs, { recursive: true, force: true });
  }
  return found.filter((p): p is Problem => p !== null);
}
