// `handoff render`: load and validate the input, render the brief, then write it, print it
// (--stdout) or compare it with the file on disk (--check).
import { relative, resolve, sep } from 'node:path';
import { resolveNow } from '../clock.js';
import { UsageError } from '../errors.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import { readIfExists, writeFileAtomic } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { findEvidence, loadEvidence, type FoundEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { prepareBrief, sameButGenerated } from '../render/pipeline.js';
import type { EvidenceFromView } from '../render/view-model.js';

export interface RenderOptions {
  input: string;
  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  template?: string;
  /** --evidence FILE; false for --no-evidence; default: `<out>/<brief.id>.evidence.json` if it is there. */
  evidence?: string | false;
  now?: string;
  /** --compare MANIFEST: "Changes since" against it rather than the previous run in the history. */
  compare?: string;
  stdout: boolean;
  check: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface RenderResult {
  /** Absolute path of the brief (written, or compared with --check). */
  briefPath: string;
  /** With --check: whether the file on disk differs. */
  stale?: boolean;
  /**
   * Absolute paths of every file this render read (input, template, partials, plan files,
   * evidence manifest, or where the default one would be): `handoff watch` re-renders when one
   * of them changes.
   */
  sources?: string[];
}

async function loadComparison(compare: string | undefined, hasEvidence: boolean, cwd: string): Promise<LoadedEvidence | undefined> {
  if (compare === undefined) return undefined;
  if (!hasEvidence) {
    throw new UsageError('--compare needs evidence to compare with it: run `handoff run` first, or name a manifest with --evidence');
  }
  return loadEvidence(resolve(cwd, compare), compare);
}

/**
 * How the brief names where its evidence came from (nothing to say for a run in the output
 * folder): a hand-over by its folder in the repo, a named manifest by its path from the brief's
 * folder (as its log links are), so the brief is the same from any current folder.
 */
export function describeOrigin(found: FoundEvidence, outDir: string): EvidenceFromView | undefined {
  const origin = found.origin;
  if (!origin || origin.kind === 'out' || !found.evidence) return undefined;
  if (origin.kind === 'handover') return { kind: 'handover', folder: origin.handover.folder };
  return { kind: 'named', path: relative(outDir, found.evidence.path).split(sep).join('/') };
}

export async function runRender(options: RenderOptions): Promise<RenderResult> {
  if (options.stdout && options.check) {
    // A CI step written this way could never fail: say so instead of ignoring one of them.
    throw new UsageError('--stdout and --check cannot be combined: --check compares with the brief on disk and prints a diff');
  }
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  const outDir = await resolveOutDir(options.out, loaded.absPath, options.cwd);
  const found = await findEvidence({ choice: options.evidence, cwd: options.cwd, outDir, loaded });
  if (found.note) options.console.err(`${found.note}\n`);
  const evidence = found.evidence;
  const compare = await loadComparison(options.compare, evidence !== undefined, options.cwd);
  const prepared = await prepareBrief({
    loaded,
    outDir,
    now,
    template: options.template,
    cwd: options.cwd,
    evidence,
    compare,
    // --no-evidence: the brief as if never run, so neither the manifest nor the run history.
    historyDir: found.historyDir,
    evidenceFrom: describeOrigin(found, outDir),
  });
  for (const note of prepared.notes) options.console.err(`${note}\n`);
  const display = relative(options.cwd, prepared.path) || prepared.path;
  const result: RenderResult = { briefPath: prepared.path, sources: [...new Set([...prepared.sources, ...found.watch])] };

  if (options.stdout) {
    options.console.out(prepared.text);
    return result;
  }
  if (options.check) {
    const current = await readIfExists(prepared.path);
    if (current !== null && sameButGenerated(current, prepared.text)) {
      options.console.err(`${display} is up to date\n`);
      return { ...result, stale: false };
    }
    // The diff module is only needed here; keep it off the plain render path.
    const { formatDiff } = await import('../io/show-diff.js');
    options.console.out(
      formatDiff(display, current ?? '', prepared.text, { oldHeader: current === null ? '(missing)' : '(on disk)', newHeader: '(would be written)', context: 4, keepRule: true }),
    );
    options.console.err(`${display} is ${current === null ? 'missing' : 'stale'}; run \`handoff render\` without --check to update it\n`);
    return { ...result, stale: true };
  }
  await writeFileAtomic(prepared.path, prepared.text, { displayName: display });
  options.console.err(`wrote ${display}\n`);
  return result;
}
