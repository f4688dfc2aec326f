// A version manager's shim is started once, to learn the interpreter it runs; a wrapper script
// of the user's own is always started as given.
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
