// execa is loaded by the commands that start processes, when they start one, and by no other:
// `render` (and a dry run, which starts nothing) never load it. Every module the built CLI loads
// is recorded by a resolve hook (test/fixtures/loads/record.mjs).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-loads-');
});
afterEach(() => tmp.cleanup());

const INPUT = 'data/integrate-pytorch-001/phase_e3.yaml';

/** The dist/ chunks a run of the built CLI (a process: its loads are what is looked at) loaded, by name (hash left off): "execa", "chunk"… */
async function chunksLoaded(args: string[]): Promise<string[]> {
  const log = join(tmp.dir, 'loads.log');
  const env = { ...process.env, SOURCE_DATE_EPOCH: '', NODE_OPTIONS: `--import=${pathToFileURL(join(ROOT, 'test/fixtures/loads/record.mjs')).href}`, HANDOFF_LOAD_LOG: log };
  const stderr = await new Promise<string>((resolve) => execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env }, (_, __, err) => resolve(err)));
  expect(stderr).not.toMatch(/internal error/);
  const dist = pathToFileURL(join(ROOT, 'dist')).href;
  return [...new Set(readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith(`${dist}/`)).map((u) => u.slice(dist.length + 1).replace(/-[A-Z0-9]{8}\.js$/, '')))];
}

test('render and a dry run do not load execa', async () => {
  expect(await chunksLoaded(['render', INPUT, '--out', join(tmp.dir, 'out'), '--now', '2025-10-19T20:58:32Z'])).not.toContain('execa');
  expect(await chunksLoaded(['run', INPUT, '--out', join(tmp.dir, 'out'), '--dry-run'])).not.toContain('execa');
});

test('run loads it, to start its processes', async () => {
  expect(await chunksLoaded(['run', INPUT, '--out', join(tmp.dir, 'out'), '--only', 'checkpoint', '--quiet'])).toContain('execa');
});
