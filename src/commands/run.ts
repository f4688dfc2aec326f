// `handoff run`: load the input, check python and pytest, run the selectors (src/evidence/),
// write the evidence manifest atomically, then render the brief with it (the same pipeline as
// `handoff render --evidence`, from the input and manifest in hand). Nothing but logs is
// written until every selector has finished, so an interrupted run leaves no half-made brief.
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { stat } from 'node:fs/promises';
import { resolveNow } from '../clock.js';
import { EnvironmentError, Interrupted, UsageError } from '../errors.js';
import { readRepoState } from '../evidence/environment.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { createProgress, type Progress } from '../evidence/progress.js';
import { setUpPython } from '../evidence/python-setup.js';
import { logPaths, pytestArgv, runEvidence } from '../evidence/run-evidence.js';
import { parseDuration } from '../input/grammars.js';
import { loadInput } from '../input/load-input.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { ensureDir, writeFileAtomic } from '../io/atomic-write.js';
import { prepareBrief } from '../render/pipeline.js';
import type { Console } from '../io/console.js';
import { TOOL_VERSION } from '../version.js';

export interface RunOptions {
  input: string;
  out: string;
  repo?: string;
  jobs?: number;
  timeout?: string;
  retries?: number;
  only?: string[];
  python: string;
  /** Every selector in a pytest process of its own, no shared workers. */
  isolate?: boolean;
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
}

interface Settings {
  jobs: number;
  timeoutS?: number;
  retries?: number;
}

function readSettings(options: RunOptions): Settings {
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs: expected a whole number of at least 1, got ${options.jobs}`);
  if (options.retries !== undefined && (!Number.isInteger(options.retries) || options.retries < 0)) {
    throw new UsageError(`--retries: expected a whole number of 0 or more, got ${options.retries}`);
  }
  let timeoutS: number | undefined;
  if (options.timeout !== undefined) {
    timeoutS = parseDuration(options.timeout);
    if (timeoutS === undefined || timeoutS <= 0) throw new UsageError(`--timeout: "${options.timeout}" is not a duration; use e.g. 90s, 2m or 1h30m`);
  }
  return { jobs, timeoutS, retries: options.retries };
}

export function pickSelectors(all: readonly Selector[], only: readonly string[] | undefined): Selector[] {
  if (!only || only.length === 0) return [...all];
  const ids = new Set(all.map((s) => s.id));
  const unknown = only.filter((id) => !ids.has(id));
  if (unknown.length > 0) {
    const known = all.map((s) => s.id).join(', ') || '(none)';
    throw new UsageError(`--only: no selector ${unknown.map((id) => `"${id}"`).join(', ')} in the input; its selectors are: ${known}`);
  }
  const wanted = new Set(only);
  return all.filter((s) => wanted.has(s.id));
}

function display(path: string, cwd: string): string {
  return relative(cwd, path) || '.';
}

/** Shell-quote for reading: plain words stay bare, anything else in single quotes. */
export function quoteWords(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function printDryRun(loaded: LoadedInput, selectors: readonly Selector[], options: RunOptions, outDir: string): void {
  const env = (loaded.data.ci?.environment ?? []).map((v) => `${v.name}=${quoteWords([v.value])}`);
  options.console.out(`# in ${display(loaded.repoDir, options.cwd)}${env.length ? `, with ${env.join(' ')}` : ''}\n`);
  for (const s of selectors) {
    options.console.out(`${s.id}: ${quoteWords(pytestArgv(options.python, s, logPaths(outDir, s.id).junit))}\n`);
  }
}

