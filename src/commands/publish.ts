// `handoff publish` (SPEC §8): the hand-over into the repo in one step. It takes the evidence in
// --out when it stands for this input (else runs the selectors, or refuses with --no-run), then
// computes everything it will write — the artifact folder (brief linking its logs, manifest,
// logs, JUnit files, history, summary.md), the plan rows of `publish.mark`, the attempt of
// `publish.ledger` listing what it wrote — and checks it all before the first write: rows and
// item exist, every path inside the repo, no other hand-over in the folder, files writable.
// Then it writes everything or nothing (io/file-transaction.ts), under a lock per repo and per
// edited file, so two publishes at once never interleave. Publishing the same evidence again
// changes nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { resolveNow } from '../clock.js';
import { EnvironmentError, InputError, Interrupted, UsageError, type Problem } from '../errors.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { handoverBriefId } from '../evidence/handover-marker.js';
import { findHandovers, type Handover } from '../evidence/find-handovers.js';
import { historyPath, handoverSelectorFiles, manifestPath } from '../evidence/out-layout.js';
import { describeResult } from '../evidence/outcome-words.js';
import { whyNotUsable } from '../evidence/usable-evidence.js';
import { formatPath } from '../input/check-input.js';
import { expandArtifactDir, type ArtifactDirValues } from '../input/artifact-dir.js';
import { defaultMarkNote } from '../input/check-publish.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import type { FieldPath, LoadedInput } from '../input/model.js';
import { displayPath, requireRepoDir } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';
import { commitFiles, type FileChange } from '../io/file-transaction.js';
import { acquireLock } from '../io/locked-update.js';
import { loadReferenceParser } from '../plan/find-tables.js';
import { appendAttempt } from '../plan/ledger.js';
import { markRows, parseStateOption, type RowChange } from '../plan/mark-rows.js';
import { resolveInRepo } from '../publish/repo-paths.js';
import { formatSummaryMd, readPublishedAt, type SummaryArtifact } from '../publish/summary-md.js';
import { formatVerdictLine } from '../evidence/verdict.js';
import { formatCode } from '../text/markdown-format.js';
import { formatDate, formatStamp } from '../text/format-date.js';
import { loadEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { prepareBrief, sameButGenerated } from '../render/pipeline.js';

export interface PublishOptions {
  input: string;
  repo?: string;

  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  dryRun: boolean;
  /** true: always run; false: never (existing evidence required); undefined: run when needed. */
  run?: boolean;
  allowUnmet: boolean;
  now?: string;
  template?: string;
  python: string;
  jobs?: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  signal?: AbortSignal;
}

const toPosix = (path: string): string => path.split(sep).join('/');

/** A file the publication writes, and why (for summary.md). */
interface Planned {
  change: FileChange;
  /** Repo-relative, for messages and the ledger. */
  shown: string;
  /** Text of a text file (for --dry-run diffs and idempotence). */
  text?: string;
  /** When the file on disk counts as this one already (the brief: all but its Generated line). */
  sameAs?: (onDisk: string, planned: string) => boolean;
}

function problemAt(loaded: LoadedInput, path: FieldPath, message: string): Problem {
  const { line, col } = loaded.positionOf(path);
  return { file: loaded.file, line, col, path: formatPath(path), message };
}

/** The evidence to publish: the manifest in --out when usable, else a fresh run (or exit 1). */
async function obtainEvidence(loaded: LoadedInput, options: PublishOptions, outDir: string): Promise<{ manifest: EvidenceManifest; path: string } | null> {
  const path = manifestPath(outDir, loaded.data.brief.id);
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
  const { runRun } = await import('./run.js');
  await runRun({
    input: options.input,
    out: options.out,
    repo: options.repo,
    jobs: options.jobs,
    python: options.python,
    dryRun: false,
    quiet: false,
    now: options.now,
    template: options.template,
    cwd: options.cwd,
    env: options.env,
    console: options.console,
    signal: options.signal,
  });
  return { manifest: (await loadEvidence(path, where)).manifest, path };
}

async function readText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([readFile(a).catch(() => null), readFile(b).catch(() => null)]);
  return x !== null && y !== null && x.equals(y);
}

