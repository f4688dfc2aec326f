// The evidence `publish` works from (docs/publishing.md): the manifest in --out when it still stands for this
// input; in a fresh clone, the newest published hand-over when it does; else a run of the
// selectors (run/run-selectors.ts, the run `handoff run` makes), or exit 1 with --no-run. And the
// hand-over its readers saw last, which the published brief's "Changes since" compares with.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findHandovers, type Handover } from '../evidence/find-handovers.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { manifestPath } from '../evidence/out-layout.js';
import { whyNotUsable } from '../evidence/usable-evidence.js';
import type { LoadedInput } from '../input/model.js';
import { displayPath } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';

export interface PublishEvidenceOptions {
  /** Absolute output folder (--out). */
  outDir: string;
  /** true: always run; false: never (existing evidence required); undefined: run when needed. */
  run?: boolean;
  dryRun: boolean;
  /** The run's generation time, when publish runs the selectors. */
  now: Date;
  template?: string;
  python: string;
  jobs?: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  signal?: AbortSignal;
}

/** The evidence to publish: the manifest in --out when usable, else a fresh run; null: none (exit 1). */
export async function obtainEvidence(loaded: LoadedInput, options: PublishEvidenceOptions): Promise<{ manifest: EvidenceManifest; path: string } | null> {
  const path = manifestPath(options.outDir, loaded.data.brief.id);
  let why: string | null = 'there is none';
  if (options.run !== true && existsSync(path)) {
    const { manifest } = await loadEvidence(path, displayPath(path, options.cwd));
    why = await whyNotUsable(loaded, manifest, path);
    if (why === null) return { manifest, path };
  }
  if (options.run !== true && !existsSync(path)) {
    // A fresh clone: the newest published hand-over, when it still stands for this input.
    const newest = (await findHandovers(loaded)).find((h) => h.generatedAt !== null);
    if (newest) {
      const { manifest } = await loadEvidence(newest.manifestPath, displayPath(newest.manifestPath, options.cwd));
      const notUsable = await whyNotUsable(loaded, manifest, newest.manifestPath);
      if (notUsable === null) return { manifest, path: newest.manifestPath };
      why = `there is none, and the newest published hand-over (${newest.folder}) cannot stand for this input: ${notUsable}`;
    }
  }
  const where = displayPath(path, options.cwd);
  if (options.run === false || options.dryRun) {
    const next = options.dryRun ? 'publish would run the selectors first; run `handoff run` and try --dry-run again' : 'run `handoff run` first, or publish without --no-run';
    options.console.err(`no evidence to publish in ${where}: ${why}; ${next}\n`);
    return null;
  }
  if (options.run !== true) options.console.err(`the evidence in ${where} cannot be published as it is (${why}): running the selectors\n`);
  const { runSelectors } = await import('../run/run-selectors.js');
  await runSelectors({
    loaded,
    selectors: loaded.data.selectors,
    outDir: options.outDir,
    now: options.now,
    python: options.python,
    jobs: options.jobs,
    template: options.template,
    json: false,
    quiet: false,
    cwd: options.cwd,
    env: options.env,
    console: options.console,
    signal: options.signal,
  });
  // Read back as written: what publish copies is the run's files, not its result in memory.
  return { manifest: (await loadEvidence(path, where)).manifest, path };
}

/** The newest hand-over of this brief published before this evidence ran, in another folder. */
export async function findPreviousHandover(loaded: LoadedInput, artifactDir: string, before: string): Promise<{ handover: Handover; evidence: LoadedEvidence } | null> {
  for (const handover of await findHandovers(loaded)) {
    if (resolve(handover.dir) === resolve(artifactDir) || handover.generatedAt === null || handover.generatedAt >= before) continue;
    return { handover, evidence: await loadEvidence(handover.manifestPath, handover.folder) };
  }
  return null;
}
