// The read-modify-write guard of plan mark / ledger append, in process, for the cases a
// child process cannot reach deterministically: a change landing between our read and our
// rename, and a live lock that never goes away.
import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EnvironmentError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { updateFileLocked } from '../../src/io/locked-update.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-lock-');
});
afterEach(() => tmp.cleanup());

test('a write that lands between our read and our rename is not lost: the edit is re-applied', async () => {
  const file = join(tmp.dir, 'plan.md');
  writeFileSync(file, 'a\n');
  let calls = 0;
  const result = await updateFileLocked(
    file,
    (text) => {
      calls++;
      // First time round, someone else (an editor ignoring our lock) saves meanwhile.
      if (calls === 1) writeFileSync(file, 'a\nb\n');
      return { text: `${text}ours\n`, detail: calls };
    },
    { displayPath: 'plan.md' },
  );
  expect(calls).toBe(2);
  expect(readFileSync(file, 'utf8')).toBe('a\nb\nours\n');
  expect(result).toMatchObject({ changed: true, before: 'a\nb\n', after: 'a\nb\nours\n', detail: 2 });
  expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
});

test('a lock held by a live process: exit-3 error after the timeout, file unchanged, lock kept', async () => {
  const file = join(tmp.dir, 'plan.md');
  writeFileSync(file, 'a\n');
  const lock = JSON.stringify({ pid: process.pid, host: hostname(), token: 'alive', time: Date.now() });
  writeFileSync(`${file}.lock`, lock);
  const run = updateFileLocked(file, (t) => ({ text: `${t}x\n`, detail: null }), { displayPath: 'plan.md', lockTimeoutMs: 150 });
  await expect(run).rejects.toThrow(EnvironmentError);
  await expect(run).rejects.toThrow(/^plan\.md: locked by process \d+ on .* since .*; if no other handoff is running, delete plan\.md\.lock; the file is unchanged$/);
  expect(readFileSync(file, 'utf8')).toBe('a\n');
  expect(readFileSync(`${file}.lock`, 'utf8')).toBe(lock);
});

test('a lock older than the stale limit is broken even if its pid is alive', async () => {
  const file = join(tmp.dir, 'plan.md');
  writeFileSync(file, 'a\n');
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), token: 'old', time: Date.now() - 60_000 }));
  await updateFileLocked(file, (t) => ({ text: `${t}x\n`, detail: null }), { displayPath: 'plan.md', lockTimeoutMs: 150 });
  expect(readFileSync(file, 'utf8')).toBe('a\nx\n');
  expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
});

test('a symlinked plan is edited through the link; the link stays a link', async () => {
  const real = join(tmp.dir, 'real.md');
  const link = join(tmp.dir, 'link.md');
  writeFileSync(real, 'a\n');
  symlinkSync('real.md', link);
  await updateFileLocked(link, (t) => ({ text: `${t}x\n`, detail: null }), { displayPath: 'link.md' });
  expect(readFileSync(real, 'utf8')).toBe('a\nx\n');
  expect(statSync(link).isFile()).toBe(true);
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
});

test('a file that is not UTF-8 is refused rather than re-encoded', async () => {
  const file = join(tmp.dir, 'plan.md');
  writeFileSync(file, Buffer.from([0x7c, 0x20, 0xff, 0x0a]));
  await expect(updateFileLocked(file, (t) => ({ text: `${t}x`, detail: null }), { displayPath: 'plan.md' })).rejects.toThrow(
    'plan.md:1:1: not valid UTF-8 text; refusing to rewrite it',
  );
  expect(readFileSync(file).equals(Buffer.from([0x7c, 0x20, 0xff, 0x0a]))).toBe(true);
});

test('writeFileAtomic: a beforeRename veto leaves the target and no temp file; mode sets the new file\'s bits', async () => {
  const file = join(tmp.dir, 'plan.md');
  writeFileSync(file, 'old\n');
  expect(await writeFileAtomic(file, 'new\n', { beforeRename: async () => false })).toBe(false);
  expect(readFileSync(file, 'utf8')).toBe('old\n');
  expect(readdirSync(tmp.dir)).toEqual(['plan.md']);
  expect(await writeFileAtomic(file, 'new\n', { mode: 0o640, beforeRename: async () => true })).toBe(true);
  expect(readFileSync(file, 'utf8')).toBe('new\n');
  expect(statSync(file).mode & 0o777).toBe(0o640);
});
