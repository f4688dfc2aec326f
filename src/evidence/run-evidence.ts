// `handoff run`'s middle: run the selectors (schedule.ts + pytest-process.ts), read each one's
// log tail and JUnit file, and assemble the evidence manifest. Writes only into <out>/logs/<brief id>/.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LoadedInput, Selector } from '../input/model.js';
import type { WorkerPool } from './worker-pool.js';
import { formatDuration } from '../text/duration.js';
import { checkCollected, checkRuntime, classifyAttempt, isMet } from './classify.js';
import type { PythonEnvironment } from './environment.js';
import type { RepoState } from './repo-state.js';
import { excerptLines } from './excerpt.js';
import { countJunit, countSkipReasons, countXfailReasons, parseJunit, type TestResult } from './junit.js';
import { fileSize, forEachLine, readTail, sha256File } from './log-file.js';
import type { Counts, EvidenceManifest, FailureExcerpt, SelectorEvidence } from './manifest.js';
import { selectorFiles } from './out-layout.js';
import { runPytestAttempt, type AttemptRunner, type PytestAttemptOptions, type WorkerKind } from './pytest-process.js';
import { runSchedule, type AttemptReport, type ScheduleEvent, type ScheduledSelector } from './schedule.js';
import { ownProcessReason } from './sharing.js';
import { hashFiles } from './stale.js';
import { createProgressCounter, findSummary } from './summary-line.js';
import { toPosix } from '../io/posix-path.js';

export interface AttemptResult extends AttemptReport {
  startedAt: number;
  /** Where this attempt's output starts in the log (retries append). */
  logFrom: number;
  exitCode: number | null;
  counts: Counts;
  /** Whether the counts came from pytest's summary line (else from JUnit). */
  fromSummary: boolean;
  tests: TestResult[];
  junitWritten: boolean;
  /** "ERROR: …" lines pytest printed (usage errors), from the log tail. */
  errorLines: string[];
  worker: WorkerKind;
}

export interface RunEvidenceOptions {
  loaded: LoadedInput;
  /** The selectors to run (after --only), in input order. */
  selectors: readonly Selector[];
  /** Absolute folder the logs go to (<outDir>/logs/): `run`'s staging folder. */
  outDir: string;
  /** Absolute folder the manifest will be in (default outDir): its paths are relative to it. */
  manifestDir?: string;
  /** The interpreter as the user named it (--python): what the manifest's argv shows. */
  python: string;
  /** The interpreter to start (python-setup.ts resolves a launcher script); default `python`. */
  executable?: string;
  jobs: number;
  /** --timeout in seconds (beats the selector's and ci.timeout). */
  timeoutS?: number;
  /** --retries (beats ci.retries). */
  retries?: number;
  /** The command's environment: what every pytest starts with, the selectors' own added. */
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onEvent?: (event: ScheduleEvent) => void;
  /** SIGTERM-to-SIGKILL grace for a selector's process group (default 3000; tests use less). */
  graceMs?: number;
  generatedAt: Date;
  toolVersion: string;
  pythonEnv: PythonEnvironment;
  repoState: RepoState;
  /**
   * Warm workers for the selectors that can share one (python-setup.ts); without a pool
   * (--isolate) every selector runs in a pytest process of its own.
   */
  pool?: WorkerPool;
  /** Expected seconds per selector id (e.g. from the last manifest): longest run first. */
  expectedS?: ReadonlyMap<string, number>;
  /** Replaces the real pytest process (tests of timing paths only). */
  runProcess?: AttemptRunner;
}

/** Absolute paths of a selector's log and JUnit file in an output (or staging) folder. */
export function logPaths(outDir: string, briefId: string, id: string): { log: string; junit: string } {
  const files = selectorFiles(briefId, id);
  return { log: join(outDir, files.log), junit: join(outDir, files.junit) };
}

/** The argv a selector runs: `PYTHON -m pytest ARGS -o junit_family=xunit1 --junitxml=FILE`. */
export function pytestArgv(python: string, selector: Selector, junitPath: string): string[] {
  // xunit1 records each test's file, which is what turns a JUnit entry back into a node id.
  return [python, '-m', 'pytest', ...selector.pytestArgs, '-o', 'junit_family=xunit1', `--junitxml=${junitPath}`];
}

export function timeoutFor(selector: Selector, loaded: LoadedInput, override?: number): number | undefined {
  return override ?? selector.timeout ?? loaded.data.ci?.timeout;
}

