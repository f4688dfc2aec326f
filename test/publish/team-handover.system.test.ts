// The hand-over as a team lives it (issue 16), end to end with real git and real pytest: two
// briefs with the same selector ids share one repository and one out/, runs start from any
// folder, a published hand-over does not make the repo "dirty", and the receiving team works in
// a fresh clone from what was published and committed.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const TEAM = join(ROOT, 'test', 'fixtures', 'pyprojects', 'team');
const GIT_ENV = { GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org' };

const tmp = makeTempDir('handoff-team-');
const repo = join(tmp.dir, 'project');
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: 'pipe' });
const manifest = (dir: string, id: string): EvidenceManifest => JSON.parse(readFileSync(join(dir, 'out', `${id}.evidence.json`), 'utf8')) as EvidenceManifest;
const read = (...parts: string[]): string => readFileSync(join(...parts), 'utf8');

beforeAll(() => {
  cpSync(TEAM, repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'remote', 'add', 'origin', 'https://github.com/example-lab/ptycho-team.git');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'the team project');
});
afterAll(() => tmp.cleanup());

describe('two briefs, one repository, one out/', () => {
  let alphaLog = '';

  test('each brief keeps its own logs, whatever the ids; out/ is at the repository top, from any folder', async () => {
    const alpha = await runCli(['run', 'handoff/alpha.yaml', '--now', '2025-10-20T08:00:00Z', '--quiet'], { cwd: repo });
    expect(alpha.stderr).toBe('');
    expect(alpha.code).toBe(0);
    alphaLog = read(repo, 'out', 'logs', 'alpha', 'parity.log');
    expect(alphaLog).toContain('tests/test_parity.py::test_shapes_match PASSED');

    // The second brief, run from a sub-folder, with the same selector ids.
    const beta = await runCli(['run', 'beta.yaml', '--now', '2025-10-20T09:00:00Z', '--quiet'], { cwd: join(repo, 'handoff') });
    expect(beta.code).toBe(0);
    expect(read(repo, 'out', 'logs', 'beta', 'parity.log')).toContain('test_stitch_offsets');
    expect(read(repo, 'out', 'logs', 'alpha', 'parity.log')).toBe(alphaLog);
    expect(manifest(repo, 'beta').selectors.map((s) => s.log)).toEqual(['logs/beta/integration.log', 'logs/beta/parity.log', 'logs/beta/xfails.log']);

    // The first brief is untouched: up to date, every log the one its run wrote, its links its own.
    const check = await runCli(['render', 'handoff/alpha.yaml', '--check', '--now', '2025-10-21T00:00:00Z'], { cwd: repo });
    expect(check.stderr).toBe('out/alpha.md is up to date\n');
    expect(check.code).toBe(0);
    const brief = read(repo, 'out', 'alpha.md');
    expect(brief).toContain('[log](logs/alpha/parity.log)');
    expect(brief).not.toContain('changed since the run');
  });

  test('the output folder is not a change of the repo; a real change is, and the manifest names it', async () => {
    expect(git(repo, 'status', '--porcelain')).toBe('?? out/\n');
    expect(manifest(repo, 'alpha').repo).toMatchObject({ dirty: false, name: 'example-lab/ptycho-team', folder: null });
    expect(read(repo, 'out', 'alpha.md')).toMatch(/^- \*\*Repository:\*\* `example-lab\/ptycho-team` at commit `[0-9a-f]{7}`$/m);

    writeFileSync(join(repo, 'tests', 'test_integration.py'), `${read(repo, 'tests', 'test_integration.py')}\n# edited\n`);
    writeFileSync(join(repo, 'notes.txt'), 'a new file\n');
    try {
      const r = await runCli(['run', 'handoff/alpha.yaml', '--only', 'integration', '--now', '2025-10-20T08:30:00Z', '--quiet'], { cwd: repo });
      expect(r.code).toBe(0);
      expect(manifest(repo, 'alpha').repo).toMatchObject({ dirty: true, changed: ['tests/test_integration.py', 'notes.txt'], changed_count: 2 });
      const brief = read(repo, 'out', 'alpha.md');
      expect(brief).toMatch(/^- \*\*Repository:\*\* `example-lab\/ptycho-team` at commit `[0-9a-f]{7}`, with uncommitted changes$/m);
      expect(brief).toContain('- **Uncommitted changes:** `tests/test_integration.py`, `notes.txt`\n');
    } finally {
      git(repo, 'checkout', '--', 'tests/test_integration.py');
      git(repo, 'clean', '-q', '-f', 'notes.txt');
    }
  });

  test('the brief is written for its reader: known failures and xfail reasons said plainly, no author-facing commands', () => {
    const brief = read(repo, 'out', 'beta.md');
    expect(brief).toMatch(/^\*\*Verdict:\*\* 3 of 3 selectors as expected \(2 known failures\)\.$/m);
    expect(brief).toMatch(/^\| parity \| .* \| ✓ failed, as expected: 1 failed in [\d.]+s; \[log\]\(logs\/beta\/parity\.log\) \|$/m);
    expect(brief).toContain('### Expected to fail (xfail)\n\n| Selector | Reason | Tests |\n| --- | --- | --- |\n');
    expect(brief).toContain('| `xfails` | fixed upstream? (strict xfail; it passed) | 1 |\n');
    expect(brief).toContain('| `xfails` | known bug 12: complex reassembly drops the phase | 1 |\n');
    // One time line in the header; nothing addressed to the author about handoff's own commands.
    const header = brief.slice(0, brief.indexOf('\n## '));
    expect(header.split('\n').filter((l) => /\d{4}-\d\d-\d\d/.test(l))).toEqual([
      expect.stringMatching(/^- \*\*As of:\*\* 2025-10-19; evidence from 2025-10-20T09:00:00Z$/),
      expect.stringMatching(/^- \*\*Hand-over folder:\*\* `plans\/active\/BETA-001\/reports\/2025-10-20T090000Z\/`$/),
      expect.stringMatching(/^- \*\*Generated:\*\* /),
    ]);
    const outsideReproduce = brief.replace(/## Reproduce[\s\S]*?\n## /, '## ');
    expect(outsideReproduce).not.toMatch(/handoff (run|publish|render|validate|ci)|met (its|their) expect/);
    // Reproduce: one selector by hand, then all of them with handoff, from the repository's top.
    expect(brief).toContain('```sh\npython3 -m pytest tests/test_integration.py tests/test_parity.py -q\n```');
    expect(brief).toContain('```sh\nnpx --no-install handoff run handoff/beta.yaml\n```');
  });
});

describe('the receiving team works from what was published', () => {
  const clone = join(tmp.dir, 'clone');

  test('a published hand-over is not a change of the repo; a second one compares with the first', async () => {
    expect((await runCli(['run', 'handoff/alpha.yaml', '--now', '2025-10-20T08:00:00Z', '--quiet'], { cwd: repo })).code).toBe(0);
    const first = await runCli(['publish', 'handoff/alpha.yaml', '--no-run', '--now', '2025-10-20T10:00:00Z'], { cwd: repo });
    expect(first.code).toBe(0);
    const run = await runCli(['run', 'handoff/alpha.yaml', '--now', '2025-10-20T11:00:00Z', '--quiet'], { cwd: repo });
    expect(run.code).toBe(0);
    expect(manifest(repo, 'alpha').repo.dirty).toBe(false);
    const second = await runCli(['publish', 'handoff/alpha.yaml', '--no-run', '--now', '2025-10-20T12:00:00Z'], { cwd: repo });
    expect(second.code).toBe(0);
    const published = read(repo, 'plans/active/ALPHA-001/reports/2025-10-20T110000Z/alpha.md');
    expect(published).toContain('- **As of:** 2025-10-19; evidence from 2025-10-20T11:00:00Z; published 2025-10-20T12:00:00Z\n');
    expect(published).toContain('- **Published in:** `plans/active/ALPHA-001/reports/2025-10-20T110000Z/`\n');
    expect(published).toContain(
      'Nothing changed since the hand-over published in `plans/active/ALPHA-001/reports/2025-10-20T080000Z/`, the one its readers saw last:',
    );
    // The first one had none before it: its changes are the local run's, and say so.
    expect(read(repo, 'plans/active/ALPHA-001/reports/2025-10-20T080000Z/alpha.md')).not.toContain('## Changes since');
    git(repo, 'add', 'plans', 'handoff');
    git(repo, 'commit', '-q', '-m', 'alpha hand-over published');
    git(tmp.dir, 'clone', '-q', repo, clone);
  });

  test('in a fresh clone, due, render and publish --dry-run read the newest published hand-over', async () => {
    const due = await runCli(['due', 'handoff/alpha.yaml', '--now', '2025-10-22T00:00:00Z', '--json'], { cwd: clone });
    const rows = (JSON.parse(due.stdout) as { followups: Array<{ id: string; last_run: { time: string } | null }> }).followups;
    expect(rows.map((r) => [r.id, r.last_run?.time])).toEqual([['nightly-parity', '2025-10-20T11:00:00Z']]);

    const render = await runCli(['render', '../handoff/alpha.yaml', '--stdout', '--now', '2025-10-22T00:00:00Z'], { cwd: join(clone, 'tests') });
    expect(render.code).toBe(0);
    expect(render.stdout).toContain('**Verdict:** 2 of 2 selectors as expected.');
    expect(render.stdout).toContain(
      '- **As of:** 2025-10-19; evidence from 2025-10-20T11:00:00Z (the hand-over published in `plans/active/ALPHA-001/reports/2025-10-20T110000Z/`)\n',
    );
    expect(render.stdout).toContain('[log](../plans/active/ALPHA-001/reports/2025-10-20T110000Z/logs/parity.log)');

    const dry = await runCli(['publish', 'handoff/alpha.yaml', '--dry-run', '--now', '2025-10-22T00:00:00Z'], { cwd: clone });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe('would create nothing\nnothing to change\n');
  });
});