/** Where the repo-wide publish lock lives: inside .git when there is one, never in the work tree. */
function repoLockTarget(repoDir: string): string {
  if (existsSync(join(repoDir, '.git'))) return join(repoDir, '.git', 'handoff-publish');
  return join(tmpdir(), `handoff-publish-${createHash('sha256').update(resolve(repoDir)).digest('hex').slice(0, 16)}`);
}

export interface PublishResult {
  /** 0 published (or nothing to change); 1 refused: unmet expect, or no evidence with --no-run. */
  exitCode: 0 | 1;
  changed: string[];
}

export async function runPublish(options: PublishOptions): Promise<PublishResult> {
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  await requireRepoDir(loaded, options.cwd, options.repo);
  const { data } = loaded;
  const repoDir = loaded.repoDir;
  const outDir = await resolveOutDir(options.out, loaded.absPath, options.cwd);
  const show = (abs: string): string => toPosix(relative(repoDir, abs));

  // Paths first: nothing runs for a publication that could never be written.
  const values = (stamp: string, date: string): ArtifactDirValues => ({ initiative: data.brief.initiative, phase: data.brief.phase, stamp, id: data.brief.id, date });
  const pathProblems = await checkPublishPaths(loaded, values(data.brief.stamp ?? 'STAMP', data.brief.date ?? 'DATE'));
  if (pathProblems.length > 0) throw new InputError(pathProblems);

  const evidence = data.selectors.length > 0 ? await obtainEvidence(loaded, options, outDir) : null;
  if (data.selectors.length > 0 && evidence === null) return { exitCode: 1, changed: [] };
  const manifest = evidence?.manifest ?? null;
  const unmet = manifest?.selectors.filter((s) => !s.met) ?? [];
  if (unmet.length > 0 && !options.allowUnmet) {
    options.console.err(`not published: ${unmet.map((s) => `${s.id} ${describeResult(s.outcome, s.expect, false)}`).join(', ')}; fix them and run again, or publish anyway with --allow-unmet\n`);
    return { exitCode: 1, changed: [] };
  }

  // The snapshot's own time: the evidence's, else brief.stamp/date, else now.
  const at = manifest ? new Date(manifest.generated_at) : now;
  const stamp = data.brief.stamp ?? formatStamp(at);
  const date = data.brief.date ?? formatDate(at);
  const artifactRel = expandArtifactDir(data.artifacts?.dir, values(stamp, date)).replace(/\/?$/, '/');
  const artifactDir = resolve(repoDir, artifactRel);
  const inRepo = await resolveInRepo(repoDir, artifactRel);
  const artifactDirField = data.artifacts?.dir !== undefined ? ['artifacts', 'dir'] : ['brief', 'initiative'];
  if (!inRepo.ok) throw new InputError([problemAt(loaded, artifactDirField, `artifact folder ${inRepo.why}`)]);
  await checkNoOtherHandover(artifactDir, data.brief.id, show);

  const release = await lockAll(repoDir, loaded, options);
  try {
    for (let attempt = 1; ; attempt++) {
      const plan = await planPublication({ loaded, manifest, evidencePath: evidence?.path ?? null, artifactDir, artifactRel, stamp, date, at, now, options, show });
      // The folder was checked above; a symlink inside it (logs/ pointing elsewhere) is not.
      const escapes = await filesOutsideRepo(repoDir, plan.files.map((f) => f.change.target).filter((t) => t.startsWith(artifactDir + sep)));
      if (escapes.length > 0) {
        const more = escapes.length > 1 ? ` (and ${escapes.length - 1} more file${escapes.length > 2 ? 's' : ''} the same way)` : '';
        throw new InputError([problemAt(loaded, artifactDirField, `artifact file ${escapes[0]}${more}; publish writes only inside the repo`)]);
      }
      if (options.dryRun) {
        await printDryRun(plan.files, options.console);
        return { exitCode: 0, changed: [] };
      }
      const changes = plan.files.filter((f) => !f.unchanged).map((f) => f.change);
      if (changes.length === 0) {
        options.console.err(`nothing to change: ${artifactRel} already holds this hand-over, and the plan rows and ledger entry are there\n`);
        return { exitCode: 0, changed: [] };
      }
      if (options.signal?.aborted) throw new Interrupted('interrupted: nothing was published');
      // Compare-and-swap: an editor may have saved a plan or the ledger since it was read.
      if (!(await plan.stillCurrent()) && attempt < 3) continue;
      // Old files are moved aside on the repo's own file system (renames), then dropped.
      const backupDir = existsSync(join(repoDir, '.git')) ? join(repoDir, '.git', `handoff-publish-${process.pid}`) : join(repoDir, `.handoff-publish-${process.pid}`);
      try {
        await commitFiles(changes, { backupDir, display: show });
      } finally {
        await rm(backupDir, { recursive: true, force: true });
      }
      const changed = plan.files.filter((f) => !f.unchanged).map((f) => f.shown);
      options.console.err(`published ${artifactRel}: ${plan.summaryLine}\n`);
      for (const file of changed) options.console.err(`  ${file}\n`);
      return { exitCode: 0, changed };
    }
  } finally {
    await release();
  }
}

