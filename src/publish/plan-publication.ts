// Everything a publication writes, worked out before the first write (docs/publishing.md): the hand-over
// folder (the brief, linking its logs; the evidence files; summary.md), the plan rows of
// `publish.mark` and the attempt of `publish.ledger`, each file with whether it already holds what
// publish would write. Checked as planned: the brief and every file of the folder stay inside the
// repo. Publishing the same evidence again plans no change.
import { dirname, join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { formatVerdictLine } from '../evidence/verdict.js';
import { problemAt } from '../input/check-input.js';
import type { LoadedInput } from '../input/model.js';
import { prepareBrief, sameButGenerated } from '../render/pipeline.js';
import { formatTime } from '../text/dates.js';
import { formatCode } from '../text/markdown-format.js';
import { HANDOVER_CHART_FOLDER } from '../evidence/out-layout.js';
import { planChartFiles, planEvidenceFiles } from './evidence-files.js';
import { readText, sameBytes } from './files-on-disk.js';
import { artifactDirField, type HandoverFolder } from './handover-folder.js';
import { planEdits } from './plan-edits.js';
import type { PlannedFile } from './planned-file.js';
import { findPreviousHandover } from './publish-evidence.js';
import { filesOutsideRepo, repoRelative, resolveInRepo } from './repo-paths.js';
import { formatSummaryMd, readPublishedAt, type SummaryArtifact } from './summary-md.js';

export interface PublicationOptions {
  loaded: LoadedInput;
  /** The evidence published, and where its manifest is; both null for an input without selectors. */
  manifest: EvidenceManifest | null;
  evidencePath: string | null;
  folder: HandoverFolder;
  now: Date;
  template?: string;
  cwd: string;
}

export interface Publication {
  files: Array<PlannedFile & { unchanged: boolean }>;
  /** The verdict line, for "published …". */
  summaryLine: string;
  /** Whether the plan and ledger files still hold the bytes the edits were computed from. */
  stillCurrent(): Promise<boolean>;
}

export async function planPublication(p: PublicationOptions): Promise<Publication> {
  const { loaded, manifest, folder } = p;
  const { data, repoDir } = loaded;
  const id = data.brief.id;
  const artifactDir = folder.dir;
  const show = (abs: string): string => repoRelative(repoDir, abs);
  const toArtifact = (abs: string): string => relative(artifactDir, abs).split(sep).join('/');

  const evidence = manifest && p.evidencePath ? planEvidenceFiles(loaded, manifest, p.evidencePath, artifactDir, show) : null;
  const files: PlannedFile[] = [...(evidence?.files ?? [])];
  const artifacts: SummaryArtifact[] = [...(evidence?.artifacts ?? [])];
  const manifestCopy = evidence?.manifestCopy;
  // Where the brief goes (the template names it); it is rendered below, from the plans as marked.
  // Its readers saw the previous hand-over: "Changes since" compares with that one, and only
  // without one with the previous run in the history, which was never published.
  const previous = manifestCopy ? await findPreviousHandover(loaded, artifactDir, manifestCopy.manifest.generated_at) : null;
  const summaryPath = join(artifactDir, 'summary.md');
  const job = {
    loaded,
    outDir: artifactDir,
    historyDir: p.evidencePath ? dirname(p.evidencePath) : undefined,
    now: p.now,
    template: p.template,
    cwd: p.cwd,
    evidence: manifestCopy,
    verifyLogs: false,
    chartFolder: HANDOVER_CHART_FOLDER,
    publishedAt: (await readPublishedAt(summaryPath, id)) ?? formatTime(p.now),
    ...(previous
      ? { compare: previous.evidence, compareLabel: `the hand-over published in ${formatCode(previous.handover.folder)}, the one its readers saw last` }
      : { previousRunLabel: 'the previous local run (not published)' }),
  };
  const briefPath = (await prepareBrief(job)).path;
  const briefIn = await resolveInRepo(repoDir, relative(repoDir, briefPath));
  if (!briefIn.ok) throw new InputError([problemAt(loaded, ['brief', 'template'], `the template's output name puts the brief outside the repo: ${briefIn.why}`)]);
  artifacts.unshift({ path: toArtifact(briefPath), description: 'the handoff brief' });

  const edits = await planEdits({ loaded, stamp: folder.stamp, date: folder.date, at: folder.at, artifactRel: folder.rel, brief: show(briefPath) });
  // The published brief shows the plan rows as this publication leaves them, so publishing the
  // same evidence again renders the same brief.
  const brief = await prepareBrief({ ...job, planTexts: edits.edited });
  files.unshift({ change: { target: brief.path, text: brief.text }, shown: show(brief.path), text: brief.text, sameAs: sameButGenerated });
  const charts = planChartFiles(brief, artifactDir, show);
  if (charts) {
    files.push(...charts.files);
    artifacts.push(charts.artifact);
  }
  artifacts.push({ path: 'summary.md', description: 'this summary' });
  const verdict = formatVerdictLine(data.selectors, manifest);
  const summaryText = formatSummaryMd({ briefId: id, title: data.brief.title, verdict, publishedAt: job.publishedAt, artifacts, marks: edits.marks, ledger: edits.ledger });
  files.push({ change: { target: summaryPath, text: summaryText }, shown: show(summaryPath), text: summaryText });
  for (const [abs, text] of edits.edited) if (text !== edits.read.get(abs)) files.push({ change: { target: abs, text }, shown: show(abs), text });

  // The folder was checked before planning; a symlink inside it (logs/ pointing elsewhere) is not.
  const escapes = await filesOutsideRepo(repoDir, files.map((f) => f.change.target).filter((t) => t.startsWith(artifactDir + sep)));
  if (escapes.length > 0) {
    const more = escapes.length > 1 ? ` (and ${escapes.length - 1} more file${escapes.length > 2 ? 's' : ''} the same way)` : '';
    throw new InputError([problemAt(loaded, artifactDirField(data), `artifact file ${escapes[0]}${more}; publish writes only inside the repo`)]);
  }
  const planned = await Promise.all(
    files.map(async (f) => {
      const change = f.change;
      const onDisk = 'text' in change ? await readText(change.target) : null;
      const unchanged =
        'copyFrom' in change ? await sameBytes(change.copyFrom, change.target) : 'text' in change && onDisk !== null ? (f.sameAs ?? ((a, b) => a === b))(onDisk, change.text) : false;
      return { ...f, unchanged };
    }),
  );
  return { files: planned, summaryLine: verdict, stillCurrent: edits.stillCurrent };
}
