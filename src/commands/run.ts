// `handoff run`: load the input, check python and pytest, run the selectors (src/evidence/) into
// a staging folder, render the brief from the input and the manifest in hand, then swap logs,
// JUnit files, manifest and brief into the output folder together. Until that swap nothing in
// the output folder changes, so an interrupted or failed run leaves the previous evidence intact.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { Interrupted } from '../errors.js';
import { checkPython, readRepoState } from '../evidence/environment.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { createProgress } from '../evidence/progress.js';
import { logPaths, pytestArgv, runEvidence } from '../evidence/run-evidence.js';
import { pickSelectors } from '../evidence/select-selectors.js';
import { prepareStaging, swapIntoPlace } from '../evidence/staging.js';
import { appendHistory, createHistoryEntry } from '../evidence/history.js';
import { pickDueSelectors } from '../evidence/select-due.js';
import { loadInput } from '../input/load-input.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { displayPath, requireRepoDir } from '../input/repo-dir.js';
import { ensureDir } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { checkBriefHistory } from '../render/brief-history.js';
import { formatVerdict } from '../render/evidence-view.js';
import { formatCommandLine } from '../text/shell-words.js';
import { prepareBrief } from '../render/pipeline.js';
import { TOOL_VERSION } from '../version.js';

export interface RunOptions {
  input: string;
  out: string;
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
  dryRun: boolean;
  quiet: boolean;
  now?: string;
  template?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  /** Aborted on Ctrl-C / SIGTERM. */
  signal?: AbortSignal;
}

export interface RunResult {
  /** Every selector met its expect. */
  allMet: boolean;
  briefPath?: string;
  manifestPath?: string;
  manifest?: EvidenceManifest;
}

function printDryRun(loaded: LoadedInput, selectors: readonly Selector[], options: RunOptions, outDir: string): void {
  const env = (loaded.data.ci?.environment ?? []).map((v) => `${v.name}=${formatCommandLine([v.value])}`);
  options.console.out(`# in ${displayPath(loaded.repoDir, options.cwd)}${env.length ? `, with ${env.join(' ')}` : ''}\n`);
  for (const s of selectors) options.console.out(`${s.id}: ${formatCommandLine(pytestArgv(options.python, s, logPaths(outDir, s.id).junit))}\n`);
}

/** The lines that end a run: each selector that did not meet its expect, then the verdict. */
function summarise(loaded: LoadedInput, selectors: readonly Selector[], manifest: EvidenceManifest, manifestPath: string, options: RunOptions): void {
  const show = (p: string): string => displayPath(p, options.cwd);
  for (const s of manifest.selectors.filter((x) => !x.met)) {
    options.console.err(`  ✗ ${s.id}: ${s.outcome}, expected ${s.expect} (log: ${show(join(manifestPath, '..', s.log))})\n`);
  }
  options.console.err(`${formatVerdict(selectors, manifest)} Evidence in ${show(manifestPath)}\n`);
}

export async function runRun(options: RunOptions): Promise<RunResult> {
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  let selectors = pickSelectors(loaded.data.selectors, options.only);
  const outDir = resolve(options.cwd, options.out);
  if (options.due) {
    const due = await pickDueSelectors({ loaded, outDir, now, only: options.only, display: (p) => displayPath(p, options.cwd) });
    for (const note of due.notes) options.console.err(`${note}\n`);
    if (due.selectors.length === 0 || !options.quiet) options.console.err(`${due.message}\n`);
    if (due.selectors.length === 0) return { allMet: true };
    selectors = due.selectors;
  }
  if (options.dryRun) {
    printDryRun(loaded, selectors, options, outDir);
    return { allMet: true };
  }
  await requireRepoDir(loaded, options.cwd, options.repo);
  const [pythonEnv, repoState] = await Promise.all([checkPython(options.python, loaded.repoDir, options.env), readRepoState(loaded.repoDir)]);
  const show = (p: string): string => displayPath(p, options.cwd);
  await ensureDir(outDir, show(outDir));
  await checkBriefHistory(outDir, loaded.data, show);
  const staging = await prepareStaging(outDir, loaded.data.brief.id);

  const expects = new Map(selectors.map((s) => [s.id, s.expect]));
  const progress = createProgress({ console: options.console, total: selectors.length, quiet: options.quiet, columns: process.stderr.columns, expects });
  let manifest: EvidenceManifest;
  try {
    manifest = await runEvidence({
      loaded,
      selectors,
      outDir: staging.dir,
      manifestDir: outDir,
      python: options.python,
      jobs: options.jobs ?? availableParallelism(),
      timeoutS: options.timeout,
      retries: options.retries,
      env: options.env,
      signal: options.signal,
      onEvent: (e) => progress.onEvent(e),
      generatedAt: now,
      toolVersion: TOOL_VERSION,
      pythonEnv,
      repoState,
    });
  } catch (error) {
    if (error instanceof Interrupted) {
      throw new Interrupted(
        `interrupted: running selectors were ended; the previous evidence in ${show(outDir)} is unchanged; this run's logs so far are in ${show(join(staging.dir, 'logs'))}`,
      );
    }
    throw error;
  } finally {
    progress.stop();
  }
  // A Ctrl-C can arrive between any two awaits: check right before the swap, which is the one
  // step that changes the output folder (and does so all or nothing).
  const throwIfAborted = (): void => {
    if (options.signal?.aborted) throw new Interrupted(`interrupted: the previous evidence in ${show(outDir)} is unchanged`);
  };
  throwIfAborted();

  const manifestPath = join(outDir, `${loaded.data.brief.id}.evidence.json`);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  // This run's history line, counted in its own brief and appended once the swap is done.
  const historyEntry = createHistoryEntry(manifest, manifestText, 'run');
  // Rendered from the input that was run and the manifest in hand (not read back): an input
  // edited during a long run cannot slip into this brief.
  const brief = await prepareBrief({
    loaded,
    outDir,
    now,
    template: options.template,
    cwd: options.cwd,
    evidence: { path: manifestPath, text: manifestText, manifest },
    verifyLogs: false,
    pendingHistory: historyEntry,
  });
  throwIfAborted();
  await swapIntoPlace({
    outDir,
    staging,
    manifest,
    manifestName: `${loaded.data.brief.id}.evidence.json`,
    manifestText,
    brief: { path: brief.path, text: brief.text },
    display: show,
  });
  await appendHistory({ outDir, briefId: loaded.data.brief.id, entry: historyEntry, display: show });
  for (const note of brief.notes) options.console.err(`${note}\n`);
  if (!options.quiet) {
    options.console.err(`wrote ${show(brief.path)}\n`);
    summarise(loaded, selectors, manifest, manifestPath, options);
  }
  return { allMet: manifest.selectors.every((s) => s.met), briefPath: brief.path, manifestPath, manifest };
}
