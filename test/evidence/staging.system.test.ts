// `run`'s staging folder: its own for every run, even two runs of one brief in one process (the
// CLI called in-process); the folders runs left when their process died are removed, and no
// other brief's.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { prepareStaging } from '../../src/evidence/staging.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-staging-');
});
afterEach(() => tmp.cleanup());

/** The pid of a process that has ended (and been reaped). */
function deadPid(): number {
  return Number(execFileSync('sh', ['-c', 'echo $$'], { encoding: 'utf8' }).trim());
}

test('two runs of one brief in one process get folders of their own, named for this process', async () => {
  const [a, b] = [await prepareStaging(tmp.dir, 'e3'), await prepareStaging(tmp.dir, 'e3')];
  expect(a.dir).not.toBe(b.dir);
  for (const { dir } of [a, b]) expect(basename(dir)).toMatch(new RegExp(`^\\.handoff-run-e3-${process.pid}-[0-9a-f]{8}$`));
});

test('folders of runs whose process died go, in the name 0.2 gave too; live runs\' and other briefs\' stay', async () => {
  const dead = deadPid();
  const names = [
    `.handoff-run-e3-${dead}-0123abcd`, // a dead run
    `.handoff-run-e3-${dead}`, // a dead run of 0.2
    `.handoff-run-e3-${process.ppid}-89abcdef`, // a run still going, in another process
    `.handoff-run-e3-${process.pid}-00000000`, // a run of this process, which may still be going
    `.handoff-run-e3-x-${dead}-0123abcd`, // brief "e3-x", whose id starts like this one's
    '.handoff-run-e3-notes', // not a staging folder's name
  ];
  for (const name of names) mkdirSync(join(tmp.dir, name, 'logs'), { recursive: true });
  await prepareStaging(tmp.dir, 'e3');
  expect(names.map((n) => existsSync(join(tmp.dir, n)))).toEqual([false, false, true, true, true, true]);
  expect(readdirSync(tmp.dir)).toHaveLength(4);
});
