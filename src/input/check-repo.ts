// The input checked against the repo (`validate`, exit 1 on a finding): every reference, plan
// file and file a selector names exists inside the repo, and every plan row named in `plans:`
// is in its plan file. Each finding points at the field that cites the path, with "did you
// mean" when the folder holds a close name.
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../errors.js';
import { closestNames } from '../text/edit-distance.js';
import { formatPath } from './check-input.js';
import type { FieldPath, LoadedInput } from './model.js';

/** "; did you mean tests/torch/test_backend.py?" when the file's folder holds a close name. */
async function suggestPath(repoDir: string, file: string): Promise<string> {
  const clean = file.replace(/\/+$/, '');
  const names = await readdir(resolve(repoDir, dirname(clean))).catch(() => [] as string[]);
  const [close] = closestNames(basename(clean), names, 1);
  if (!close) return '';
  const dir = dirname(clean);
  return `; did you mean ${dir === '.' ? close : `${dir}/${close}`}?`;
}

async function describeMissing(repoDir: string, file: string, repoLabel: string): Promise<string | undefined> {
  const full = resolve(repoDir, file);
  const rel = relative(repoDir, full);
  if (rel.startsWith('..') || isAbsolute(rel)) return `is outside the repo (${repoLabel})`;
  const info = await stat(full).catch(() => undefined);
  return info ? undefined : `does not exist in ${repoLabel}${await suggestPath(repoDir, file)}`;
}

/** Plan rows named in `plans:` that the plan file does not have. */
async function checkPlanRows(loaded: LoadedInput, index: number, missingFiles: Set<string>): Promise<Problem[]> {
  const plan = loaded.data.plans[index]!;
  if (missingFiles.has(plan.file) || plan.rows.length === 0) return [];
  const text = await readFile(resolve(loaded.repoDir, plan.file), 'utf8').catch(() => null);
  if (text === null) return [];
  const { readPlan } = await import('../plan/checklist.js');
  const ids = [...new Set((await readPlan(text)).rows.map((r) => r.id).filter((id) => id !== ''))];
  return plan.rows.flatMap((id, j) => {
    if (ids.includes(id)) return [];
    const path: FieldPath = ['plans', index, 'rows', j];
    const { line, col } = loaded.positionOf(path);
    const [close] = closestNames(id, ids, 1);
    const hint = close ? `; did you mean ${close}?` : ids.length > 0 ? `; rows there: ${ids.join(', ')}` : '; it has no checklist rows';
    return [{ file: loaded.file, line, col, path: formatPath(path), message: `plan ${plan.file} has no row ${id}${hint}` }];
  });
}

/** Every cited path must exist under the repo; every named plan row must be in its plan. */
export async function checkRepoPaths(loaded: LoadedInput, repoLabel: string): Promise<Problem[]> {
  const { data } = loaded;
  const wanted: Array<{ path: FieldPath; file: string; what: string }> = [
    ...data.references.map((r, i) => ({ path: ['references', i, 'path'], file: r.path, what: 'referenced file' })),
    ...data.plans.map((p, i) => ({ path: ['plans', i, 'file'], file: p.file, what: 'plan file' })),
    ...data.selectors.flatMap((s, i) => s.files.map((file) => ({ path: ['selectors', i, 'run'], file, what: 'test path' }))),
  ];
  const problems: Problem[] = [];
  const missing = new Set<string>();
  const results = await Promise.all(wanted.map(async (w) => ({ ...w, problem: await describeMissing(loaded.repoDir, w.file, repoLabel) })));
  for (const w of results) {
    if (w.problem === undefined) continue;
    missing.add(w.file);
    const { line, col } = loaded.positionOf(w.path);
    problems.push({ file: loaded.file, line, col, path: formatPath(w.path), message: `${w.what} ${w.file} ${w.problem}` });
  }
  for (const [i] of data.plans.entries()) problems.push(...(await checkPlanRows(loaded, i, missing)));
  return problems;
}
