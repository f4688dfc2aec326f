// The end of a run (`run`, `merge`, and `publish` when it runs the selectors): render the brief
// from the input and the manifest in hand, swap logs, manifest and brief into the output folder
// all or nothing, append the history line, then tell the user and CI (verdict, job summary,
// annotations, --json) and work out the exit code (--fail-on).
import { join } from 'node:path';
import { isGuardrailBreach } from '../ci/annotations.js';
import { reportRun } from '../ci/report-run.js';
import { Interrupted } from '../errors.js';
import { appendHistory, createHistoryEntry } from '../evidence/history.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { manifestName } from '../evidence/out-layout.js';
import { describeResult } from '../evidence/outcome-words.js';
import { formatShard, type ShardSpec } from '../evidence/shard.js';
import { swapIntoPlace, type Staging } from '../evidence/staging.js';
import type { LoadedInput, Selector } from '../input/model.js';
import { displayPath } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';
import { formatVerdictLine } from '../evidence/verdict.js';
import { chartChanges } from '../render/chart-files.js';
import { prepareBrief } from '../render/pipeline.js';

/** What `run` and `merge` both take for finishing a run: the brief's template and the reports. */
export interface FinishReportOptions {
  template?: string;
  /** Job summary file; default $GITHUB_STEP_SUMMARY when set. */
  summary?: string;
  /** 'guardrail': a runtime guardrail breach exits 1 too. */
  failOn?: string;
  json: boolean;
  quiet: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface FinishRunOptions extends FinishReportOptions {
  loaded: LoadedInput;
  /** The selectors this run answers for (the verdict counts them). */
  selectors: readonly Selector[];
  manifest: EvidenceManifest;
  outDir: string;
  staging: Staging;
  /** A shard writes `<id>.evidence.shard-K-of-N.json` and no brief, and no history line (merge does). */
  shard?: ShardSpec;
  /** Which command made the evidence, for its history line. */
  source: 'run' | 'merge';
  now: Date;
  signal?: AbortSignal;
}

export interface FinishRunResult {
  /** 0 every selector met its expect (and no guardrail breach with --fail-on guardrail), else 1. */
  exitCode: 0 | 1;
  manifestPath: string;
  briefPath?: string;
}

/** The JSON document `run --json` and `merge --json` print (README "Exit codes and --json"). */
export interface RunJson {
  verdict: string;
  all_met: boolean;
  guardrail_breaches: Array<{ id: string; finding: string }>;
  exit_code: 0 | 1;
  manifest: string;
  brief: string | null;
  shard: string | null;
  selectors: Array<{ id: string; outcome: string; expect: string; met: boolean; duration_s: number; counts: EvidenceManifest['selectors'][number]['counts']; findings: string[]; log: string }>;
}

export async function finishRun(options: FinishRunOptions): Promise<FinishRunResult> {
  const { loaded, manifest, outDir } = options;
  const show = (p: string): string => displayPath(p, options.cwd);
  const throwIfAborted = (): void => {
    if (options.signal?.aborted) throw new Interrupted(`interrupted: the previous evidence in ${show(outDir)} is unchanged`);
  };
  throwIfAborted();
  const name = manifestName(loaded.data.brief.id, options.shard);
  const manifestPath = join(outDir, name);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  // This run's history line: counted in its own brief, appended once the swap is done.
  const historyEntry = options.shard ? undefined : createHistoryEntry(manifest, manifestText, options.source);
  // Rendered from the input that was run and the manifest in hand (not read back): an input
  // edited during a long run cannot slip into this brief. A shard's evidence is a part: no brief.
  const brief = options.shard
    ? undefined
    : await prepareBrief({
        loaded,
        outDir,
        now: options.now,
        template: options.template,
        cwd: options.cwd,
        evidence: { path: manifestPath, text: manifestText, manifest },
        verifyLogs: false,
        pendingHistory: historyEntry,
      });
  throwIfAborted();
  await swapIntoPlace({
    outDir,
    staging: options.staging,
    manifest,
    briefId: loaded.data.brief.id,
    manifestName: name,
    manifestText,
    brief: brief ? { path: brief.path, text: brief.text } : undefined,
    // The runtime charts the brief links, all or nothing with it.
    alongside: brief ? await chartChanges(brief) : [],
    display: show,
  });
  if (historyEntry) await appendHistory({ outDir, briefId: loaded.data.brief.id, entry: historyEntry, display: show });
  for (const note of brief?.notes ?? []) options.console.err(`${note}\n`);

  // The brief's own verdict (every selector of the input, those not run too), with its evidence;
  // a shard answers for its own part.
  const verdict = options.shard ? `Shard ${formatShard(options.shard)}: ${formatVerdictLine(options.selectors, manifest)}` : formatVerdictLine(loaded.data.selectors, manifest);
  const breaches = manifest.selectors.flatMap((s) => s.runtime_findings.filter(isGuardrailBreach).map((finding) => ({ id: s.id, finding })));
  const allMet = manifest.selectors.every((s) => s.met);
  const exitCode: 0 | 1 = allMet && !(options.failOn === 'guardrail' && breaches.length > 0) ? 0 : 1;
  if (!options.quiet) {
    if (brief) options.console.err(`wrote ${show(brief.path)}\n`);
    for (const s of manifest.selectors.filter((x) => !x.met)) {
      options.console.err(`  ✗ ${s.id}: ${describeResult(s.outcome, s.expect, false)} (log: ${show(join(outDir, s.log))})\n`);
    }
    if (options.failOn === 'guardrail') for (const b of breaches) options.console.err(`  ✗ ${b.id}: runtime ${b.finding} (--fail-on guardrail)\n`);
  }
  await reportRun({
    title: loaded.data.brief.title,
    verdict,
    manifest,
    manifestDir: outDir,
    repoDir: loaded.repoDir,
    summary: options.summary,
    cwd: options.cwd,
    env: options.env,
    console: options.console,
    quiet: options.quiet,
    json: options.json,
  });
  // The verdict is the last line, as it is the brief's first.
  if (!options.quiet) options.console.err(`${verdict} Evidence in ${show(manifestPath)}\n`);
  if (options.json) {
    const doc: RunJson = {
      verdict,
      all_met: allMet,
      guardrail_breaches: breaches,
      exit_code: exitCode,
      manifest: show(manifestPath),
      brief: brief ? show(brief.path) : null,
      shard: options.shard ? formatShard(options.shard) : null,
      selectors: manifest.selectors.map((s) => ({
        id: s.id,
        outcome: s.outcome,
        expect: s.expect,
        met: s.met,
        duration_s: s.duration_s,
        counts: s.counts,
        findings: s.runtime_findings,
        log: show(join(outDir, s.log)),
      })),
    };
    options.console.out(`${JSON.stringify(doc, null, 2)}\n`);
  }
  return { exitCode, manifestPath, briefPath: brief?.path };
}
