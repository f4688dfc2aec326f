// Before any test file: when `python3` on PATH is a launcher script (pyenv's shims cost ~0.3 s of
// CPU at every start), put the folder of the interpreter it starts first on PATH. Tests still
// type `python3` as a user does; they only skip the launcher, which hundreds of pytest and
// worker starts would otherwise pay for.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export default function globalSetup() {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'python3')).find((p) => {
    try {
      return readFileSync(p).subarray(0, 2).toString('latin1') === '#!';
    } catch {
      return false;
    }
  });
  if (!onPath) return;
  try {
    const executable = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
    if (executable) process.env.PATH = `${dirname(executable)}${delimiter}${process.env.PATH}`;
  } catch {
    // no python3 at all: the tests that need it say so
  }
}
