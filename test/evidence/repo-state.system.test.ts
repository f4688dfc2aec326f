// Which commit the selectors ran against and what differed from it, read by one `git status`
// (porcelain v2 with its branch header) in real repositories in temp folders.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePorcelainV2, readRepoState } from '../../src/evidence/repo-state.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-repo-state-');
});
afterEach(() => tmp.cleanup());

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();

function repoWithCommit(): string {
  const repo = join(tmp.dir, 'repo');
  mkdirSync(join(repo, 'tests'), { recursive: true });
  git(repo, 'init', '-q');
  writeFileSync(join(repo, 'tests', 'test_a.py'), 'def test_a():\n    pass\n');
  writeFileSync(join(repo, 'old name.py'), 'x = 1\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'first');
  return repo;
}

test('porcelain v2: HEAD from the branch header; a rename counts once, by its new name; paths with spaces whole', () => {
  const sha = 'a'.repeat(40);
  const text = [
    `# branch.oid ${sha}`,
    '# branch.head main',
    '1 .M N... 100644 100644 100644 e69de29 e69de29 src/a b.py',
    '2 R. N... 100644 100644 100644 e69de29 e69de29 R100 new name.py',
    'old name.py',
    'u UU N... 100644 100644 100644 100644 e69de29 e69de29 e69de29 both.py',
    '? dir/untracked file',
    '',
  ].join('\0');
  expect(parsePorcelainV2(text)).toEqual({ commit: sha, paths: ['src/a b.py', 'new name.py', 'both.py', 'dir/untracked file'] });
  expect(parsePorcelainV2('# branch.oid (initial)\0# branch.head main\0? a.py\0')).toEqual({ commit: null, paths: ['a.py'] });
});

test('a clean checkout: its commit, not dirty', async () => {
  const repo = repoWithCommit();
  expect(await readRepoState(repo, [], process.env)).toMatchObject({ commit: git(repo, 'rev-parse', 'HEAD'), dirty: false, changed: [], changedCount: 0 });
});

test('changes, a rename and untracked files count; handoff\'s own output folder does not', async () => {
  const repo = repoWithCommit();
  writeFileSync(join(repo, 'tests', 'test_a.py'), 'def test_a():\n    assert True\n');
  git(repo, 'mv', 'old name.py', 'new name.py');
  mkdirSync(join(repo, 'plans', 'x'), { recursive: true });
  writeFileSync(join(repo, 'plans', 'x', 'notes.txt'), 'new\n');
  mkdirSync(join(repo, 'out', 'logs'), { recursive: true });
  writeFileSync(join(repo, 'out', 'logs', 'a.log'), 'log\n');
  const state = await readRepoState(repo, [join(repo, 'out')], process.env);
  expect(state).toMatchObject({ commit: git(repo, 'rev-parse', 'HEAD'), dirty: true, changedCount: 3 });
  expect([...state.changed].sort()).toEqual(['new name.py', 'plans/x/notes.txt', 'tests/test_a.py']);
});

test('from a sub-folder: only its changes count, named from the repository top', async () => {
  const repo = repoWithCommit();
  writeFileSync(join(repo, 'beside.py'), 'y = 2\n');
  writeFileSync(join(repo, 'tests', 'test_b.py'), 'def test_b():\n    pass\n');
  expect(await readRepoState(join(repo, 'tests'), [], process.env)).toMatchObject({ dirty: true, changed: ['tests/test_b.py'], changedCount: 1, folder: 'tests' });
});

test('a repository without a commit, and a folder outside git: no commit, dirty unknown', async () => {
  const fresh = join(tmp.dir, 'fresh');
  mkdirSync(fresh);
  git(fresh, 'init', '-q');
  writeFileSync(join(fresh, 'a.py'), '');
  expect(await readRepoState(fresh, [], process.env)).toMatchObject({ commit: null, dirty: null, changed: [] });
  const loose = join(tmp.dir, 'loose');
  mkdirSync(loose);
  // GIT_CEILING_DIRECTORIES: the temp folder may itself lie inside some repository.
  expect(await readRepoState(loose, [], { ...process.env, GIT_CEILING_DIRECTORIES: tmp.dir })).toMatchObject({ commit: null, dirty: null, changed: [] });
});

test('git runs with the environment it is given, not this process\'s', async () => {
  const repo = repoWithCommit();
  writeFileSync(join(repo, 'new.py'), '');
  // A git that cannot be found on the given PATH: as outside git, whatever this process's PATH holds.
  expect(await readRepoState(repo, [], { ...process.env, PATH: join(tmp.dir, 'no-bin') })).toMatchObject({ commit: null, dirty: null });
});
