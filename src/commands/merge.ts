// `handoff merge <input> <manifest…>` (docs/ci.md): the shards of a run, made on several machines,
// into the manifest and brief one `run` of all those selectors would have written. The parts must
// come from this input at one repo commit and hold each selector exactly once (exit 2 naming
// what is wrong, nothing written); their logs are gathered into the output folder, then the end
// is the same as run's (run/finish-run.ts): brief, swap, summary, annotations, exit code.
import { copyFile, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { resolveNow } from '../clock.js';
import { InputError, type Problem } from '../errors.js';
import { mergeManifests, type ManifestPart } from '../evidence/merge-manifests.js';
import { prepareStaging } from '../evidence/staging.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import { displayPath } from '../input/repo-dir.js';
import { ensureDir, requireWritableDir } from '../io/atomic-write.js';
import { checkBriefHistory } from '../evidence/brief-history.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { statOrNull } from '../io/path-stat.js';
import { finishRun, type FinishReportOptions } from '../run/finish-run.js';

export interface MergeOptions extends FinishReportOptions {
  input: string;
  manifests: string[];

  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  now?: string;
}

/** Every log (and JUnit file) a part names must be beside it. */
async function missingLogs(parts: readonly LoadedEvidence[], shown: readonly string[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const [i, part] of parts.entries()) {
    for (const s of part.manifest.selectors) {
      for (const file of [s.log, ...(s.junit ? [s.junit] : [])]) {
        if (!statOrNull(resolve(dirname(part.path), file))) {
          problems.push({ file: shown[i]!, line: 1, col: 1, path: '', message: `${file} of selector "${s.id}" is missing beside it; download the shard's logs/ folder with its manifest` });
        }
      }
    }
  }
  return problems;
}

export async function runMerge(options: MergeOptions): Promise<{ exitCode: 0 | 1 }> {
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  const paths = options.manifests.map((m) => resolve(options.cwd, m));
  const parts: LoadedEvidence[] = [];
  const problems: Problem[] = [];
  for (const [i, path] of paths.entries()) {
    try {
      parts.push(await loadEvidence(path, options.manifests[i]!));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  const inputSha = createHash('sha256').update(loaded.text).digest('hex');
  const merged = mergeManifests(
    parts.map((p, i): ManifestPart => ({ file: options.manifests[i]!, manifest: p.manifest })),
    inputSha,
    loaded.file,
    loaded.data.selectors,
  );
  if (!merged.ok) throw new InputError(merged.problems);
  const absent = await missingLogs(parts, options.manifests);
  if (absent.length > 0) throw new InputError(absent);

  const outDir = await resolveOutDir(options.out, loaded.absPath, options.cwd);
  // Paths in a manifest are relative to its folder: the merged one's to the output folder.
  const toOut = (path: string): string => relative(outDir, path).split(sep).join('/') || '.';
  const manifest = {
    ...merged.manifest,
    input: { brief_id: loaded.data.brief.id, file: toOut(loaded.absPath), sha256: inputSha },
    repo: { ...merged.manifest.repo, path: toOut(loaded.repoDir) },
  };
  await requireWritableDir(outDir, displayPath(outDir, options.cwd));
  await ensureDir(outDir, displayPath(outDir, options.cwd));
  await checkBriefHistory(outDir, loaded.data, (p) => displayPath(p, options.cwd));
  const staging = await prepareStaging(outDir, loaded.data.brief.id);
  // Logs of parts kept elsewhere are copied into the staging folder; those already in the
  // output folder stay where they are.
  for (const part of parts) {
    const from = dirname(part.path);
    if (resolve(from) === outDir) continue;
    for (const s of part.manifest.selectors) {
      for (const file of [s.log, ...(s.junit ? [s.junit] : [])]) {
        await mkdir(dirname(join(staging.dir, file)), { recursive: true });
        await copyFile(resolve(from, file), join(staging.dir, file));
      }
    }
  }
  const finished = await finishRun({
    source: 'merge',
    loaded,
    selectors: merged.selectors,
    manifest,
    outDir,
    staging,
    now,
    template: options.template,
    summary: options.summary,
    failOn: options.failOn,
    json: options.json,
    quiet: options.quiet,
    cwd: options.cwd,
    env: options.env,
    console: options.console,
  });
  return { exitCode: finished.exitCode };
}
