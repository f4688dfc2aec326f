// Where a hand-over is published (docs/publishing.md): `artifacts.dir` with its placeholders filled in from
// the brief and the snapshot's own time, checked before anything is written or run: every path
// publish writes resolves inside the repo, a placeholder value is a folder name, and the folder
// holds no other brief's hand-over.
import { join, resolve } from 'node:path';
import { InputError, type Problem } from '../errors.js';
import { handoverBriefId } from '../evidence/handover-marker.js';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { expandArtifactDir, type ArtifactDirValues } from '../input/artifact-dir.js';
import { problemAt } from '../input/check-input.js';
import type { FieldPath, HandoffInput, LoadedInput } from '../input/model.js';
import { formatDate, formatStamp } from '../text/format-date.js';
import { readText } from './files-on-disk.js';
import { repoRelative, resolveInRepo } from './repo-paths.js';

export interface HandoverFolder {
  /** The snapshot's own time: the evidence's, else now. */
  at: Date;
  /** brief.stamp, else the snapshot's time as a stamp. */
  stamp: string;
  /** brief.date, else the snapshot's day. */
  date: string;
  /** Relative to the repo, `/` separators, with a trailing slash. */
  rel: string;
  /** Absolute. */
  dir: string;
}

function artifactDirValues(data: HandoffInput, stamp: string, date: string): ArtifactDirValues {
  return { initiative: data.brief.initiative, phase: data.brief.phase, stamp, id: data.brief.id, date };
}

/** The input field a problem with the artifact folder is reported at. */
export function artifactDirField(data: HandoffInput): FieldPath {
  return data.artifacts?.dir !== undefined ? ['artifacts', 'dir'] : ['brief', 'initiative'];
}

/**
 * Every path publish will write resolves inside the repo, and placeholder values are folder
 * names: checked first, so nothing runs for a publication that could never be written.
 */
export async function checkPublishPaths(loaded: LoadedInput): Promise<void> {
  const { data } = loaded;
  const values = artifactDirValues(data, data.brief.stamp ?? 'STAMP', data.brief.date ?? 'DATE');
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
  if (problems.length > 0) throw new InputError(problems);
}

/** The folder this evidence is published to, checked: inside the repo, and no other brief's. */
export async function placeHandover(loaded: LoadedInput, manifest: EvidenceManifest | null, now: Date): Promise<HandoverFolder> {
  const { data, repoDir } = loaded;
  const at = manifest ? new Date(manifest.generated_at) : now;
  const stamp = data.brief.stamp ?? formatStamp(at);
  const date = data.brief.date ?? formatDate(at);
  const rel = expandArtifactDir(data.artifacts?.dir, artifactDirValues(data, stamp, date)).replace(/\/?$/, '/');
  const dir = resolve(repoDir, rel);
  const inRepo = await resolveInRepo(repoDir, rel);
  if (!inRepo.ok) throw new InputError([problemAt(loaded, artifactDirField(data), `artifact folder ${inRepo.why}`)]);
  await checkNoOtherHandover(dir, data.brief.id, (abs) => repoRelative(repoDir, abs));
  return { at, stamp, date, rel, dir };
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