function summarise(manifest: EvidenceManifest, manifestPath: string, options: RunOptions): void {
  const byOutcome = new Map<string, number>();
  for (const s of manifest.selectors) byOutcome.set(s.outcome, (byOutcome.get(s.outcome) ?? 0) + 1);
  const met = manifest.selectors.filter((s) => s.met).length;
  const outcomes = [...byOutcome].map(([o, n]) => `${n} ${o}`).join(', ');
  options.console.err(`${manifest.selectors.length} selectors: ${met} met their expect (${outcomes}); evidence in ${display(manifestPath, options.cwd)}\n`);
  for (const s of manifest.selectors.filter((x) => !x.met)) {
    options.console.err(`  ${s.id}: ${s.outcome}, expected ${s.expect} (log: ${display(join(manifestPath, '..', s.log), options.cwd)})\n`);
  }
}

export async function runRun(options: RunOptions): Promise<RunResult> {
  const settings = readSettings(options);
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  const selectors = pickSelectors(loaded.data.selectors, options.only);
  const outDir = resolve(options.cwd, options.out);
  if (options.dryRun) {
    printDryRun(loaded, selectors, options, outDir);
    return { allMet: true };
  }
  const repoInfo = await stat(loaded.repoDir).catch(() => undefined);
  if (!repoInfo?.isDirectory()) {
    throw new EnvironmentError(`repo folder ${display(loaded.repoDir, options.cwd)} does not exist; pass --repo DIR or fix \`repo:\` in ${loaded.file}`);
  }
  const [{ pythonEnv, pool }, repoState] = await Promise.all([
    setUpPython({
      python: options.python,
      cwd: loaded.repoDir,
      env: Object.fromEntries((loaded.data.ci?.environment ?? []).map((v) => [v.name, v.value])),
      cliEnv: options.env,
      jobs: settings.jobs,
      selectorArgs: selectors.map((s) => s.pytestArgs),
      isolate: options.isolate === true,
    }),
    readRepoState(loaded.repoDir),
  ]);

  let progress: Progress | undefined;
  let manifest: EvidenceManifest;
  try {
    await ensureDir(join(outDir, 'logs'), display(join(outDir, 'logs'), options.cwd));
    progress = createProgress({ console: options.console, total: selectors.length, quiet: options.quiet, columns: process.stderr.columns });
    const onEvent = progress.onEvent.bind(progress);
    manifest = await runEvidence({
      loaded,
      selectors,
      outDir,
      python: options.python,
      jobs: settings.jobs,
      timeoutS: settings.timeoutS,
      retries: settings.retries,
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
    if (error instanceof Interrupted) {
      throw new Interrupted(`interrupted: running selectors were ended; logs so far are in ${display(join(outDir, 'logs'), options.cwd)}; no brief or manifest was written`);
    }
    throw error;
  } finally {
    progress?.stop();
    await pool?.close();
  }
  // A Ctrl-C can arrive between any two awaits; check right before each write. Writes are
  // atomic, so whichever side of a check it lands on, nothing is half-written.
  const throwIfAborted = (written: string): void => {
    if (options.signal?.aborted) throw new Interrupted(`interrupted: ${written}`);
  };
  throwIfAborted('no brief or manifest was written');

  const manifestPath = join(outDir, `${loaded.data.brief.id}.evidence.json`);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFileAtomic(manifestPath, manifestText, { displayName: display(manifestPath, options.cwd) });
  throwIfAborted(`the evidence manifest ${display(manifestPath, options.cwd)} was written; no brief was rendered`);
  // The brief is rendered from the input that was run and the manifest in hand (not read
  // back): an input edited during a long run cannot slip into this brief.
  const brief = await prepareBrief({
    loaded,
    outDir,
    now,
    template: options.template,
    cwd: options.cwd,
    evidence: { path: manifestPath, text: manifestText, manifest },
  });
  await writeFileAtomic(brief.path, brief.text, { displayName: display(brief.path, options.cwd) });
  if (!options.quiet) options.console.err(`wrote ${display(brief.path, options.cwd)}\n`);
  if (!options.quiet) summarise(manifest, manifestPath, options);
  return { allMet: manifest.selectors.every((s) => s.met), briefPath: brief.path, manifestPath };
}
