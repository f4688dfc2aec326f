// Reading an evidence manifest (render, watch, merge, publish). It is JSON, read by the one YAML
// reader (JSON is YAML 1.2), so every problem has the position of its field, and checked by the
// manifest's zod schema (evidence/manifest.ts). Anything else is bad input (exit 2).
import { readFile, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { InputError, type Problem } from '../errors.js';
import { EvidenceManifestSchema, type EvidenceManifest } from './manifest.js';
import type { LoadedInput } from '../input/model.js';
import type { Handover } from './find-handovers.js';
import { manifestPath } from './out-layout.js';
import { formatPath } from '../input/check-input.js';
import { describeIssues } from '../input/describe-issues.js';
import { checkTopMapping, locate, parseYaml, type YamlSource } from '../text/yaml-document.js';

export interface LoadedEvidence {
  /** Absolute path of the manifest. */
  path: string;
  /** Raw text (hashed into the provenance comment). */
  text: string;
  manifest: EvidenceManifest;
}

/**
 * A manifest as `run` writes it, at JSON.parse's speed (`handoff site` reads hundreds): valid JSON
 * of version 1 that the schema accepts; undefined for anything else, which the YAML reader then
 * reads again for the positions of its problems.
 */
function parsePlainManifest(text: string): EvidenceManifest | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { version?: unknown }).version !== 1) return undefined;
  const result = EvidenceManifestSchema.safeParse(data, { jitless: true });
  return result.success ? result.data : undefined;
}

/** Pure: check a manifest's text; returns it typed or throws InputError with every problem. */
export function parseEvidenceManifest(text: string, file: string): EvidenceManifest {
  const plain = parsePlainManifest(text);
  if (plain) return plain;
  const parsed = parseYaml(text, 'the evidence manifest');
  if (!parsed.ok) {
    throw new InputError(parsed.problems.map((p) => ({ file, line: p.line, col: p.col, path: '', message: `not a JSON evidence manifest: ${p.message.replace(/^YAML: /, '')}` })));
  }
  if (checkTopMapping(parsed.source, 'version, tool, selectors, …')) {
    throw new InputError([{ file, line: 1, col: 1, path: '', message: 'an evidence manifest is a JSON object' }]);
  }
  const notJson = firstUnquotedText(parsed.source);
  if (notJson) throw new InputError([{ file, ...notJson, path: '', message: 'not a JSON evidence manifest: text without double quotes' }]);
  const data = parsed.data as Record<string, unknown>;
  if (data.version !== 1) {
    const { line, col } = locate(parsed.source, ['version'], 'key');
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

/**
 * JSON is YAML, but YAML is not JSON: text that is not double-quoted (`oops`, `key: value`) is
 * YAML's and means the file was edited by hand or is not a manifest. Its position, if any.
 */
function firstUnquotedText(source: YamlSource): { line: number; col: number } | undefined {
  const offset = source.findScalar((style, value) => style !== 'double-quoted' && typeof value() === 'string');
  return offset === undefined ? undefined : source.positionAt(offset);
}

/** Read and check a manifest file; a missing file is bad input too (the user named it). */
export async function loadEvidence(path: string, displayName: string): Promise<LoadedEvidence> {
  let text: string;
  try {
    if ((await stat(path)).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why =
      code === 'EISDIR'
        ? 'is a folder; name the evidence manifest file (<out>/<brief id>.evidence.json)'
        : code === 'ENOENT'
          ? `no such evidence manifest (looked in ${dirname(path)})`
          : `cannot read the evidence manifest (${code})`;
    throw new InputError([{ file: displayName, line: 1, col: 1, path: '', message: why }]);
  }
  return { path, text, manifest: parseEvidenceManifest(text, displayName) };
}

/** Where a brief's evidence came from: named on the command line, the output folder, or a published hand-over. */
export type EvidenceOrigin = { kind: 'named' } | { kind: 'out' } | { kind: 'handover'; handover: Handover };

export interface FoundEvidence {
  evidence?: LoadedEvidence;
  origin?: EvidenceOrigin;
  /** Where the run history is read: the output folder, or the hand-over's folder; false: none. */
  historyDir: string | false;
  /** Why a manifest that is there was not used. */
  note?: string;
  /** The manifests this choice rests on, existing or not (`handoff watch` watches them). */
  watch: string[];
}

/** `<out>/<brief.id>.evidence.json` when it exists and was made for this brief (else `note` says why not). */
export async function loadOutEvidence(outDir: string, briefId: string): Promise<{ evidence?: LoadedEvidence; note?: string; path: string }> {
  const path = manifestPath(outDir, briefId);
  if (!(await stat(path).catch(() => null))) return { path };
  const evidence = await loadEvidence(path, path);
  const madeFor = evidence.manifest.input?.brief_id;
  if (madeFor !== undefined && madeFor !== briefId) {
    return { path, note: `not using ${path}: it holds evidence of brief "${madeFor}", not "${briefId}"` };
  }
  return { evidence, path };
}

export interface FindEvidenceOptions {
  /** --evidence FILE, --no-evidence (false), or neither (undefined: found as below). */
  choice: string | false | undefined;
  cwd: string;
  outDir: string;
  loaded: LoadedInput;
}

/**
 * The evidence a brief is rendered with: the file named; else `<out>/<brief.id>.evidence.json`;
 * else the newest published hand-over of this brief (a fresh clone has no output folder, but it
 * has what was published and committed). `--no-evidence`: none, nor a run history.
 */
export async function findEvidence(options: FindEvidenceOptions): Promise<FoundEvidence> {
  if (options.choice === false) return { historyDir: false, watch: [] };
  const briefId = options.loaded.data.brief.id;
  if (options.choice !== undefined) {
    const path = resolve(options.cwd, options.choice);
    // Naming the output folder's own manifest is the default choice, said out loud.
    const origin: EvidenceOrigin = path === manifestPath(options.outDir, briefId) ? { kind: 'out' } : { kind: 'named' };
    return { evidence: await loadEvidence(path, options.choice), origin, historyDir: options.outDir, watch: [path] };
  }
  const out = await loadOutEvidence(options.outDir, briefId);
  if (out.evidence) return { evidence: out.evidence, origin: { kind: 'out' }, historyDir: options.outDir, watch: [out.path] };
  const { findHandovers } = await import('./find-handovers.js');
  for (const handover of await findHandovers(options.loaded)) {
    if (handover.generatedAt === null) continue;
    const evidence = await loadEvidence(handover.manifestPath, relative(options.cwd, handover.manifestPath) || handover.manifestPath);
    if (evidence.manifest.input?.brief_id !== undefined && evidence.manifest.input.brief_id !== briefId) continue;
    return { evidence, origin: { kind: 'handover', handover }, historyDir: handover.dir, note: out.note, watch: [out.path, handover.manifestPath] };
  }
  return { historyDir: options.outDir, note: out.note, watch: [out.path] };
}
