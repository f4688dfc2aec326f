// `handoff publish` (docs/publishing.md): the hand-over into the repo in one step. It takes the evidence in
// --out when it stands for this input (else runs the selectors, or refuses with --no-run), then
// computes everything it will write — the artifact folder (brief linking its logs, manifest,
// logs, JUnit files, history, summary.md), the plan rows of `publish.mark`, the attempt of
// `publish.ledger` listing what it wrote — and checks it all before the first write: rows and
// item exist, every path inside the repo, no other hand-over in the folder, files writable.
// Then it writes everything or nothing, under a lock per repo and per edited file, so two
// publishes at once never interleave. Publishing the same evidence again changes nothing.
// The steps are in src/publish/; this file is their order.
import { resolveNow } from '../clock.js';
import { Interrupted } from '../errors.js';
import { describeResult } from '../evidence/outcome-words.js';
import { loadInput } from '../input/load-input.js';
import { resolveOutDir } from '../input/out-dir.js';
import { requireRepoDir } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';
import { printDryRun } from '../publish/dry-run.js';
import { checkPublishPaths, placeHandover } from '../publish/handover-folder.js';
import { planPublication } from '../publish/plan-publication.js';
import { obtainEvidence } from '../publish/publish-evidence.js';
import { lockPublication } from '../publish/publish-lock.js';
import { writePublication } from '../publish/write-publication.js';

export interface PublishOptions {
  input: string;
  repo?: string;

  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  dryRun: boolean;
  /** true: always run; false: never (existing evidence required); undefined: run when needed. */
  run?: boolean;
  allowUnmet: boolean;
  now?: string;
  template?: string;
  python: string;
  jobs?: number;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  signal?: AbortSignal;
}

export interface PublishResult {
  /** 0 published (or nothing to change); 1 refused: unmet expect, or no evidence with --no-run. */
  exitCode: 0 | 1;
  changed: string[];
}

export async function runPublish(options: PublishOptions): Promise<PublishResult> {
  const now = resolveNow(options.now, options.env);
  const loaded = await loadInput({ file: options.input, cwd: options.cwd, repo: options.repo });
  await requireRepoDir(loaded, options.cwd, options.repo);
  const { data } = loaded;
  const outDir = await resolveOutDir(options.out, loaded.absPath, options.cwd);
  // Paths first: nothing runs for a publication that could never be written.
  await checkPublishPaths(loaded);

  const evidence = data.selectors.length > 0 ? await obtainEvidence(loaded, { ...options, outDir, now }) : null;
  if (data.selectors.length > 0 && evidence === null) return { exitCode: 1, changed: [] };
  const manifest = evidence?.manifest ?? null;
  const unmet = manifest?.selectors.filter((s) => !s.met) ?? [];
  if (unmet.length > 0 && !options.allowUnmet) {
    options.console.err(`not published: ${unmet.map((s) => `${s.id} ${describeResult(s.outcome, s.expect, false)}`).join(', ')}; fix them and run again, or publish anyway with --allow-unmet\n`);
    return { exitCode: 1, changed: [] };
  }
  const folder = await placeHandover(loaded, manifest, now);

  const release = options.dryRun ? async () => undefined : await lockPublication(loaded);
  try {
    for (let attempt = 1; ; attempt++) {
      const plan = await planPublication({ loaded, manifest, evidencePath: evidence?.path ?? null, folder, now, template: options.template, cwd: options.cwd });
      if (options.dryRun) {
        await printDryRun(plan.files, options.console);
        return { exitCode: 0, changed: [] };
      }
      if (plan.files.every((f) => f.unchanged)) {
        options.console.err(`nothing to change: ${folder.rel} already holds this hand-over, and the plan rows and ledger entry are there\n`);
        return { exitCode: 0, changed: [] };
      }
      if (options.signal?.aborted) throw new Interrupted('interrupted: nothing was published');
      // Compare-and-swap: an editor may have saved a plan or the ledger since it was read.
      if (!(await plan.stillCurrent()) && attempt < 3) continue;
      const changed = await writePublication(plan, loaded.repoDir);
      options.console.err(`published ${folder.rel}: ${plan.summaryLine}\n`);
      for (const file of changed) options.console.err(`  ${file}\n`);
      return { exitCode: 0, changed };
    }
  } finally {
    await release();
  }
}