/**
 * Why each of these files would be written outside the repo (none: an empty list). Their folders
 * are what count: a file that is itself a symlink is replaced (renamed over), not written through.
 */
async function filesOutsideRepo(repoDir: string, targets: string[]): Promise<string[]> {
  const folders = [...new Set(targets.map((t) => dirname(t)))];
  const checked = new Map(await Promise.all(folders.map(async (f) => [f, await resolveInRepo(repoDir, relative(repoDir, f))] as const)));
  return targets.flatMap((target) => {
    const folder = checked.get(dirname(target))!;
    return folder.ok ? [] : [`"${toPosix(relative(repoDir, target))}": its folder ${folder.why}`];
  });
}

/** Every path publish will write resolves inside the repo; placeholder values are folder names. */
async function checkPublishPaths(loaded: LoadedInput, values: ArtifactDirValues): Promise<Problem[]> {
  const { data } = loaded;
  const problems: Problem[] = [];
  const pattern = data.artifacts?.dir;
  for (const [key, value] of Object.entries(values) as Array<[keyof ArtifactDirValues, string]>) {
    const used = (pattern ?? '{initiative}{stamp}').includes(`{${key}}`);
    if (used && (/[/\\]/.test(value) || value === '..' || value === '.' || value.trim() === '')) {
      const field: FieldPath = key === 'id' ? ['brief', 'id'] : key === 'stamp' ? ['brief', 'stamp'] : key === 'date' ? ['brief', 'date'] : ['brief', key];
      problems.push(problemAt(loaded, field, `"${value}" cannot be a folder name in the artifact folder ({${key}}); the hand-over would land at ${expandArtifactDir(pattern, values)}`));
    }
  }
  const files: Array<{ path: FieldPath; file: string }> = [
    ...(data.publish?.mark ?? []).map((m, i) => ({ path: ['publish', 'mark', i, 'file'] as FieldPath, file: m.file })),
    ...(data.publish?.ledger ? [{ path: ['publish', 'ledger', 'file'] as FieldPath, file: data.publish.ledger.file }] : []),
  ];
  for (const f of files) {
    const r = await resolveInRepo(loaded.repoDir, f.file);
    if (!r.ok) problems.push(problemAt(loaded, f.path, r.why));
  }
  return problems;
}

