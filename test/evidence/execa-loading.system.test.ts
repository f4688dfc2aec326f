// execa is evaluated by the commands that start processes, when they start one, and by no other:
// `render` (and a dry run, which starts nothing) never load it. The CLI is one bundle whose parts
// run when first needed; execa's part is the only one that requires node:child_process, so what
// the built CLI asks Node for (recorded by test/fixtures/loads/record.cjs) shows whether it ran.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-loads-');
});
afterEach(() => tmp.cleanup());

const INPUT = 'data/integrate-pytorch-001/phase_e3.yaml';

/** What a run of the built CLI (a process: its loads are what is looked at) required, by specifier. */
async function required(args: string[]): Promise<string[]> {
  const log = join(tmp.dir, 'loads.log');
  const env = { ...process.env, SOURCE_DATE_EPOCH: '', NODE_OPTIONS: `--require=${join(ROOT, 'test/fixtures/loads/record.cjs')}`, HANDOFF_LOAD_LOG: log };
  const stderr = await new Promise<string>((resolve) => execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env }, (_, __, err) => resolve(err)));
  expect(stderr).not.toMatch(/internal error/);
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
}

test('render and a dry run do not load execa', async () => {
  const render = await required(['render', INPUT, '--out', join(tmp.dir, 'out'), '--now', '2025-10-19T20:58:32Z']);
  // The hook saw the bundle's own requires (it reads the input and writes the brief through these).
  expect(render).toContain('node:fs/promises');
  expect(render).not.toContain('node:child_process');
  expect(await required(['run', INPUT, '--out', join(tmp.dir, 'out'), '--dry-run'])).not.toContain('node:child_process');
});

test('run loads it, to start its processes', async () => {
  expect(await required(['run', INPUT, '--out', join(tmp.dir, 'out'), '--only', 'checkpoint', '--quiet'])).toContain('node:child_process');
});
