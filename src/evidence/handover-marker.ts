// The first line of a published hand-over's summary.md names its brief. It is how a folder is
// known as a hand-over: publish refuses to write over another brief's, the evidence of a brief is
// found in its newest hand-over, and a run does not count hand-over folders as repo changes.
export const handoverMarker = (briefId: string): string => `<!-- handoff publish: brief ${briefId} -->`;

/** The brief id a summary.md was written for, or null when handoff publish did not write it. */
export function handoverBriefId(summaryText: string): string | null {
  return /^<!-- handoff publish: brief ([a-z0-9_-]+) -->$/m.exec(summaryText)?.[1] ?? null;
}
