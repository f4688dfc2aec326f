// GitHub Actions workflow commands for a run (docs/ci.md): an `::error` annotation per selector that
// did not meet its expect (at the failing test's file and line when JUnit recorded them), a
// `::warning` per runtime guardrail finding, and each unmet selector's log tail in a collapsed
// `::group::`. Pure: the lines to print. Values are escaped as the runner's toolkit does, so a
// test name or message can never end a command early or start another.
import type { SelectorEvidence } from '../evidence/manifest.js';
import { describeEvidence } from '../evidence/outcome-words.js';

/** Message data: %, CR and LF are escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

export interface AnnotationOptions {
  /** A failing test's file as the workflow sees it (relative to the workspace), or undefined. */
  fileOf: (file: string) => string | undefined;
}

/** A collection below `collected.min` is recorded among the findings, but it is not about time. */
const isCollectedFinding = (finding: string): boolean => finding.startsWith('collected ');

export function formatAnnotations(selectors: readonly SelectorEvidence[], options: AnnotationOptions): string[] {
  const lines: string[] = [];
  for (const s of selectors) {
    if (!s.met) {
      const first = s.failures[0];
      const file = first?.file !== undefined ? options.fileOf(first.file) : undefined;
      const why = s.runtime_findings.filter(isCollectedFinding).map((f) => `; ${f}`).join('');
      const message = `${describeEvidence(s).replace(/^✗ /, '').replace(/\*\*/g, '')}${why}${first ? ` — ${first.nodeid}: ${first.message}` : ''}`;
      lines.push(command('error', { title: s.id, file, line: file !== undefined ? first?.line : undefined }, message));
    }
    for (const finding of s.runtime_findings.filter((f) => !isCollectedFinding(f))) {
      lines.push(command('warning', { title: `${s.id}: runtime guardrail` }, `${s.id} took ${s.duration_s}s: ${finding}`));
    }
  }
  return lines;
}

/** A log tail in a collapsed group. The tail's own `::` lines are neutralised so they run nothing. */
export function formatLogGroup(title: string, tail: string): string[] {
  const body = tail.split(/\r?\n/).map((l) => (/^::/.test(l) ? ` ${l}` : l));
  return [`::group::${escapeData(title)}`, ...body, '::endgroup::'];
}

/** A guardrail breach (above max or below min), as `--fail-on guardrail` counts them. */
export function isGuardrailBreach(finding: string): boolean {
  return /^(above max|below min) /.test(finding);
}
