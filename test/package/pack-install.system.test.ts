// The package is the product: `npm pack` (with its real prepack build, in a copy of the sources so
// the dist/ other tests run from is never rebuilt under them), installed into an empty project,
// run from a folder outside this repository. Every dependency is bundled into dist/, so the
// install fetches nothing (it works offline) and the tarball holds only what runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT } from '../helpers/cli.js';

const tmp = makeTempDir('handoff-pack-');
afterAll(() => tmp.cleanup());

let tarball = '';
let files: string[] = [];
const project = join(tmp.dir, 'project');
const work = join(tmp.dir, 'elsewhere');

function npx(args: string[], cwd = work): { code: number | null; stdout: string; stderr: string } {
  // npx from the project's folder tree: `npx handoff` finds node_modules/.bin/handoff there.
  const r = spawnSync('npx', ['--no-install', '--prefix', project, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', SOURCE_DATE_EPOCH: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const src = join(tmp.dir, 'src-copy');
  for (const entry of ['package.json', 'package-lock.json', 'src', 'scripts', 'templates', 'schema', 'bin', 'python', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    try {
      cpSync(join(ROOT, entry), join(src, entry), { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
  // What running the worker leaves beside it (bytecode of this machine's Python) is not shipped.
  mkdirSync(join(src, 'python', '__pycache__'), { recursive: true });
  writeFileSync(join(src, 'python', '__pycache__', 'handoff_worker.cpython-311.pyc'), 'bytecode');
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', tmp.dir], { cwd: src, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = join(tmp.dir, packed[0]!.filename);
  files = packed[0]!.files.map((f) => f.path);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{"name": "uses-handoff", "version": "1.0.0", "private": true}\n');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
  mkdirSync(work);
}, 180_000);

test('the tarball ships what runs and nothing of the repository\'s development', () => {
  expect(files).toEqual(expect.arrayContaining(['bin/handoff.js', 'bin/load-cli.js', 'bin/package.json', 'dist/cli.js', 'dist/cli.js.render.cache', 'dist/cli.js.plan.cache', 'dist/cli.js.due.cache', 'dist/cli.js.all.cache', 'dist/lib/handlebars-compiler.cjs', 'dist/lib/yaml.cjs', 'templates/handoff.md.hbs', 'schema/handoff-input.schema.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']));
  expect(files.filter((f) => /^(test|bench|examples|data|src|scripts)\//.test(f))).toEqual([]);
  expect(files.filter((f) => f.startsWith('python/')).sort()).toEqual(['python/handoff_worker.py', 'python/handoff_worker_procs.py', 'python/handoff_worker_protocol.py', 'python/handoff_worker_reset.py', 'python/handoff_worker_serve.py']);
});

test('the installed package has no dependencies to fetch', () => {
  expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.')).sort()).toEqual(['handoff-brief']);
});

test('npx handoff --version and schema work from a folder outside this repository', () => {
  const version = npx(['handoff', '--version']);
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  const schema = npx(['handoff', 'schema']);
  expect(schema.code).toBe(0);
  expect(JSON.parse(schema.stdout)).toMatchObject({ title: 'handoff-brief input (version 1)' });
});

test('render with the named template and with a path template, from the installed package', () => {
  writeFileSync(join(work, 'handoff.yaml'), 'version: 1\nbrief: {id: shipped, title: Shipped brief, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\npurpose: It installs.\n');
  const named = npx(['handoff', 'render', 'handoff.yaml', '--template', 'handoff', '--stdout', '--now', '2026-01-02T03:04:05Z']);
  expect(named.stderr).toBe('');
  expect(named.code).toBe(0);
  expect(named.stdout).toMatch(/^# Shipped brief\n/);
  expect(named.stdout).toContain('It installs.');
  writeFileSync(join(work, 'short.md.hbs'), '---\ndescription: one line\n---\n{{brief.title}} for {{brief.recipient.initiative}}\n');
  const path = npx(['handoff', 'render', 'handoff.yaml', '--template', './short.md.hbs', '--out', 'briefs', '--now', '2026-01-02T03:04:05Z']);
  expect(path.code).toBe(0);
  expect(spawnSync('cat', [join(work, 'briefs', 'shipped.md')], { encoding: 'utf8' }).stdout).toMatch(/^Shipped brief for B\n\n<!-- generated by handoff-brief /);
});