/** Past this size (a project with `junit_logging = all` and chatty tests) JUnit is not parsed. */
const MAX_JUNIT_BYTES = 32 * 1024 * 1024;

async function readJunit(path: string): Promise<{ tests: TestResult[] | null; written: boolean }> {
  const size = await fileSize(path);
  if (size === 0) return { tests: null, written: false }; // killed before pytest wrote it
  if (size > MAX_JUNIT_BYTES) return { tests: null, written: true };
  try {
    return { tests: parseJunit(await readFile(path, 'utf8')), written: true };
  } catch {
    return { tests: null, written: true }; // truncated or not JUnit: the file is kept for a reader
  }
}

async function runAttempt(selector: Selector, attempt: number, options: RunEvidenceOptions): Promise<AttemptResult> {
  const paths = logPaths(options.outDir, options.loaded.data.brief.id, selector.id);
  const env = Object.fromEntries((options.loaded.data.ci?.environment ?? []).map((v) => [v.name, v.value]));
  const timeoutS = timeoutFor(selector, options.loaded, options.timeoutS);
  await rm(paths.junit, { force: true });
  const from = attempt > 1 ? await fileSize(paths.log) : 0;
  const processOptions: PytestAttemptOptions = {
    python: options.executable ?? options.python,
    args: pytestArgv(options.python, selector, paths.junit).slice(3),
    cwd: options.loaded.repoDir,
    cliEnv: options.env,
    env,
    logPath: paths.log,
    append: attempt > 1,
    header: attempt > 1 ? `\n===== handoff: attempt ${attempt} =====\n` : undefined,
    timeoutS,
    graceMs: options.graceMs,
    signal: options.signal,
    // A retry runs in a worker that has run nothing before.
    fresh: attempt > 1,
  };
  const pool = ownProcessReason(selector.pytestArgs) === null ? options.pool : undefined;
  const end = await (options.runProcess ?? pool?.run ?? runPytestAttempt)(processOptions);
  const tail = await readTail(paths.log, from);
  const { tests, written } = await readJunit(paths.junit);
  const summary = findSummary(tail);
  const counts = summary ?? countJunit(tests ?? []);
  const outcome = classifyAttempt({ exitCode: end.exitCode, timedOut: end.timedOut, counts, collectOnly: selector.collectOnly });
  const errorLines = tail.split('\n').filter((l) => /^(ERROR|INTERNALERROR)\b/.test(l)).slice(0, 5);
  return {
    outcome,
    interrupted: end.interrupted,
    durationS: end.durationS,
    startedAt: end.startedAt,
    logFrom: from,
    exitCode: end.exitCode,
    counts,
    fromSummary: summary !== null,
    tests: tests ?? [],
    junitWritten: written,
    errorLines,
    worker: end.worker,
  };
}

/** Failures worth showing: failed and errored tests, or why the selector as a whole broke. */
function failuresOf(selector: Selector, last: AttemptResult, timeoutS: number | undefined, logTail: string): FailureExcerpt[] {
  const failures = last.tests
    .filter((t) => t.status === 'failed' || t.status === 'error')
    .map((t) => ({ nodeid: t.nodeid, message: t.message, excerpt: excerptLines(t.details), ...(t.file ? { file: t.file } : {}), ...(t.line ? { line: t.line } : {}) }));
  if (failures.length > 0) return failures;
  const where = selector.files.join(' ') || selector.pytestArgs.join(' ');
  if (last.outcome === 'timeout') {
    const message = `timed out after ${formatDuration(timeoutS ?? last.durationS)}; the process group was ended`;
    return [{ nodeid: where, message, excerpt: excerptLines(logTail.split('\n').slice(-40).join('\n'), { head: 0, tail: 30 }) }];
  }
  if (last.outcome === 'error' && last.errorLines.length > 0) {
    return [{ nodeid: where, message: last.errorLines[0] ?? '', excerpt: last.errorLines.join('\n') }];
  }
  return [];
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}


async function countBeforeKill(log: string, from: number): Promise<Counts> {
  const counter = createProgressCounter();
  await forEachLine(log, (line) => counter.line(line), from);
  return counter.result();
}

