// The input checked against the repo (`validate`, exit 1 on a finding): every reference, plan
// file, file a selector names and file `publish` edits exists inside the repo, and every plan row
// and ledger item the input names is there (check-publish.ts). Each finding points at the field
// that cites the path, with "did you mean" when the folder holds a close name. When none of the
// cited files is there, the repo folder itself is the likely mistake: one finding says so.
import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../errors.js';
import { statOrNull } from '../io/path-stat.js';
import { closestName } from '../text/edit-distance.js';
import { formatPath } from './check-input.js';
import { checkLedgerItem, checkMarkRows, checkPlanRows } from './check-publish.js';
import type { FieldPath, LoadedInput } from './model.js';

export interface RepoCheck {
  problems: Problem[];
  /** Indexes of selectors whose test files are missing: collecting them would only say it again. */
  missingSelectors: Set<number>;
}

interface Cited {
  path: FieldPath;
  file: string;
  what: string;
}

/** "; did you mean tests/torch/test_backend.py?" when the file's folder holds a close name. */
async function suggestPath(repoDir: string, file: string): Promise<string> {
  const clean = file.replace(/\/+$/, '');
  const names = await readdir(resolve(repoDir, dirname(clean))).catch(() => [] as string[]);
  const close = closestName(basename(clean), names);
  if (!close) return '';
  const dir = dirname(clean);
  return `; did you mean ${dir === '.' ? close : `${dir}/${close}`}?`;
}

function isOutside(repoDir: string, file: string): boolean {
  const rel = relative(repoDir, resolve(repoDir, file));
  return rel.startsWith('..') || isAbsolute(rel);
}

/** Every path the input cites, with the field that cites it. */
function citedPaths(loaded: LoadedInput): Cited[] {
  const { data } = loaded;
  return [
    ...data.references.map((r, i): Cited => ({ path: ['references', i, 'path'], file: r.path, what: 'referenced file' })),
    ...data.plans.map((p, i): Cited => ({ path: ['plans', i, 'file'], file: p.file, what: 'plan file' })),
    ...data.selectors.flatMap((s, i) => s.files.map((file): Cited => ({ path: ['selectors', i, 'run'], file, what: 'test path' }))),
    ...(data.publish?.mark ?? []).map((m, i): Cited => ({ path: ['publish', 'mark', i, 'file'], file: m.file, what: 'plan file' })),
    ...(data.publish?.ledger ? [{ path: ['publish', 'ledger', 'file'], file: data.publish.ledger.file, what: 'ledger file' } satisfies Cited] : []),
  ];
}

/** Every cited path must exist under the repo; every named plan row and ledger item must be there. */
export async function checkRepoPaths(loaded: LoadedInput, repoLabel: string): Promise<RepoCheck> {
  const problemAt = (path: FieldPath, message: string): Problem => ({ file: loaded.file, ...loaded.positionOf(path), path: formatPath(path), message });
  const cited = citedPaths(loaded);
  const outside = cited.filter((c) => isOutside(loaded.repoDir, c.file));
  const inside = cited.filter((c) => !isOutside(loaded.repoDir, c.file));
  const found = inside.map((c) => statOrNull(resolve(loaded.repoDir, c.file)) !== null);
  const missing = inside.filter((_, i) => !found[i]);
  const missingFiles = new Set(missing.map((c) => c.file));
  const missingSelectors = new Set(missing.filter((c) => c.path[0] === 'selectors').map((c) => c.path[1] as number));
  const problems = outside.map((c) => problemAt(c.path, `${c.what} ${c.file} is outside the repo (${repoLabel})`));

  const distinct = [...new Set(inside.map((c) => c.file))];
  if (distinct.length >= 2 && missingFiles.size === distinct.length) {
    problems.push(wrongRepo(loaded, distinct, repoLabel, problemAt));
    return { problems, missingSelectors };
  }
  for (const c of missing) problems.push(problemAt(c.path, `${c.what} ${c.file} does not exist in ${repoLabel}${await suggestPath(loaded.repoDir, c.file)}`));
  for (const [i] of loaded.data.plans.entries()) problems.push(...(await checkPlanRows(loaded, i, missingFiles)));
  for (const [i] of (loaded.data.publish?.mark ?? []).entries()) problems.push(...(await checkMarkRows(loaded, i, missingFiles)));
  problems.push(...(await checkLedgerItem(loaded, missingFiles)));
  return { problems, missingSelectors };
}

/**
 * None of the files the input cites is in the repo folder: one finding about the folder (where
 * `repo:`, --repo or the current folder put it) instead of one "does not exist" per file.
 */
function wrongRepo(loaded: LoadedInput, files: string[], repoLabel: string, problemAt: (path: FieldPath, message: string) => Problem): Problem {
  const shown = files.length > 3 ? `${files.slice(0, 2).join(', ')} and ${files.length - 2} more` : files.join(', ');
  const none = `holds none of the ${files.length} files this input cites (${shown})`;
  if (loaded.repoFrom === 'input') {
    return problemAt(['repo'], `${loaded.data.repo} resolves to ${loaded.repoDir}, which ${none}; fix repo: (it is relative to this file) or pass --repo DIR`);
  }
  const where = loaded.repoFrom === 'option' ? `--repo ${repoLabel} resolves to ${loaded.repoDir}, which` : `the repo is the current folder ${loaded.repoDir} (the input has no repo:), which`;
  const fix = loaded.repoFrom === 'option' ? 'pass the folder the input was written for' : 'add repo: to the input or pass --repo DIR';
  return { file: loaded.file, line: 1, col: 1, path: '', message: `${where} ${none}; ${fix}` };
}
