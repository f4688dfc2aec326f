// `handoff run`: load the input, pick the selectors (--only, --due, --shard), print their
// commands (--dry-run) or run them into the output folder (run/run-selectors.ts).
import { resolveNow } from '../clock.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { lastRunDurations } from '../evidence/last-durations.js';
import { logPaths, pytestArgv } from '../evidence/run-evidence.js';
import { pickSelectors } from '../evidence/select-selectors.js';
import { pickShard, type ShardSpec } from '../evidence/shard.js';
import { pickDueSelectors } from '../followups/select-due.js';
import { loadInput } from '../input/load-input.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { resolveOutDir } from '../input/out-dir.js';
import { displayPath, requireRepoDir } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';
import { runSelectors } from '../run/run-selectors.js';
import { formatCommandLine } from '../text/shell-words.js';

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
  /** Run only shard K of N of the selected selectors (docs/ci.md). */
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
  const run = await runSelectors({
    loaded,
    selectors,
    outDir,
    now,
    python: options.python,
    jobs: options.jobs,
    timeout: options.timeout,
    retries: options.retries,
    isolate: options.isolate,
    shard: options.shard ? { spec: options.shard, selectors: picked.map((s) => s.id), split: split!.basis } : undefined,
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
  return { exitCode: run.exitCode, briefPath: run.briefPath, manifestPath: run.manifestPath, manifest: run.manifest };
}
