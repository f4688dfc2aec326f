// `handoff run`: load the input, pick the selectors (--only, --shard), check python and pytest,
// run them (src/evidence/) into a staging folder, then finish (run-results.ts): render the brief
// from the input and the manifest in hand and swap logs, JUnit files, manifest and brief into the
// output folder together. Until that swap nothing in the output folder changes, so an
// interrupted or failed run leaves the previous evidence intact.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { Interrupted } from '../errors.js';
import { readRepoState } from '../evidence/repo-state.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { createProgress, type Progress } from '../evidence/progress.js';
import { setUpPython } from '../evidence/python-setup.js';
import { logPaths, pytestArgv, runEvidence } from '../evidence/run-evidence.js';
import { pickSelectors } from '../evidence/select-selectors.js';
import { pickDueSelectors } from '../evidence/select-due.js';
import { lastRunDurations } from '../evidence/last-durations.js';
import { pickShard, type ShardSpec } from '../evidence/shard.js';
import { prepareStaging } from '../evidence/staging.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { displayPath, requireRepoDir } from '../input/repo-dir.js';
import { ensureDir, requireWritableDir } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { checkBriefHistory } from '../render/brief-history.js';
import { finishRun } from './run-results.js';
import { formatCommandLine } from '../text/shell-words.js';
import { prepareBrief } from '../render/pipeline.js';
import { TOOL_VERSION } from '../version.js';

export interface RunOptions {
  input: string;

  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  /** Selectors run at once; default: the number of CPUs. */
  jobs?: number;
  /** --timeout, in seconds. */
  timeout?: number;
  retries?: number;
  only?: string[];
  /** --due: only the selectors of the follow-ups due on --now (with --only: those among them). */
  due?: boolean;
  python: string;
  /** Every selector in a pytest process of its own, no shared workers. */
  isolate?: boolean;
  dryRun: boolean;
  quiet: boolean;
  now?: string;
  template?: string;
  /** Run only shard K of N of the selected selectors (SPEC §11). */
  shard?: ShardSpec;
  /** Job summary file; default $GITHUB_STEP_SUMMARY when set. */
  summary?: string;
  /** `guardrail`: a runtime breach (above max, below min) also exits 1. */
  failOn?: string;
  /** Print one JSON document on stdout. */
  json?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** 0 when every selector met its expect (and no breach under --fail-on guardrail), else 1. */
  exitCode: 0 | 1;
  briefPath?: string;
  manifestPath?: string;
  manifest?: EvidenceManifest;
}

function printDryRun(loaded: LoadedInput, selectors: readonly Selector[], options: RunOptions, outDir: string): void {
  const env = (loaded.data.ci?.environment ?? []).map((v) => `${v.name}=${formatCommandLine([v.value])}`);
  options.console.out(`# in ${displayPath(loaded.repoDir, options.cwd)}${env.length ? `, with ${env.join(' ')}` : ''}\n`);
  for (const s of selectors) options.console.out(`${s.id}: ${formatCommandLine(pytestArgv(options.python, s, logPaths(outDir, loaded.data.brief.id, s.id).junit))}\n`);
}

export async function runRun(options: RunOptions): Promise<RunResult> {
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  let picked = pickSelectors(loaded.data.selectors, options.only);
  const outDir = await resolveOutDir(options.out, loaded.absPath, options.cwd);
  if (options.due) {
    const due = await pickDueSelectors({ loaded, outDir, now, only: options.only, display: (p) => displayPath(p, options.cwd) });
    for (const note of due.notes) options.console.err(`${note}\n`);
    if (due.selectors.length === 0 || !options.quiet) options.console.err(`${due.message}\n`);
    if (due.selectors.length === 0) return { exitCode: 0 };
    picked = due.selectors;
  }
  // A shard is a part of what --only and --due picked: the split is of that set.
  const split = options.shard ? await lastRunDurations(outDir, loaded.data.brief.id) : undefined;
  const selectors = options.shard ? pickShard(picked, options.shard, split!.durations) : picked;
  if (options.dryRun) {
    printDryRun(loaded, selectors, options, outDir);
    return { exitCode: 0 };
  }
  await requireRepoDir(loaded, options.cwd, options.repo);
  const show = (p: string): string => displayPath(p, options.cwd);
  // Where the results go, before anything starts: a folder it cannot write stops it at once.
  await requireWritableDir(outDir, show(outDir));
  // A history this run could not append to stops it before anything runs.
  await checkBriefHistory(outDir, loaded.data, show);
  const jobs = options.jobs ?? availableParallelism();
  const [{ pythonEnv, pool, executable }, repoState] = await Promise.all([
    setUpPython({
      python: options.python,
      cwd: loaded.repoDir,
      env: Object.fromEntries((loaded.data.ci?.environment ?? []).map((v) => [v.name, v.value])),
      cliEnv: options.env,
      jobs,
      selectorArgs: selectors.map((s) => s.pytestArgs),
      isolate: options.isolate === true,
    }),
    // The output folder and a job summary written into the repo are handoff's, not changes of the repo.
    readRepoState(loaded.repoDir, [outDir, ...(options.summary ? [resolve(options.cwd, options.summary)] : [])], options.env),
  ]);

  let progress: Progress | undefined;
  let manifest: EvidenceManifest;
  let staging: Awaited<ReturnType<typeof prepareStaging>> | undefined;
  try {
    await ensureDir(outDir, show(outDir));
    staging = await prepareStaging(outDir, loaded.data.brief.id);
    const expects = new Map(selectors.map((s) => [s.id, s.expect]));
    progress = createProgress({ console: options.console, total: selectors.length, quiet: options.quiet, columns: process.stderr.columns, expects });
    const onEvent = progress.onEvent.bind(progress);
    manifest = await runEvidence({
      loaded,
      selectors,
      outDir: staging.dir,
      manifestDir: outDir,
      python: options.python,
      executable,
      jobs,
      timeoutS: options.timeout,
      retries: options.retries,
      env: options.env,
      signal: options.signal,
      onEvent,
      generatedAt: now,
      toolVersion: TOOL_VERSION,
      pythonEnv,
      repoState,
      pool,
    });
  } catch (error) {
    if (error instanceof Interrupted && staging) {
      throw new Interrupted(
        `interrupted: running selectors were ended; the previous evidence in ${show(outDir)} is unchanged; this run's logs so far are in ${show(join(staging.dir, 'logs', loaded.data.brief.id))}`,
      );
    }
    throw error;
  } finally {
    progress?.stop();
    await pool?.close();
  }
  if (options.shard) {
    // Which selectors the whole sharded run covers, so `merge` can tell a missing shard.
    manifest = { ...manifest, shard: { ...options.shard, selectors: picked.map((s) => s.id), split: split!.basis } };
  }
  const finished = await finishRun({
    source: 'run',
    loaded,
    selectors,
    manifest,
    outDir,
    staging,
    shard: options.shard,
    now,
    template: options.template,
    summary: options.summary,
    failOn: options.failOn,
    json: options.json === true,
    quiet: options.quiet,
    cwd: options.cwd,
    env: options.env,
    console: options.console,
    signal: options.signal,
  });
  return { exitCode: finished.exitCode, briefPath: finished.briefPath, manifestPath: finished.manifestPath, manifest };
}
