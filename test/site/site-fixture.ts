// The fixture repository of the site tests (test/fixtures/site-repo/), made real: copied to a temp
// folder, a git repository with an origin, every hand-over run with real pytest at its own time,
// beta published and its output removed (so its evidence is the published hand-over's), and the
// twenty daily runs before gamma's written with handoff's own history writer, each a little slower,
// so `training` drifts towards its max.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendHistory, HISTORY_VERSION, type HistoryEntry } from '../../src/evidence/history.js';
import { ROOT, runCli } from '../helpers/cli.js';

export const SITE_REPO = join(ROOT, 'test', 'fixtures', 'site-repo');
/** The day the site is built on: gamma's weekly follow-up is 8 days overdue, alpha's upcoming. */
export const SITE_NOW = '2025-10-25T09:00:00Z';
export const INPUTS = 'plans/active/*/handoff.*';
export const BRIEF_IDS = ['alpha', 'beta', 'gamma', 'delta'];
/** Every follow-up of the fixture and how it stands on SITE_NOW. */
export const FOLLOWUPS = { 'weekly-smoke': 'upcoming', 'per-pr-stitching': 'undated', 'weekly-training': 'overdue', 'daily-reload': 'failed' };
/** What the payloads in the fixture would set, had one run. */
export const PAYLOAD_MARK = '__pwned';

const GIT_ENV = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' };

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
}

/** The runs before gamma's real one: daily from 2025-09-20, 0.8 s growing to 1.56 s. */
function earlierTrainingRuns(): HistoryEntry[] {
  return Array.from({ length: 20 }, (_, i) => ({
    version: HISTORY_VERSION,
    time: new Date(Date.UTC(2025, 8, 20 + i, 8)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    tool: '0.2.0',
    source: 'run' as const,
    input: null,
    manifest_sha256: i.toString(16).padStart(64, '0'),
    commit: null,
    dirty: null,
    selectors: [{ id: 'training', outcome: 'passed' as const, expect: 'pass' as const, met: true, duration_s: Math.round((0.8 + 0.04 * i) * 100) / 100, counts: { passed: 1 } }],
  }));
}

async function run(repo: string, args: string[], codes: number[] = [0]): Promise<void> {
  const r = await runCli(args, { cwd: repo, env: GIT_ENV });
  if (!codes.includes(r.code ?? -1)) throw new Error(`handoff ${args.join(' ')} exited ${r.code}:\n${r.stderr}`);
}

/** Builds the fixture repository in `dir`/repo and returns its path. */
export async function buildSiteRepo(dir: string): Promise<string> {
  const repo = join(dir, 'repo');
  cpSync(SITE_REPO, repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'remote', 'add', 'origin', 'https://github.com/example-lab/site-fixture.git');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'the fixture project');

  await run(repo, ['run', 'plans/active/ALPHA-001/handoff.yaml', '--now', '2025-10-24T08:00:00Z', '--quiet']);
  await run(repo, ['run', 'plans/active/BETA-001/handoff.yaml', '--now', '2025-10-23T10:00:00Z', '--quiet']);
  await run(repo, ['publish', 'plans/active/BETA-001/handoff.yaml', '--no-run', '--now', '2025-10-23T11:00:00Z']);
  git(repo, 'add', '-A', 'plans');
  git(repo, 'commit', '-q', '-m', 'beta hand-over published');
  // A fresh clone has only what was published: so beta's evidence comes from there.
  for (const name of ['beta.evidence.json', 'beta.history.jsonl', 'beta.md', 'logs/beta']) rmSync(join(repo, 'out', name), { recursive: true, force: true });
  // The regression: its selector fails where it should pass (exit 1 is that finding).
  await run(repo, ['run', 'plans/active/DELTA-001/handoff.yaml', '--now', '2025-10-24T12:00:00Z', '--quiet'], [1]);
  for (const entry of earlierTrainingRuns()) await appendHistory({ outDir: join(repo, 'out'), briefId: 'gamma', entry });
  await run(repo, ['run', 'plans/active/GAMMA-001/handoff.md', '--now', '2025-10-10T08:00:00Z', '--quiet']);
  return repo;
}
