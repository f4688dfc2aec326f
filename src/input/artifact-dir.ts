// The folder in the repo where `handoff publish` writes a hand-over (docs/publishing.md): `artifacts.dir`
// with its placeholders filled in. The brief's header shows the same folder.
export const DEFAULT_ARTIFACT_DIR = 'plans/active/{initiative}/reports/{stamp}/';

export interface ArtifactDirValues {
  initiative: string;
  phase: string;
  stamp: string;
  id: string;
  date: string;
}

/** `plans/active/{initiative}/reports/{stamp}/` → `plans/active/INIT/reports/2025-10-19T205832Z/`. */
export function expandArtifactDir(pattern: string | undefined, values: ArtifactDirValues): string {
  return (pattern ?? DEFAULT_ARTIFACT_DIR).replace(/\{(initiative|phase|stamp|id|date)\}/g, (_, key: keyof ArtifactDirValues) => values[key]);
}
