// One run of the selectors into the output folder, the way `handoff run` makes it and `publish`
// when it has no evidence it can use: check that the output folder can be written and its history
// read, set up python and pytest, run the selectors (src/evidence/) into a staging folder, then
// finish (finish-run.ts): render the brief from the input and the manifest in hand and swap logs,
// JUnit files, manifest and brief into the output folder together. Until that swap nothing in the
// output folder changes, so an interrupted or failed run leaves the previous evidence intact.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Interrupted } from '../errors.js';
import { checkBriefHistory } from '../evidence/brief-history.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { createProgress, type Progress } from '../evidence/progress.js';
import { setUpPython } from '../evidence/python-setup.js';
import { readRepoState } from '../evidence/repo-state.js';
import { runEvidence } from '../evidence/run-evidence.js';
import type { ShardSpec } from '../evidence/shard.js';
import { prepareStaging } from '../evidence/staging.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { displayPath } from '../input/repo-dir.js';
import { ensureDir, requireWritableDir } from '../io/atomic-write.js';
import { TOOL_VERSION } from '../version.js';
import { finishRun, type FinishReportOptions, type FinishRunResult } from './finish-run.js';

export interface RunSelectorsOptions extends FinishReportOptions {
  loaded: LoadedInput;
  /** What runs: the input's selectors, or those --only, --due and --shard picked. */
  selectors: readonly Selector[];
  /** Absolute output folder. */
  outDir: string;
  /** Generation time (resolveNow). */
  now: Date;
  python: string;
  /** Selectors run at once; default: the number of CPUs. */
  jobs?: number;
  /** --timeout, in seconds. */
  timeout?: number;
  retries?: number;
  /** Every selector in a pytest process of its own, no shared workers. */
  isolate?: boolean;
  /** One shard of a sharded run (docs/ci.md): which selectors the whole run covers, and what its split rests on. */
  shard?: { spec: ShardSpec; selectors: string[]; split: string };
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
}

export interface RunSelectorsResult extends FinishRunResult {
  /** The manifest as written. */
  manifest: EvidenceManifest;
}

export async function runSelectors(options: RunSelectorsOptions): Promise<RunSelectorsResult> {
  const { loaded, selectors, outDir } = options;
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
      generatedAt: options.now,
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
    manifest = { ...manifest, shard: { ...options.shard.spec, selectors: options.shard.selectors, split: options.shard.split } };
  }
  const finished = await finishRun({
    source: 'run',
    loaded,
    selectors,
    manifest,
    outDir,
    staging,
    shard: options.shard?.spec,
    now: options.now,
    template: options.template,
    summary: options.summary,
    failOn: options.failOn,
    json: options.json,
    quiet: options.quiet,
    cwd: options.cwd,
    env: options.env,
    console: options.console,
    signal: options.signal,
  });
  return { ...finished, manifest };
}