/** The artifact folder may hold other files, but not another hand-over. */
async function checkNoOtherHandover(artifactDir: string, briefId: string, show: (p: string) => string): Promise<void> {
  const summary = await readText(join(artifactDir, 'summary.md'));
  if (summary === null) return;
  const owner = handoverBriefId(summary);
  if (owner === briefId) return;
  const what = owner === null ? 'a summary.md that handoff publish did not write' : `the hand-over of brief "${owner}"`;
  throw new InputError([{ file: show(join(artifactDir, 'summary.md')), line: 1, col: 1, path: '', message: `the artifact folder already holds ${what}; publish this brief elsewhere (artifacts.dir)` }]);
}

/** The repo-wide lock, then each edited file's own lock (the ones `plan mark` and `ledger append` take). */
async function lockAll(repoDir: string, loaded: LoadedInput, options: PublishOptions): Promise<() => Promise<void>> {
  if (options.dryRun) return async () => undefined;
  const releases: Array<() => Promise<void>> = [];
  try {
    releases.push(await acquireLock(repoLockTarget(repoDir), 'the repo', { lockTimeoutMs: 60_000 }));
    const files = [...new Set([...(loaded.data.publish?.mark ?? []).map((m) => m.file), ...(loaded.data.publish?.ledger ? [loaded.data.publish.ledger.file] : [])])].sort();
    for (const file of files) releases.push(await acquireLock(resolve(repoDir, file), file, {}));
  } catch (error) {
    for (const release of releases.reverse()) await release();
    throw error;
  }
  return async () => {
    for (const release of releases.reverse()) await release();
  };
}

interface PlanOptions {
  loaded: LoadedInput;
  manifest: EvidenceManifest | null;
  evidencePath: string | null;
  artifactDir: string;
  artifactRel: string;
  stamp: string;
  date: string;
  at: Date;
  now: Date;
  options: PublishOptions;
  show: (abs: string) => string;
}

interface Publication {
  files: Array<Planned & { unchanged: boolean }>;
  summaryLine: string;
  /** Whether the plan and ledger files still hold the bytes the edits were computed from. */
  stillCurrent(): Promise<boolean>;
}