export async function runEvidence(options: RunEvidenceOptions): Promise<EvidenceManifest> {
  const { loaded } = options;
  const manifestDir = options.manifestDir ?? options.outDir;
  const briefId = loaded.data.brief.id;
  await mkdir(join(options.outDir, 'logs', briefId), { recursive: true });
  const ci = loaded.data.ci;
  const byId = new Map(options.selectors.map((s) => [s.id, s]));
  const scheduled: ScheduledSelector[] = options.selectors.map((s) => ({
    id: s.id,
    retries: options.retries ?? ci?.retries ?? 0,
    retryOn: ci?.retry_on ?? [],
    expectedS: s.runtime?.expected ?? options.expectedS?.get(s.id),
  }));
  // The test files as they are when the run starts: an edit made while pytest runs must make
  // the evidence stale, not be recorded as the version that was tested.
  const hashes = new Map(
    await Promise.all(options.selectors.map(async (s) => [s.id, await hashFiles(loaded.repoDir, s.files)] as const)),
  );
  const runs = await runSchedule<AttemptResult>(scheduled, {
    jobs: options.jobs,
    signal: options.signal,
    onEvent: options.onEvent,
    runAttempt: (s, attempt) => runAttempt(byId.get(s.id) as Selector, attempt, options),
  });

  const selectors: SelectorEvidence[] = [];
  for (const run of runs) {
    const selector = byId.get(run.id) as Selector;
    const [first, ...retries] = run.attempts;
    const last = retries[retries.length - 1] ?? first;
    const paths = logPaths(options.outDir, briefId, selector.id);
    const files = selectorFiles(briefId, selector.id);
    const tail = last.outcome === 'timeout' ? await readTail(paths.log, 0, 8 * 1024) : '';
    const skipReasons = countSkipReasons(last.tests);
    const xfailReasons = countXfailReasons(last.tests);
    const collectedFinding = run.outcome === 'collected' ? checkCollected(last.counts, selector.collected?.min) : null;
    selectors.push({
      id: selector.id,
      run: selector.run,
      argv: pytestArgv(options.python, selector, logPaths(manifestDir, briefId, selector.id).junit),
      outcome: run.outcome,
      expect: selector.expect,
      met: isMet(selector.expect, run.outcome, collectedFinding),
      exit_code: last.exitCode,
      attempts: run.attempts.length,
      ...(run.attempts.length > 1
        ? { attempt_results: run.attempts.map((a) => ({ outcome: a.outcome, exit_code: a.exitCode, duration_s: round(a.durationS), counts: a.counts })) }
        : {}),
      started_at: new Date(first.startedAt).toISOString(),
      duration_s: round(last.durationS),
      // A run killed on timeout printed no summary line and wrote no JUnit file: count what its
      // progress output shows had run before the kill.
      counts: last.outcome === 'timeout' && !last.fromSummary && last.tests.length === 0 ? await countBeforeKill(paths.log, last.logFrom) : last.counts,
      runtime_findings: [...checkRuntime(last.durationS, selector.runtime), ...(collectedFinding ? [collectedFinding] : [])],
      log: files.log,
      log_sha256: await sha256File(paths.log),
      junit: last.junitWritten ? files.junit : null,
      failures: failuresOf(selector, last, timeoutFor(selector, loaded, options.timeoutS), tail),
      ...(skipReasons.length > 0 ? { skip_reasons: skipReasons } : {}),
      ...(xfailReasons.length > 0 ? { xfail_reasons: xfailReasons } : {}),
      files: hashes.get(selector.id) ?? {},
      worker: last.worker,
    });
  }
  return {
    version: 1,
    generated_at: options.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tool: { name: 'handoff-brief', version: options.toolVersion },
    input: { brief_id: loaded.data.brief.id, file: toPosix(relative(manifestDir, loaded.absPath)), sha256: createHash('sha256').update(loaded.text).digest('hex') },
    // Relative to the manifest (and the brief beside it), so a link from the brief resolves.
    repo: describeRepo(toPosix(relative(manifestDir, loaded.repoDir)) || '.', options.repoState),
    environment: options.pythonEnv,
    shared_workers: options.pool?.workersUsed ?? 0,
    selectors,
  };
}

/** The manifest's `repo`: where, which commit, and what changes counted as uncommitted. */
export function describeRepo(path: string, state: RepoState): EvidenceManifest['repo'] {
  return {
    path,
    commit: state.commit,
    dirty: state.dirty,
    name: state.name,
    folder: state.folder,
    ...(state.dirty ? { changed: state.changed, changed_count: state.changedCount } : {}),
  };
}
