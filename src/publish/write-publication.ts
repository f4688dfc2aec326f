// Writing a planned publication: every changed file or none (io/file-transaction.ts). Old files
// are moved aside on the repo's own file system (renames), inside .git when there is one, then
// dropped.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { commitFiles } from '../io/file-transaction.js';
import type { Publication } from './plan-publication.js';
import { repoRelative } from './repo-paths.js';

/** Writes what the plan changes; resolves to the files written, as the repo names them. */
export async function writePublication(plan: Publication, repoDir: string): Promise<string[]> {
  const changes = plan.files.filter((f) => !f.unchanged);
  const backupDir = existsSync(join(repoDir, '.git')) ? join(repoDir, '.git', `handoff-publish-${process.pid}`) : join(repoDir, `.handoff-publish-${process.pid}`);
  try {
    await commitFiles(
      changes.map((f) => f.change),
      { backupDir, display: (abs) => repoRelative(repoDir, abs) },
    );
  } finally {
    await rm(backupDir, { recursive: true, force: true });
  }
  return changes.map((f) => f.shown);
}