async function planPublication(p: PlanOptions): Promise<Publication> {
  const { loaded, manifest, artifactDir, show } = p;
  const { data } = loaded;
  const id = data.brief.id;
  const files: Planned[] = [];
  const artifacts: SummaryArtifact[] = [];
  const toArtifact = (abs: string): string => toPosix(relative(artifactDir, abs));

  let manifestCopy: { path: string; text: string; manifest: EvidenceManifest } | undefined;
  if (manifest && p.evidencePath) {
    const from = dirname(p.evidencePath);
    // One brief per hand-over folder: its logs need no folder of their own there.
    const selectors = manifest.selectors.map((s) => {
      const flat = handoverSelectorFiles(s.id);
      const copies: Array<[string, string]> = [[s.log, flat.log], ...(s.junit ? [[s.junit, flat.junit] as [string, string]] : [])];
      for (const [file, target] of copies) {
        files.push({ change: { target: join(artifactDir, target), copyFrom: resolve(from, file) }, shown: show(join(artifactDir, target)) });
      }
      return { ...s, log: flat.log, junit: s.junit ? flat.junit : null };
    });
    artifacts.push({ path: 'logs/', description: `pytest's log and JUnit XML of each of the ${manifest.selectors.length} selectors` });
    // The manifest as it reads from the artifact folder: its paths are relative to its own folder.
    const moved: EvidenceManifest = {
      ...manifest,
      selectors,
      ...(manifest.input ? { input: { ...manifest.input, file: toPosix(relative(artifactDir, loaded.absPath)) } } : {}),
      repo: { ...manifest.repo, path: toPosix(relative(artifactDir, loaded.repoDir)) || '.' },
    };
    const path = join(artifactDir, `${id}.evidence.json`);
    manifestCopy = { path, text: `${JSON.stringify(moved, null, 2)}\n`, manifest: moved };
    files.push({ change: { target: path, text: manifestCopy.text }, shown: show(path), text: manifestCopy.text });
    artifacts.push({ path: toArtifact(path), description: 'evidence manifest: outcome, counts, duration and log sha256 of each selector' });
    const history = historyPath(dirname(p.evidencePath), id);
    if (existsSync(history)) {
      const target = historyPath(artifactDir, id);
      files.push({ change: { target, copyFrom: history }, shown: show(target) });
      artifacts.push({ path: toArtifact(target), description: 'run history: one line per run of these selectors' });
    }
  }
  // Where the brief goes (the template names it); it is rendered below, from the plans as marked.
  // Its readers saw the previous hand-over: "Changes since" compares with that one, and only
  // without one with the previous run in the history, which was never published.
  const previous = manifestCopy ? await previousHandover(loaded, artifactDir, manifestCopy.manifest.generated_at) : null;
  const summaryPath = join(artifactDir, 'summary.md');
  const job = {
    loaded,
    outDir: artifactDir,
    historyDir: p.evidencePath ? dirname(p.evidencePath) : undefined,
    now: p.now,
    template: p.options.template,
    cwd: p.options.cwd,
    evidence: manifestCopy,
    verifyLogs: false,
    publishedAt: (await readPublishedAt(summaryPath, id)) ?? formatTime(p.now),
    ...(previous
      ? { compare: previous.evidence, compareLabel: `the hand-over published in ${formatCode(previous.handover.folder)}, the one its readers saw last` }
      : { previousRunLabel: 'the previous local run (not published)' }),
  };
  const briefPath = (await prepareBrief(job)).path;
  const briefIn = await resolveInRepo(loaded.repoDir, relative(loaded.repoDir, briefPath));
  if (!briefIn.ok) throw new InputError([problemAt(loaded, ['brief', 'template'], `the template's output name puts the brief outside the repo: ${briefIn.why}`)]);
  artifacts.unshift({ path: toArtifact(briefPath), description: 'the handoff brief' });
  artifacts.push({ path: 'summary.md', description: 'this summary' });

  // Plan rows and the ledger entry, computed on the files' current bytes.
  await loadReferenceParser();
  const read = new Map<string, string>();
  const current = async (file: string): Promise<string> => {
    const abs = resolve(loaded.repoDir, file);
    if (!read.has(abs)) {
      const text = await readText(abs);
      if (text === null) throw new InputError([{ file, line: 1, col: 1, path: '', message: `no such file in the repo (looked in ${dirname(abs)})` }]);
      const mode = (await stat(abs)).mode;
      if ((mode & 0o222) === 0) throw new EnvironmentError(`${file}: the file is read-only (mode ${(mode & 0o777).toString(8)}); make it writable (chmod u+w) and publish again; nothing was published`);
      read.set(abs, text);
    }
    return read.get(abs)!;
  };
  const edited = new Map<string, string>();
  const marks: RowChange[] = [];
  const markedIn: string[] = [];
  for (const [i, mark] of (data.publish?.mark ?? []).entries()) {
    const abs = resolve(loaded.repoDir, mark.file);
    const text = edited.get(abs) ?? (await current(mark.file));
    try {
      const result = markRows(text, { file: mark.file, ids: mark.rows, state: parseStateOption(mark.state), note: mark.note ?? defaultMarkNote(p.stamp), noteOptional: mark.note === undefined });
      edited.set(abs, result.text);
      marks.push(...result.rows);
      markedIn.push(...result.rows.map(() => mark.file));
    } catch (error) {
      if (error instanceof UsageError || error instanceof InputError) throw new InputError([problemAt(loaded, ['publish', 'mark', i, 'rows'], error.message.split('\n')[0]!)]);
      throw error;
    }
  }
  // The entry cites the hand-over folder and the brief in it; summary.md lists the rest.
  const ledgerArtifacts = [p.artifactRel];
  const ledgerBrief = show(briefPath);
  let ledger: { file: string; item: string | null; entry: string } | null = null;
  const ledgerSpec = data.publish?.ledger;
  if (ledgerSpec) {
    const abs = resolve(loaded.repoDir, ledgerSpec.file);
    const text = edited.get(abs) ?? (await current(ledgerSpec.file));
    try {
      const result = appendAttempt(text, { file: ledgerSpec.file, item: ledgerSpec.item, summary: ledgerSpec.summary, artifacts: ledgerArtifacts, brief: ledgerBrief, date: p.date, time: p.at, label: ledgerSpec.label });
      edited.set(abs, result.text);
      const entryLine = result.text.split(/\r?\n/)[result.line - 1]?.trim().replace(/^[-*+]\s+/, '') ?? ledgerSpec.summary;
      ledger = { file: ledgerSpec.file, item: ledgerSpec.item ?? null, entry: entryLine };
    } catch (error) {
      if (error instanceof UsageError || error instanceof InputError) throw new InputError([problemAt(loaded, ['publish', 'ledger', ledgerSpec.item ? 'item' : 'file'], error.message.split('\n')[0]!)]);
      throw error;
    }
  }
  // The published brief shows the plan rows as this publication leaves them, so publishing the
  // same evidence again renders the same brief.
  const brief = await prepareBrief({ ...job, planTexts: edited });
  files.unshift({ change: { target: brief.path, text: brief.text }, shown: show(brief.path), text: brief.text, sameAs: sameButGenerated });
  const verdict = formatVerdictLine(data.selectors, manifest);
  const summaryText = formatSummaryMd({
    briefId: id,
    title: data.brief.title,
    verdict,
    publishedAt: job.publishedAt,
    artifacts,
    marks: marks.map((m, i) => ({ file: markedIn[i]!, id: m.id, to: m.to, line: m.line })),
    ledger,
  });
  files.push({ change: { target: summaryPath, text: summaryText }, shown: show(summaryPath), text: summaryText });
  for (const [abs, text] of edited) if (text !== read.get(abs)) files.push({ change: { target: abs, text }, shown: show(abs), text });

  const planned = await Promise.all(
    files.map(async (f) => {
      const change = f.change;
      const onDisk = 'text' in change ? await readText(change.target) : null;
      const unchanged =
        'copyFrom' in change ? await sameBytes(change.copyFrom, change.target) : 'text' in change && onDisk !== null ? (f.sameAs ?? ((a, b) => a === b))(onDisk, change.text) : false;
      return { ...f, unchanged };
    }),
  );
  return {
    files: planned,
    summaryLine: verdict,
    async stillCurrent() {
      for (const [abs, text] of read) if ((await readText(abs)) !== text) return false;
      return true;
    },
  };
}

