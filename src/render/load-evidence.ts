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

/** Position of the first `"key":` in the text (good enough to point a person at it). */
function positionOfKey(text: string, key: string, from = 0): { line: number; col: number } {
  const index = text.indexOf(`"${key}"`, from);
  return index === -1 ? { line: 1, col: 1 } : positionAt(text, index);
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
  const add = (path: string, key: string, message: string, from = 0): void => {
    problems.push({ file, ...positionOfKey(text, key, from), path, message });
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
    // Each selector's keys are looked for after its own `"id"`: good enough to point at it.
    let from = text.indexOf('"selectors"');
    m.selectors.forEach((raw, i) => {
      const own = text.indexOf('"id"', from + 1);
      if (own !== -1) from = own;
      const s = (raw ?? {}) as Record<string, unknown>;
      const base = `selectors[${i}]`;
      if (typeof s.id !== 'string') add(`${base}.id`, 'id', 'expected a selector id', from);
      if (typeof s.outcome !== 'string' || !OUTCOMES.has(s.outcome)) {
        add(`${base}.outcome`, 'outcome', `unknown outcome ${JSON.stringify(s.outcome)}`, from);
      }
      if (typeof s.counts !== 'object' || s.counts === null) add(`${base}.counts`, 'counts', 'expected counts', from);
      if (typeof s.log !== 'string') add(`${base}.log`, 'log', 'expected the log path', from);
      if (!Array.isArray(s.failures)) add(`${base}.failures`, 'failures', 'expected a list of failures', from);
      if (!Array.isArray(s.runtime_findings)) add(`${base}.runtime_findings`, 'runtime_findings', 'expected a list', from);
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
