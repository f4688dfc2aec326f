// A version manager's shim is started once: behind a pool of workers the first worker is that start
// and names the interpreter; otherwise it is asked. A wrapper script of the user's own is always
// started as given.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveInterpreter } from '../../src/evidence/python-setup.js';
import { makeTempDir } from '../helpers/cli.js';

const tmp = makeTempDir('handoff-python-setup-');
afterAll(() => tmp.cleanup());

test('a pyenv-style shim resolves to the interpreter it starts', async () => {
  const shim = join(tmp.dir, 'python3-shim');
  // The line pyenv's shim ends with, as a comment: what marks the script as a shim.
  writeFileSync(shim, '#!/bin/sh\n# exec "/root/.pyenv/libexec/pyenv" exec "$program" "$@"\nexec python3 "$@"\n', { mode: 0o755 });
  const resolved = await resolveInterpreter(shim, process.env, tmp.dir);
  expect(resolved).not.toBe(shim);
  expect(resolved).toMatch(/^\/.*python/);
});

test('a wrapper script of the user\'s own is started as given, and so is a name not on PATH', async () => {
  const wrapper = join(tmp.dir, 'python-nosite');
  writeFileSync(wrapper, '#!/bin/sh\nexec python3 -S "$@"\n', { mode: 0o755 });
  expect(await resolveInterpreter(wrapper, process.env, tmp.dir)).toBe(wrapper);
  expect(await resolveInterpreter('no-such-python', process.env, tmp.dir)).toBe('no-such-python');
});

test('workers behind a shim: the shim starts once, the first worker names the interpreter, the others start it directly', async () => {
  const { runFixture } = await import('./evidence-run.js');
  const { ROOT } = await import('../helpers/cli.js');
  const { readFileSync } = await import('node:fs');
  const starts = join(tmp.dir, 'shim-starts');
  const shim = join(tmp.dir, 'python3-counting-shim');
  // Marked as pyenv's shim is; it notes the arguments of every start before it runs the interpreter.
  writeFileSync(shim, `#!/bin/sh\n# exec "/root/.pyenv/libexec/pyenv" exec "$program" "$@"\necho "$@" >> '${starts}'\nexec python3 "$@"\n`, { mode: 0o755 });
  const m = await runFixture({
    repo: join(ROOT, 'test/fixtures/pyprojects/faults'),
    specs: [
      { id: 'a', run: 'pytest tests/test_pass.py' },
      { id: 'b', run: 'pytest tests/test_skip.py', expect: 'skip' },
      { id: 'c', run: 'pytest tests/test_xfail.py' },
    ],
    outDir: join(tmp.dir, 'out'),
    jobs: 2,
    python: shim,
  });
  expect(m.selectors.map((s) => [s.id, s.met])).toEqual([['a', true], ['b', true], ['c', true]]);
  expect(m.shared_workers).toBe(2);
  // One start, and it is the first worker itself (no separate start to ask which interpreter).
  expect(readFileSync(starts, 'utf8')).toMatch(/^\S*handoff_worker\.py serve\n$/);
});

test('pytest missing or broken is told apart from a program that is no Python', async () => {
  const { pytestBroken } = await import('../../src/evidence/environment.js');
  const python = (detail: string) => pytestBroken('py', detail).message;
  for (const detail of [
    "ModuleNotFoundError: No module named 'pytest'",
    'PermissionError: [Errno 13] Permission denied: /x',
    "py: can't open file '/nope/handoff_worker.py': [Errno 2] No such file or directory",
    'AttributeError: module has no attribute x',
    'exit 1',
    'killed by SIGKILL',
  ]) {
    expect(python(detail)).toMatch(/^py -m pytest does not work \(/);
  }
  expect(python("/bin/ls: cannot access 'serve': No such file or directory")).toMatch(/^py does not look like a Python interpreter \(it answered: \/bin\/ls: /);
});
