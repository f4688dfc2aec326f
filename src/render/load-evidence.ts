// Reading an evidence manifest (render, watch, merge, publish). It is JSON, read by the one YAML
// reader (JSON is YAML 1.2), so every problem has the position of its field, and checked by the
// manifest's zod schema (evidence/manifest.ts). Anything else is bad input (exit 2).
import { readFile, stat } from 'node:fs/promises';
import { InputError, type Problem } from '../errors.js';
import { EvidenceManifestSchema, type EvidenceManifest } from '../evidence/manifest.js';
import { formatPath } from '../input/check-input.js';
import { describeIssues } from '../input/describe-issues.js';
import { checkTopMapping, locate, parseYaml } from '../text/yaml-document.js';

export interface LoadedEvidence {
  /** Absolute path of the manifest. */
  path: string;
  /** Raw text (hashed into the provenance comment). */
  text: string;
  manifest: EvidenceManifest;
}

/** Pure: check a manifest's text; returns it typed or throws InputError with every problem. */
export function parseEvidenceManifest(text: string, file: string): EvidenceManifest {
  const parsed = parseYaml(text, 'the evidence manifest');
  if (!parsed.ok) {
    throw new InputError(parsed.problems.map((p) => ({ file, line: p.line, col: p.col, path: '', message: `not a JSON evidence manifest: ${p.message.replace(/^YAML: /, '')}` })));
  }
  if (checkTopMapping(parsed.source, 'version, tool, selectors, …')) {
    throw new InputError([{ file, line: 1, col: 1, path: '', message: 'an evidence manifest is a JSON object' }]);
  }
  const data = parsed.data as Record<string, unknown>;
  if (data.version !== 1) {
    const { line, col } = locate(parsed.source, ['version']);
    throw new InputError([{ file, line, col, path: 'version', message: `expected version 1 (an evidence manifest from \`handoff run\`), got ${JSON.stringify(data.version)}` }]);
  }
  const result = EvidenceManifestSchema.safeParse(data, { jitless: true });
  if (result.success) return result.data;
  const problems: Problem[] = describeIssues(result.error.issues, { schema: EvidenceManifestSchema, data }).map((f) => ({
    file,
    ...locate(parsed.source, f.path, f.at === 'key' ? 'key' : 'value'),
    path: formatPath(f.path),
    message: f.message,
  }));
  throw new InputError(problems.sort((a, b) => a.line - b.line || a.col - b.col));
}

/** Read and check a manifest file; a missing file is bad input too (the user named it). */
export async function loadEvidence(path: string, displayName: string): Promise<LoadedEvidence> {
  let text: string;
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why = code === 'EISDIR' ? 'is a folder; name the evidence manifest file (<out>/<brief id>.evidence.json)' : `cannot read the evidence manifest (${code})`;
    throw new InputError([{ file: displayName, line: 1, col: 1, path: '', message: why }]);
  }
  return { path, text, manifest: parseEvidenceManifest(text, displayName) };
}
