// The published hand-overs of a brief: the folders under its `artifacts.dir` pattern (stamp and
// date as wildcards) whose summary.md names this brief, newest first by their evidence's time.
// A receiving team works in a fresh clone, where the output folder is empty: what was published
// and committed is the evidence and history it has.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ARTIFACT_DIR } from '../input/artifact-dir.js';
import type { LoadedInput } from '../input/model.js';
import { handoverBriefId } from './handover-marker.js';
import { manifestPath } from './out-layout.js';

export interface Handover {
  /** Absolute folder. */
  dir: string;
  /** Relative to the repo, posix, with a trailing slash: how a brief names it. */
  folder: string;
  /** Its evidence manifest (absolute); it may be missing (a brief without selectors). */
  manifestPath: string;
  /** `generated_at` of its manifest, or null when it has none that reads. */
  generatedAt: string | null;
}

/** A folder name: as written, or a pattern where a placeholder (stamp, date) matches any name. */
type Segment = string | RegExp;

/**
 * `plans/active/{initiative}/reports/{stamp}/` → `plans`, `active`, `INIT`, `reports`, /^.*$/: the
 * brief's own initiative, phase and id filled in, the stamp and date free. A name that starts
 * with its free part does not match a hidden folder (`.git`), as a shell's `*` would not.
 */
export function handoverSegments(loaded: Pick<LoadedInput, 'data'>): Segment[] {
  const brief = loaded.data.brief;
  const known: Record<string, string> = { initiative: brief.initiative, phase: brief.phase, id: brief.id };
  const FREE = '\u0000';
  const path = (loaded.data.artifacts?.dir ?? DEFAULT_ARTIFACT_DIR).replace(/\{(initiative|phase|stamp|id|date)\}/g, (_, key: string) => known[key] ?? FREE);
  return path
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .map((segment) => {
      if (!segment.includes(FREE)) return segment;
      const body = segment
        .split(FREE)
        .map((text) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
        .join('.*');
      return new RegExp(`^${segment.startsWith(FREE) ? '(?!\\.)' : ''}${body}$`, 's');
    });
}

/**
 * The folders under `root` that the segments name, relative and posix. Folders named by a pattern
 * are read from their parent, and so is every folder below them: only real folders count there,
 * not symbolic links to one (they are not followed); the folders before the first pattern are a
 * path, as given.
 */
async function matchFolders(root: string, segments: readonly Segment[]): Promise<string[]> {
  let found = [''];
  let listed = false;
  for (const segment of segments) {
    const next: string[] = [];
    for (const folder of found) {
      if (typeof segment === 'string' && !listed) {
        next.push(folder === '' ? segment : `${folder}/${segment}`);
        continue;
      }
      const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const matches = typeof segment === 'string' ? entry.name === segment : segment.test(entry.name);
        if (matches && entry.isDirectory()) next.push(folder === '' ? entry.name : `${folder}/${entry.name}`);
      }
    }
    found = next;
    if (typeof segment !== 'string') listed = true;
  }
  return found;
}

/** A manifest's generated_at without reading it whole through the schema: the first field of a file run wrote. */
async function generatedAt(path: string): Promise<string | null> {
  const head = await readFile(path, 'utf8').then((t) => t.slice(0, 512), () => null);
  return head === null ? null : (/"generated_at":\s*"([^"]+)"/.exec(head)?.[1] ?? null);
}

export async function findHandovers(loaded: Pick<LoadedInput, 'data' | 'repoDir'>): Promise<Handover[]> {
  const folders = await matchFolders(loaded.repoDir, handoverSegments(loaded));
  const id = loaded.data.brief.id;
  const found = await Promise.all(
    folders.map(async (path): Promise<Handover | null> => {
      // No summary.md (or not a file that reads): not a hand-over.
      const text = await readFile(join(loaded.repoDir, path, 'summary.md'), 'utf8').catch(() => '');
      if (handoverBriefId(text) !== id) return null;
      const folder = `${path}/`;
      const dir = join(loaded.repoDir, folder);
      const manifest = manifestPath(dir, id);
      return { dir, folder, manifestPath: manifest, generatedAt: await generatedAt(manifest) };
    }),
  );
  return found
    .filter((h): h is Handover => h !== null)
    .sort((a, b) => (b.generatedAt ?? '').localeCompare(a.generatedAt ?? '') || b.folder.localeCompare(a.folder));
}
