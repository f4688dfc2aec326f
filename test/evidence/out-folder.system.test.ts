// The output folder a run cannot write (issue 16 §6): exit 3 naming the folder and the true
// cause, before anything runs, nothing written; and a brief without a date or stamp does not
// move with the clock.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const FAULTS = join(ROOT, 'test', 'fixtures', 'pyprojects', 'faults');
const tmp = makeTempDir('handoff-out-folder-');
afterAll(() => tmp.cleanup());

/** A folder this process may not write into: mode bits for a user, the immutable flag for root (who ignores mode bits). */
function lock(dir: string): () => void {
  if (process.getuid?.() === 0) {
    execFileSync('chattr', ['+i', dir]);
    return () => execFileSync('chattr', ['-i', dir]);
  }
  chmodSync(dir, 0o555);
  return () => chmodSync(dir, 0o755);
}

test.each([
  ['the output folder itself', 'out', 'write to'],
  ['the folder it would be created in', 'parent/out', 'create'],
])('run --out into a folder it cannot write (%s): exit 3 with the folder and the cause, before any pytest, nothing written', async (_name, rel, verb) => {
  const input = join(tmp.dir, 'faults.yaml');
  writeFileSync(input, `version: 1\nbrief: {id: ro, title: RO, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\nrepo: ${FAULTS}\nselectors:\n  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}\n`);
  const locked = join(tmp.dir, rel.split('/')[0]!);
  mkdirSync(locked, { recursive: true });
  const unlock = lock(locked);
  try {
    const r = await runCli(['run', input, '--out', join(tmp.dir, rel), '--python', 'no-such-python3']);
    // The folder is checked first: the missing interpreter is not even looked for.
    expect(r.stderr).toMatch(new RegExp(`^cannot ${verb} the output folder ${join(tmp.dir, rel).replace(/[/.]/g, '\\$&')} \\((EACCES: permission denied|EPERM: not permitted \\(read-only or immutable\\?\\))\\); pick another with --out DIR\\n$`));
    expect(r.code).toBe(3);
    expect(readdirSync(locked)).toEqual([]);
  } finally {
    unlock();
  }
});

test('without brief.date, brief.stamp or evidence, render --check passes a minute, or a month, later', async () => {
  const input = join(tmp.dir, 'undated.yaml');
  writeFileSync(
    input,
    `version: 1\nbrief: {id: undated, title: Undated, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\nrepo: ${FAULTS}\nselectors:\n  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}\nfollowups:\n  - {id: weekly, check: Run it, selectors: [ok], cadence: weekly}\n`,
  );
  const out = join(tmp.dir, 'undated-out');
  expect((await runCli(['render', input, '--out', out, '--now', '2025-10-19T20:58:32Z'])).code).toBe(0);
  for (const later of ['2025-10-19T20:59:40Z', '2025-11-20T08:00:00Z']) {
    const check = await runCli(['render', input, '--out', out, '--now', later, '--check']);
    expect([later, check.code, check.stdout]).toEqual([later, 0, '']);
  }
});
