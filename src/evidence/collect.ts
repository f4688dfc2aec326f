// `handoff validate --collect`: collect each selector with its own arguments and report the
// ones that would run nothing. The real Phase E3 brief cited two node ids that never existed;
// this is the check that would have caught them.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Interrupted, type Problem } from '../errors.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { formatDuration } from '../text/duration.js';
import { closestNodeId } from '../text/edit-distance.js';
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
  /** The command's environment (pytest starts with it) and folder (paths are shown from it). */
  env: NodeJS.ProcessEnv;
  cwd: string;
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

/**
 * Text pytest printed, with the paths in it as the repo-relative paths the selector wrote: the
 * repo's absolute folder, or its folder relative to here, taken off where a path starts (at the
 * start, or after a space, quote or bracket). From the repo's own root that relative folder is
 * '', which is no prefix at all: 0.2 took off the first '/' instead (`teststest_x.py::…`).
 */
export function stripRepoPrefix(text: string, repoDir: string, cwd: string): string {
  let out = text;
  for (const folder of [repoDir, relative(cwd, repoDir)]) {
    if (folder === '') continue;
    const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|[\\s'"(\\[])${escaped}/`, 'g'), '$1');
  }
  return out;
}

/** The node ids a selector names that pytest did not find (from its collection output). */
export function missingNodeIds(output: string, repoDir: string, cwd: string): string[] {
  const strip = (s: string): string => stripRepoPrefix(s, repoDir, cwd);
  return output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => /^ERROR: (not found|file or directory not found): /.test(l))
    .map((l) => strip(l.replace(/^ERROR: (not found|file or directory not found): /, '')));
}

/**
 * Why a collection found nothing to run, or null when it collected at least one test.
 * `suggestions`: node id → a close one that exists ("did you mean").
 */
export function explainCollection(exitCode: number | undefined, output: string, repoDir: string, cwd: string, suggestions: ReadonlyMap<string, string> = new Map()): string | null {
  if (exitCode === 0) return null;
  const lines = output.split('\n').map((l) => l.trimEnd());
  const strip = (s: string): string => stripRepoPrefix(s, repoDir, cwd);
  const notFound = missingNodeIds(output, repoDir, cwd);
  if (notFound.length > 0) {
    const named = notFound.map((id) => (suggestions.has(id) ? `${id} (did you mean ${suggestions.get(id)}?)` : id));
    return `names ${notFound.length === 1 ? 'a node id' : 'node ids'} that ${notFound.length === 1 ? 'does' : 'do'} not exist: ${named.join(', ')}`;
  }
  // pytest refusing its command line (exit 4): its own `error:` line says why.
  const usage = lines.find((l) => /^\S*: error: /.test(l));
  if (exitCode === 4 && usage) return `is a command line pytest refuses: ${usage.replace(/^\S*: error: /, '')}`;
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
  // Validating must leave the repo as it found it: no byte code next to its modules.
  const env = { ...Object.fromEntries((loaded.data.ci?.environment ?? []).map((v) => [v.name, v.value])), PYTHONDONTWRITEBYTECODE: '1' };
  const before = new Set(await readdir(loaded.repoDir));
  // Each collection is a pytest run like any other (in a shared worker or a process of its
  // own, the selector's timeout, ended on Ctrl-C), logged to a temp file so its output is
  // never held in memory.
  const { pool, executable } = await setUpPython({
    python: options.python,
    cwd: loaded.repoDir,
    env,
    cliEnv: options.env,
    jobs: options.jobs,
    // The check's own `-p no:cacheprovider` is no reason for a process of its own.
    selectorArgs: selectors.map((s) => s.pytestArgs),
    isolate: options.isolate === true,
  });
  // The temp folder the command's environment names, as os.tmpdir() reads it from this process's.
  const logs = await mkdtemp(join(options.env.TMPDIR || options.env.TMP || options.env.TEMP || '/tmp', 'handoff-collect-'));
  let found: Array<Problem | null>;
  try {
    found = await mapLimit(selectors, options.jobs, async (selector, i): Promise<Problem | null> => {
      const logPath = join(logs, `${selector.id}.log`);
      const run = (ownProcessReason(selector.pytestArgs) === null ? pool?.run : undefined) ?? runPytestAttempt;
      const end = await run({
        python: executable,
        args: collectArgs(selector),
        cwd: loaded.repoDir,
        cliEnv: options.env,
        env,
        logPath,
        append: false,
        timeoutS: timeoutFor(selector, loaded),
        signal: options.signal,
      });
      if (end.interrupted) throw new Interrupted('interrupted: collection stopped');
      const output = end.timedOut ? '' : await readTail(logPath, 0, 1024 * 1024);
      const suggestions = new Map<string, string>();
      for (const id of end.timedOut ? [] : missingNodeIds(output, loaded.repoDir, options.cwd)) {
        const file = id.split('::')[0]!;
        if (file === id) continue;
        // What the file does hold, collected the same way, for a "did you mean".
        const fileLog = join(logs, `${selector.id}.file.log`);
        const listed = await run({ python: executable, args: [file, '--collect-only', '-q', '-p', 'no:cacheprovider'], cwd: loaded.repoDir, cliEnv: options.env, env, logPath: fileLog, append: false, timeoutS: timeoutFor(selector, loaded), signal: options.signal });
        if (listed.exitCode !== 0) continue;
        const ids = (await readTail(fileLog, 0, 1024 * 1024)).split('\n').filter((l) => l.startsWith(`${file}::`));
        const close = closestNodeId(id.slice(file.length), ids.map((i) => i.slice(file.length)));
        if (close) suggestions.set(id, `${file}${close}`);
      }
      const why = end.timedOut
        ? `collection timed out after ${formatDuration(timeoutFor(selector, loaded) ?? 0)}`
        : explainCollection(end.exitCode ?? undefined, output, loaded.repoDir, options.cwd, suggestions);
      if (why === null) return null;
      const index = loaded.data.selectors.indexOf(selector);
      const pos = loaded.positionOf(['selectors', index, 'run']);
      return { file: loaded.file, line: pos.line, col: pos.col, path: `selectors[${index}].run`, message: `selector "${selector.id}" ${why}` };
    });
  } finally {
    await pool?.close();
    await rm(logs, { recursive: true, force: true });
    // Plugins that make a cache folder in the rootdir (pytest-benchmark's .benchmarks,
    // hypothesis's .hypothesis) even when only collecting: gone again if validate made them.
    for (const name of await readdir(loaded.repoDir)) {
      if (!before.has(name) && ['.benchmarks', '.hypothesis', '.pytest_cache'].includes(name)) await rm(join(loaded.repoDir, name), { recursive: true, force: true });
    }
  }
  return found.filter((p): p is Problem => p !== null);
}
