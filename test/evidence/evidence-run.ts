// runEvidence as `handoff run` calls it (python-setup.ts, then the run, then the pool closed),
// for tests that run fixture projects with real pytest in shared workers or with --isolate.
import { readRepoState } from '../../src/evidence/repo-state.js';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { setUpPython } from '../../src/evidence/python-setup.js';
import { runEvidence } from '../../src/evidence/run-evidence.js';
import type { Ci } from '../../src/input/model.js';
import { PYTHON } from '../helpers/python.js';
import { makeLoaded, type SelectorSpec } from './loaded.js';

export interface EvidenceRun {
  repo: string;
  specs: SelectorSpec[];
  outDir: string;
  ci?: Partial<Ci>;
  jobs?: number;
  retries?: number;
  timeoutS?: number;
  isolate?: boolean;
  signal?: AbortSignal;
  /** Default: the interpreter `python3` stands for. */
  python?: string;
  /** The environment the command is given; default: this process's. */
  env?: NodeJS.ProcessEnv;
}

export async function runFixture(run: EvidenceRun): Promise<EvidenceManifest> {
  const loaded = makeLoaded(run.repo, run.specs, run.ci);
  const jobs = run.jobs ?? 1;
  const python = run.python ?? PYTHON;
  const env = run.env ?? process.env;
  const { pythonEnv, pool } = await setUpPython({
    python,
    cwd: run.repo,
    env: Object.fromEntries((loaded.data.ci?.environment ?? []).map((v) => [v.name, v.value])),
    cliEnv: env,
    jobs,
    selectorArgs: loaded.data.selectors.map((s) => s.pytestArgs),
    isolate: run.isolate === true,
    graceMs: 500,
  });
  try {
    return await runEvidence({
      loaded,
      selectors: loaded.data.selectors,
      outDir: run.outDir,
      python,
      jobs,
      retries: run.retries,
      timeoutS: run.timeoutS,
      env,
      signal: run.signal,
      generatedAt: new Date('2025-10-19T20:58:32Z'),
      toolVersion: 'test',
      pythonEnv,
      repoState: await readRepoState(run.repo, [run.outDir], env),
      graceMs: 500,
      pool,
    });
  } finally {
    await pool?.close();
  }
}
