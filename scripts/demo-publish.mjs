// `npm run demo:publish [DIR]`: the whole hand-over on a scratch git copy of the example repo
// (default out/publish-demo/): run the Phase E3 selectors, then publish the brief, its logs and
// summary into the copy's report folder, mark the plan rows and append the ledger attempt.
// The copy is a git repo, so `git -C out/publish-demo/repo status` and `diff` show what publish did.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dest = resolve(process.argv[2] ?? join(root, 'out', 'publish-demo'));
const repo = join(dest, 'repo');
rmSync(dest, { recursive: true, force: true });
cpSync(join(root, 'examples', 'ptychopinn-mini'), repo, { recursive: true, filter: (src) => !src.includes('.pytest_cache') && !src.includes('__pycache__') });
const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
git('init', '-q');
git('add', '-A');
git('-c', 'user.name=handoff demo', '-c', 'user.email=demo@example.org', 'commit', '-qm', 'scratch copy of examples/ptychopinn-mini');

const handoff = (...args) =>
  spawnSync(process.execPath, [join(root, 'bin', 'handoff.js'), ...args, '--repo', repo, '--out', join(dest, 'out')], { cwd: root, stdio: 'inherit' }).status;
const input = join('data', 'integrate-pytorch-001', 'phase_e3.yaml');
const status = handoff('publish', input);
if (status === 0) console.error(`\nsee what publish did: git -C ${repo} status; git -C ${repo} diff`);
process.exitCode = status ?? 1;
