// The V8 code caches beside the bundle (dist/cli.js.<kind>.cache, bin/load-cli.js) only make a
// start faster: a cache that is missing, cut short, or of another build gives the same output
// as the build's own. A process each, since the cache is what a process starts with.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT } from '../helpers/cli.js';

const INPUT = join(ROOT, 'data', 'integrate-pytorch-001', 'phase_e3.yaml');
const ARGS = ['render', INPUT, '--stdout', '--out', 'no-evidence-here', '--now', '2025-10-19T20:58:32Z'];

let tmp: ReturnType<typeof makeTempDir>;
/** The brief with the build's own cache: what every spoiled cache must give too. */
let expected = '';
beforeAll(() => {
  tmp = makeTempDir('handoff-code-cache-');
  // The package as it runs: bin/, dist/, the templates and python/ beside them.
  for (const entry of ['bin', 'dist', 'templates', 'python', 'package.json']) cpSync(join(ROOT, entry), join(tmp.dir, entry), { recursive: true });
  expected = render(join(ROOT, 'bin', 'handoff.js'));
});
afterAll(() => tmp.cleanup());

const CACHE = (): string => join(tmp.dir, 'dist', 'cli.js.render.cache');
// Each case spoils the copy's render cache afresh.
beforeEach(() => cpSync(join(ROOT, 'dist', 'cli.js.render.cache'), CACHE()));

function render(bin: string): string {
  return execFileSync(process.execPath, [bin, ...ARGS], { cwd: tmp.dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', SOURCE_DATE_EPOCH: '' } });
}

test.each([
  ['missing', (cache: string) => rmSync(cache)],
  ['cut short', (cache: string) => writeFileSync(cache, readFileSync(cache).subarray(0, 1000))],
  ['of another kind of command', (cache: string) => cpSync(join(ROOT, 'dist', 'cli.js.due.cache'), cache)],
  ['not a cache at all', (cache: string) => writeFileSync(cache, 'garbage')],
])('a render cache that is %s: the same brief', (_, spoil) => {
  expect(expected).toContain('# TEST-PYTORCH-001 Phase D3 Handoff Brief');
  spoil(CACHE());
  expect(render(join(tmp.dir, 'bin', 'handoff.js'))).toBe(expected);
});
