// Reading an evidence manifest for `render --evidence` (and watch): it must be JSON, version 1,
// with the fields the brief shows. Anything else is bad input (exit 2) with a position.
import { readFile } from 'node:fs/promises';
import { InputError, type Problem } from '../errors.js';
import type { EvidenceManifest } from '../evidence/manifest.js';

export interface LoadedEvidence {
  /** Absolute path of the manifest. */
  path: string;
  /** Raw text (hashed into the provenance comment). */
  text: string;
  manifest: EvidenceManifest;
}

const OUTCOMES = new Set(['passed', 'skipped', 'failed', 'error', 'no-tests', 'timeout', 'flaky']);

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * Offsets where each element of the top-level `"selectors"` array starts, found by a small
 * scan that skips strings, so each selector's problems can point into its own object.
 */
function findSelectorStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inSelectors = false;
  let lastString = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      lastString = text.slice(i + 1, j);
      i = j;
    } else if (c === '{' || c === '[') {
      if (depth === 1 && c === '[' && lastString === 'selectors') inSelectors = true;
      else if (inSelectors && depth === 2) starts.push(i);
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 1) inSelectors = false;
    }
  }
  return starts;
}

/** Pure: check a manifest's text; returns it typed or throws InputError with every problem. */
export function parseEvidenceManifest(text: string, file: string): EvidenceManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const pos = at ? positionAt(text, Number(at[1])) : { line: 1, col: 1 };
    throw new InputError([{ file, ...pos, path: '', message: `not a JSON evidence manifest: ${message}` }]);
  }
  const problems: Problem[] = [];
  const add = (path: string, key: string, message: string, from = 0, to = text.length): void => {
    const index = text.indexOf(`"${key}"`, from);
    const pos = index !== -1 && index < to ? positionAt(text, index) : from > 0 ? positionAt(text, from) : { line: 1, col: 1 };
    problems.push({ file, ...pos, path, message });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InputError([{ file, line: 1, col: 1, path: '', message: 'an evidence manifest is a JSON object' }]);
  }
  const m = data as Record<string, unknown>;
  if (m.version !== 1) {
    add('version', 'version', `expected version 1 (an evidence manifest from \`handoff run\`), got ${JSON.stringify(m.version)}`);
  }
  for (const key of ['generated_at', 'tool', 'repo', 'environment'] as const) {
    if (m[key] === undefined) add(key, 'version', `missing "${key}"`);
  }
  if (!Array.isArray(m.selectors)) {
    add('selectors', 'selectors', 'expected a list of selector results');
  } else {
    const starts = findSelectorStarts(text);
    m.selectors.forEach((raw, i) => {
      const s = (raw ?? {}) as Record<string, unknown>;
      const base = `selectors[${i}]`;
      const at = (key: string, message: string): void => add(`${base}.${key}`, key, message, starts[i] ?? 0, starts[i + 1]);
      if (typeof s.id !== 'string') at('id', 'expected a selector id');
      if (typeof s.outcome !== 'string' || !OUTCOMES.has(s.outcome)) at('outcome', `unknown outcome ${JSON.stringify(s.outcome)}`);
      if (typeof s.counts !== 'object' || s.counts === null) at('counts', 'expected counts');
      if (typeof s.log !== 'string') at('log', 'expected the log path');
      if (!Array.isArray(s.failures)) at('failures', 'expected a list of failures');
      if (!Array.isArray(s.runtime_findings)) at('runtime_findings', 'expected a list');
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return data as EvidenceManifest;
}

/** Read and check a manifest file; a missing file is bad input too (the user named it). */
export async function loadEvidence(path: string, displayName: string): Promise<LoadedEvidence> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError([{ file: displayName, line: 1, col: 1, path: '', message: `cannot read the evidence manifest (${code})` }]);
  }
  return { path, text, manifest: parseEvidenceManifest(text, displayName) };
}