async function printDryRun(files: Array<Planned & { unchanged: boolean }>, console: Console): Promise<void> {
  const { formatDiff } = await import('../io/show-diff.js');
  const created = files.filter((f) => !f.unchanged && !existsSync(f.change.target));
  const changed = files.filter((f) => !f.unchanged && existsSync(f.change.target));
  console.out(created.length > 0 ? `would create:\n${created.map((f) => `  ${f.shown}\n`).join('')}` : 'would create nothing\n');
  for (const f of changed) {
    if (f.text === undefined) console.out(`would replace ${f.shown}\n`);
    else console.out(formatDiff(f.shown, (await readText(f.change.target)) ?? '', f.text));
  }
  if (changed.length === 0 && created.length === 0) console.out('nothing to change\n');
}

/** `YYYY-MM-DDTHH:mm:ssZ`, as the brief's other times. */
function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The newest hand-over of this brief published before this evidence ran, in another folder. */
async function previousHandover(loaded: LoadedInput, artifactDir: string, before: string): Promise<{ handover: Handover; evidence: LoadedEvidence } | null> {
  for (const handover of await findHandovers(loaded)) {
    if (resolve(handover.dir) === resolve(artifactDir) || handover.generatedAt === null || handover.generatedAt >= before) continue;
    return { handover, evidence: await loadEvidence(handover.manifestPath, handover.folder) };
  }
  return null;
}
