// A scratch git copy of the example repo with the Phase E3 input beside it, and evidence for it.
//
// The evidence is written here, not by a pytest run: pytest's logs carry timings, so a run cannot
// give the byte-for-byte expected tree publish is checked against. Everything publish checks
// about evidence is real: the input's sha256, the sha256 of every test file the selectors name,
// and of every log. (Publishing after a real run is tested too, in publish-cli.test.ts.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { hashFiles } from '../../src/evidence/stale.js';
import { loadInput } from '../../src/input/load-input.js';
import { ROOT } from '../helpers/cli.js';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Scratch',
  GIT_AUTHOR_EMAIL: 'scratch@example.org',
  GIT_COMMITTER_NAME: 'Scratch',
  GIT_COMMITTER_EMAIL: 'scratch@example.org',
  GIT_AUTHOR_DATE: '2025-10-19T20:00:00Z',
  GIT_COMMITTER_DATE: '2025-10-19T20:00:00Z',
};

export interface Scratch {
  /** The folder holding `handoff.yaml`, `repo/` and `out/`. */
  dir: string;
  repo: string;
  input: string;
  out: string;
}

/** `<dir>/repo` (a git repo with one commit) and `<dir>/handoff.yaml` (the Phase E3 input, repo: repo). */
export function makeScratch(dir: string, edit: (input: string) => string = (t) => t): Scratch {
  const repo = join(dir, 'repo');
  cpSync(join(ROOT, 'examples', 'ptychopinn-mini'), repo, { recursive: true });
  rmSync(join(repo, '.pytest_cache'), { recursive: true, force: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...GIT_ENV }, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'scratch copy of the example repo');
  const input = join(dir, 'handoff.yaml');
  const text = readFileSync(join(ROOT, 'data', 'integrate-pytorch-001', 'phase_e3.yaml'), 'utf8').replace('repo: ../../examples/ptychopinn-mini', 'repo: repo');
  writeFileSync(input, edit(text));
  return { dir, repo, input, out: join(dir, 'out') };
}

/** `git status --porcelain` of the scratch repo: '' when nothing changed. */
export function gitStatus(s: Scratch): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: s.repo, encoding: 'utf8' });
}

const COUNTS = { passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 };

/** Evidence in `<out>`, made for the scratch input as it is now; `over` changes selectors. */
export async function writeEvidence(s: Scratch, over: (id: string) => Partial<EvidenceManifest['selectors'][number]> = () => ({})): Promise<void> {
  const loaded = await loadInput({ file: s.input, cwd: s.dir });
  mkdirSync(join(s.out, 'logs'), { recursive: true });
  const selectors = await Promise.all(
    loaded.data.selectors.map(async (sel, i) => {
      const log = `collected ${i + 1} items\n\n${sel.id}: every test passed\n\n======== ${i + 1} passed in 0.50s ========\n`;
      writeFileSync(join(s.out, 'logs', `${sel.id}.log`), log);
      writeFileSync(join(s.out, 'logs', `${sel.id}.junit.xml`), `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" tests="${i + 1}"/></testsuites>\n`);
      return {
        id: sel.id,
        run: sel.run,
        argv: ['python3', '-m', 'pytest', ...sel.pytestArgs],
        outcome: 'passed' as const,
        expect: sel.expect,
        met: true,
        exit_code: 0,
        attempts: 1,
        started_at: '2025-10-19T20:58:00.000Z',
        duration_s: 0.5,
        counts: { ...COUNTS, passed: i + 1 },
        runtime_findings: [],
        log: `logs/${sel.id}.log`,
        log_sha256: createHash('sha256').update(log).digest('hex'),
        junit: `logs/${sel.id}.junit.xml`,
        failures: [],
        files: await hashFiles(loaded.repoDir, sel.files),
        ...over(sel.id),
      };
    }),
  );
  const manifest: EvidenceManifest = {
    version: 1,
    generated_at: '2025-10-19T20:58:32Z',
    tool: { name: 'handoff-brief', version: '0.2.0' },
    input: { brief_id: loaded.data.brief.id, file: '../handoff.yaml', sha256: createHash('sha256').update(loaded.text).digest('hex') },
    repo: { path: '../repo', commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
    environment: { python: '3.11.7', pytest: '9.0.3', platform: 'linux-x86_64' },
    selectors,
  };
  writeFileSync(join(s.out, `${loaded.data.brief.id}.evidence.json`), `${JSON.stringify(manifest, null, 2)}\n`);
}
