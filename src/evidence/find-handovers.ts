// The published hand-overs of a brief: the folders under its `artifacts.dir` pattern (stamp and
// date as wildcards) whose summary.md names this brief, newest first by their evidence's time.
// A receiving team works in a fresh clone, where the output folder is empty: what was published
// and committed is the evidence and history it has.
import { readFile } from 'node:fs/promises';
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

/** Glob characters in a value are literal there. */
function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

/** `plans/active/{initiative}/reports/{stamp}/` → `plans/active/INIT/reports/*` (stamp and date free). */
export function handoverPattern(loaded: LoadedInput): string {
  const brief = loaded.data.brief;
  const known: Record<string, string> = { initiative: brief.initiative, phase: brief.phase, id: brief.id };
  const pattern = (loaded.data.artifacts?.dir ?? DEFAULT_ARTIFACT_DIR).replace(/\/+$/, '');
  return pattern
    .split(/(\{(?:initiative|phase|stamp|id|date)\})/)
    .map((part) => {
      const key = /^\{(\w+)\}$/.exec(part)?.[1];
      if (key === undefined) return escapeGlob(part);
      return known[key] !== undefined ? escapeGlob(known[key]) : '*';
    })
    .join('');
}

/** A manifest's generated_at without reading it whole through the schema: the first field of a file run wrote. */
async function generatedAt(path: string): Promise<string | null> {
  const head = await readFile(path, 'utf8').then((t) => t.slice(0, 512), () => null);
  return head === null ? null : (/"generated_at":\s*"([^"]+)"/.exec(head)?.[1] ?? null);
}

export async function findHandovers(loaded: LoadedInput): Promise<Handover[]> {
  const { glob } = await import('tinyglobby');
  const summaries = await glob(`${handoverPattern(loaded)}/summary.md`, { cwd: loaded.repoDir, onlyFiles: true, expandDirectories: false, followSymbolicLinks: false });
  const id = loaded.data.brief.id;
  const found = await Promise.all(
    summaries.map(async (summary): Promise<Handover | null> => {
      const text = await readFile(join(loaded.repoDir, summary), 'utf8').catch(() => '');
      if (handoverBriefId(text) !== id) return null;
      const folder = summary.slice(0, -'summary.md'.length);
      const dir = join(loaded.repoDir, folder);
      const manifest = manifestPath(dir, id);
      return { dir, folder, manifestPath: manifest, generatedAt: await generatedAt(manifest) };
    }),
  );
  return found
    .filter((h): h is Handover => h !== null)
    .sort((a, b) => (b.generatedAt ?? '').localeCompare(a.generatedAt ?? '') || b.folder.localeCompare(a.folder));
}
