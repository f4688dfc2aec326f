// `handoff publish` through the built CLI on a scratch git copy of the example repo.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPublish } from '../../src/commands/publish.js';
import { Interrupted } from '../../src/errors.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';
import { gitStatus, makeScratch, writeEvidence, type Scratch } from './scratch.js';

const EXPECTED = join(ROOT, 'test', 'expected', 'publish');
const STAMP_DIR = 'plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z';
const NOW = '2025-10-20T09:00:00Z';

let tmp: ReturnType<typeof makeTempDir>;
let s: Scratch;
beforeEach(() => {
  tmp = makeTempDir('handoff-publish-');
});
afterEach(() => tmp.cleanup());

const publish = (...args: string[]) => runCli(['publish', 'handoff.yaml', ...args, '--now', NOW], { cwd: s.dir });
const read = (rel: string): string => readFileSync(join(s.repo, rel), 'utf8');
/** Every file of the repo with its bytes (.git left out): to prove nothing changed. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      if (e.isSymbolicLink()) files[`${prefix}${e.name}`] = `-> ${readlinkSync(join(dir, e.name))}`;
      else if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`);
      else files[`${prefix}${e.name}`] = readFileSync(join(dir, e.name), 'latin1');
    }
  };
  walk(s.repo, '');
  return files;
}

describe('publishing the Phase E3 hand-over', () => {
  beforeEach(async () => {
    s = makeScratch(tmp.dir);
    await writeEvidence(s);
  });

  test('writes the expected tree: artifact folder, plan marks, ledger entry; a second publish changes nothing', async () => {
    const r = await publish('--no-run');
    expect(r.stderr).toContain(`published ${STAMP_DIR}/: 8 of 8 selectors as expected`);
    expect(r.code).toBe(0);
    expect(gitStatus(s)).toBe(readFileSync(join(EXPECTED, 'git-status.txt'), 'utf8'));
    for (const [file, expected] of [
      [`${STAMP_DIR}/summary.md`, 'summary.md'],
      [`${STAMP_DIR}/phase_e3_handoff.md`, 'phase_e3_handoff.md'],
      [`${STAMP_DIR}/phase_e3_docs_plan.md`, 'phase_e3_docs_plan.md'],
      ['plans/active/INTEGRATE-PYTORCH-001/phase_e_integration.md', 'phase_e_integration.md'],
      ['docs/fix_plan.md', 'fix_plan.md'],
    ] as const) {
      expect([file, read(file)]).toEqual([file, readFileSync(join(EXPECTED, expected), 'utf8')]);
    }
    // The brief inside the artifact folder links its own logs, which are there, byte for byte.
    expect(read(`${STAMP_DIR}/phase_e3_handoff.md`)).toContain('[log](logs/integration.log)');
    expect(read(`${STAMP_DIR}/logs/integration.log`)).toBe(readFileSync(join(s.out, 'logs', 'integration.log'), 'utf8'));
    const before = snapshot();
    const again = await runCli(['publish', 'handoff.yaml', '--no-run', '--now', '2025-11-30T12:00:00Z'], { cwd: s.dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to change');
    expect(snapshot()).toEqual(before);
  });

  test('--dry-run lists the files it would create, prints one diff of every file it would change, writes nothing', async () => {
    const before = snapshot();
    const r = await publish('--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^would create:\\n  ${STAMP_DIR}/phase_e3_handoff\\.md\\n`));
    expect(r.stdout).toContain(`  ${STAMP_DIR}/summary.md\n`);
    expect(r.stdout).toContain(`  ${STAMP_DIR}/logs/checkpoint.junit.xml\n`);
    expect(r.stdout).toContain('--- a/docs/fix_plan.md\n+++ b/docs/fix_plan.md\n');
    expect(r.stdout).toContain('-| E3.C | Publish the TEST-PYTORCH-001 hand-over brief | [ ] |');
    expect(r.stdout).toContain('+| D1 | Author handoff brief | [x] |');
    expect(snapshot()).toEqual(before);
    expect(gitStatus(s)).toBe('');
  });
});

describe('faults: exit code, a clear message, and the repo unchanged', () => {
  async function refused(edit: (t: string) => string, args: string[], code: number, message: RegExp, prepare?: () => void): Promise<void> {
    s = makeScratch(tmp.dir, edit);
    await writeEvidence(s);
    prepare?.();
    const before = snapshot();
    const r = await publish(...args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(code);
    expect(snapshot()).toEqual(before);
  }

  test('an unknown plan row', () =>
    refused((t) => t.replace('rows: [E3.C]', 'rows: [E3.Z]'), ['--no-run'], 2, /^handoff\.yaml:\d+:\d+: publish\.mark\[0\]\.rows: no row with id E3\.Z in plans\/active\/INTEGRATE-PYTORCH-001\/phase_e_integration\.md/));

  test('an unknown ledger item', () =>
    refused((t) => t.replace('item: INTEGRATE-PYTORCH-001-STUBS', 'item: INTEGRATE-PYTORCH-01-STUBS'), ['--no-run'], 2, /^handoff\.yaml:\d+:\d+: publish\.ledger\.item: no item \[INTEGRATE-PYTORCH-01-STUBS\] in docs\/fix_plan\.md; closest: INTEGRATE-PYTORCH-001-STUBS/));

  test('the artifact folder already holds another hand-over', () =>
    refused((t) => t, ['--no-run'], 2, new RegExp(`^${STAMP_DIR}/summary\\.md:1:1: the artifact folder already holds the hand-over of brief "older_brief"`), () => {
      writeFileSync(join(s.repo, STAMP_DIR, 'summary.md'), '<!-- handoff publish: brief older_brief -->\n\n# Hand-over summary\n');
      execFileSync('git', ['add', '-A'], { cwd: s.repo });
      execFileSync('git', ['-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '-qm', 'older hand-over'], { cwd: s.repo });
    }));

  test('a read-only plan file: exit 3 before any write', () =>
    refused((t) => t, ['--no-run'], 3, /phase_e_integration\.md: the file is read-only \(mode 444\); make it writable \(chmod u\+w\) and publish again; nothing was published/, () =>
      chmodSync(join(s.repo, 'plans/active/INTEGRATE-PYTORCH-001/phase_e_integration.md'), 0o444)));

  test('a ledger that cannot be replaced mid-way: every earlier write undone, git status clean', async () => {
    s = makeScratch(tmp.dir);
    await writeEvidence(s);
    const ledger = join(s.repo, 'docs/fix_plan.md');
    // Immutable (root ignores mode bits, not this): the rename over it fails after the artifact
    // files and the plan edits are already in place, so they must be undone.
    execFileSync('chattr', ['+i', ledger]);
    try {
      const r = await publish('--no-run');
      expect(r.stderr).toMatch(/^cannot write docs\/fix_plan\.md \(EPERM: read-only or immutable\?\); nothing was changed\n$/);
      expect(r.code).toBe(3);
    } finally {
      execFileSync('chattr', ['-i', ledger]);
    }
    expect(gitStatus(s)).toBe('');
  });

  test('paths that would land outside the repo: exit 2 before any write', async () => {
    await refused((t) => t.replace('initiative: INTEGRATE-PYTORCH-001', 'initiative: ../../x'), ['--no-run'], 2, /^handoff\.yaml:\d+:\d+: brief\.initiative: "\.\.\/\.\.\/x" cannot be a folder name in the artifact folder \(\{initiative\}\)/);
    tmp.cleanup();
    tmp = makeTempDir('handoff-publish-');
    await refused((t) => t.replace('file: docs/fix_plan.md', 'file: /etc/fix_plan.md').replace('file: plans/active/INTEGRATE-PYTORCH-001/phase_e_integration.md', 'file: ../outside.md'), ['--no-run'], 2, /publish\.mark\[0\]\.file: "\.\.\/outside\.md" leaves the repo[\s\S]*publish\.ledger\.file: "\/etc\/fix_plan\.md" is absolute/);
  });

  test('a symlink in the repo that points out of it: exit 2 before any write', async () => {
    const elsewhere = join(tmp.dir, 'elsewhere');
    mkdirSync(elsewhere);
    await refused((t) => t.replace('dir: plans/active/{initiative}/reports/{stamp}/', 'dir: published/{stamp}/'), ['--no-run'], 2, /^handoff\.yaml:\d+:\d+: artifacts\.dir: artifact folder "published\/2025-10-19T205832Z\/" leads out of the repo through a symlink/, () => {
      symlinkSync(elsewhere, join(s.repo, 'published'));
    });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('a symlink inside the artifact folder (its logs/ pointing out of the repo): exit 2 before any write', async () => {
    const elsewhere = join(tmp.dir, 'elsewhere-logs');
    mkdirSync(elsewhere);
    await refused((t) => t, ['--no-run'], 2, new RegExp(`^handoff\\.yaml:\\d+:\\d+: artifacts\\.dir: artifact file "${STAMP_DIR}/logs/\\S+": its folder "${STAMP_DIR}/logs" leads out of the repo through a symlink \\(to ${elsewhere}\\) \\(and 15 more files the same way\\); publish writes only inside the repo`), () => {
      mkdirSync(join(s.repo, STAMP_DIR), { recursive: true });
      symlinkSync(elsewhere, join(s.repo, STAMP_DIR, 'logs'));
    });
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  test('a selector that did not meet its expect: exit 1, nothing published; --allow-unmet publishes', async () => {
    s = makeScratch(tmp.dir);
    await writeEvidence(s, (id) => (id === 'stitching' ? { outcome: 'failed', met: false, exit_code: 1 } : {}));
    const r = await publish('--no-run');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not published: stitching failed (expected to pass); fix them and run again, or publish anyway with --allow-unmet');
    expect(gitStatus(s)).toBe('');
    const anyway = await publish('--no-run', '--allow-unmet');
    expect(anyway.code).toBe(0);
    expect(read(`${STAMP_DIR}/summary.md`)).toContain('**Verdict:** 7 of 8 selectors as expected; not as expected: stitching failed');
  });
});

describe('evidence that does not stand for the input as it is', () => {
  test('a stale manifest: refused with --no-run (exit 1), else the selectors run again and the fresh evidence is published', async () => {
    s = makeScratch(tmp.dir);
    await writeEvidence(s);
    const testFile = join(s.repo, 'tests/torch/test_backend_selection.py');
    writeFileSync(testFile, `${readFileSync(testFile, 'utf8')}\n# edited after the run\n`);
    execFileSync('git', ['-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '-qam', 'edit a test'], { cwd: s.repo });
    const refusedRun = await publish('--no-run');
    expect(refusedRun.code).toBe(1);
    expect(refusedRun.stderr).toContain('no evidence to publish in out/phase_e3_handoff.evidence.json: test files changed since the run: tests/torch/test_backend_selection.py; run `handoff run` first');
    expect(gitStatus(s)).toBe('');
    const ran = await publish('--jobs', '2');
    expect(ran.stderr).toContain('cannot be published as it is (test files changed since the run: tests/torch/test_backend_selection.py): running the selectors');
    expect(ran.code).toBe(0);
    const published = JSON.parse(read(`${STAMP_DIR}/phase_e3_handoff.evidence.json`)) as { selectors: Array<{ counts: { passed: number } }> };
    // Real pytest counts now, not the synthetic ones.
    expect(published.selectors[1]!.counts.passed).toBe(6);
    // The run's history line went into the artifact folder with it, the same bytes as in out/.
    const history = read(`${STAMP_DIR}/phase_e3_handoff.history.jsonl`);
    expect(history).toBe(readFileSync(join(s.out, 'phase_e3_handoff.history.jsonl'), 'utf8'));
    const lines = history.trim().split('\n').map((l) => JSON.parse(l) as { source: string; selectors: Array<{ id: string; counts: { passed?: number } }> });
    expect(lines.at(-1)).toMatchObject({ source: 'run', selectors: expect.arrayContaining([expect.objectContaining({ id: 'backend-selection', counts: expect.objectContaining({ passed: 6 }) })]) });
  }, 90_000);

  test('Ctrl-C after the evidence is in hand, before the write: Interrupted, the repo unchanged', async () => {
    s = makeScratch(tmp.dir);
    await writeEvidence(s);
    const controller = new AbortController();
    // The signal reads as aborted while publish holds the repo's lock: after it took the evidence
    // and planned every write, before the first one.
    const signal = new Proxy(controller.signal, {
      get(target, key) {
        if (key === 'aborted') return existsSync(join(s.repo, '.git', 'handoff-publish.lock'));
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const before = snapshot();
    const run = runPublish({ input: s.input, out: s.out, dryRun: false, run: false, allowUnmet: false, now: NOW, python: 'python3', cwd: s.dir, env: process.env, console: { out: () => {}, err: () => {}, isTTY: false }, signal });
    await expect(run).rejects.toBeInstanceOf(Interrupted);
    expect(snapshot()).toEqual(before);
  });
});

test('two publishes at once on one repo: one waits, every mark and exactly one ledger entry, nothing interleaved', async () => {
  s = makeScratch(tmp.dir);
  await writeEvidence(s);
  const [a, b] = await Promise.all([publish('--no-run'), publish('--no-run')]);
  expect([a.code, b.code]).toEqual([0, 0]);
  expect([a.stderr, b.stderr].filter((e) => e.includes('nothing to change'))).toHaveLength(1);
  expect(read('docs/fix_plan.md')).toBe(readFileSync(join(EXPECTED, 'fix_plan.md'), 'utf8'));
  expect(read('plans/active/INTEGRATE-PYTORCH-001/phase_e_integration.md')).toBe(readFileSync(join(EXPECTED, 'phase_e_integration.md'), 'utf8'));
  expect(existsSync(join(s.repo, '.git', 'handoff-publish.lock'))).toBe(false);
  expect(spawnSync('git', ['status', '--porcelain'], { cwd: s.repo, encoding: 'utf8' }).stdout).not.toContain('.lock');
});

test('npm run demo:publish publishes into a scratch copy of the example repo', () => {
  const r = spawnSync('node', [join(ROOT, 'scripts', 'demo-publish.mjs'), join(tmp.dir, 'demo')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(r.stderr).toContain(`published ${STAMP_DIR}/`);
  expect(r.status).toBe(0);
  rmSync(join(tmp.dir, 'demo'), { recursive: true, force: true });
}, 90_000);
