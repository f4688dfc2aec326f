// Before any test file, once:
// - Every test file needs python3 with pytest. Without them the run stops here with one line
//   that says what to install, instead of hundreds of failures.
// - When `python3` on PATH is a launcher script (pyenv's shims cost ~0.3 s of CPU at every
//   start), the folder of the interpreter it starts goes first on PATH. Tests still type
//   `python3` as a user does; they only skip the launcher, which hundreds of pytest and worker
//   starts would otherwise pay for.
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

// find_spec, not an import: it answers without loading pytest (~0.2 s).
const PROBE = 'import importlib.util, sys; print(sys.executable); print(importlib.util.find_spec("pytest") is not None)';

/** Jest prints a global setup's error by its stack: a stack of one line is one line. */
function stop(message) {
  const error = new Error(message);
  error.stack = message;
  return error;
}

function isLauncherScript(path) {
  let fd;
  try {
    fd = openSync(path, 'r');
    const start = Buffer.alloc(2);
    readSync(fd, start, 0, 2, 0);
    return start.toString('latin1') === '#!';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export default function globalSetup() {
  let answer;
  try {
    answer = execFileSync('python3', ['-c', PROBE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (error.code === 'ENOENT') {
      throw stop('The tests need python3 with pytest, and there is no python3 on PATH: install Python 3 and pytest (e.g. apt-get install python3-pytest).');
    }
    const said = `${error.stderr ?? ''}`.trim().split('\n').pop() || `exit ${error.status}`;
    throw stop(`The tests need python3 with pytest, and python3 on PATH does not run (${said}): install Python 3 and pytest (e.g. apt-get install python3-pytest).`);
  }
  const [executable = '', hasPytest] = answer.trim().split('\n');
  if (hasPytest !== 'True') {
    throw stop(`The tests need pytest for python3 (${executable}): python3 -m pip install pytest (or, for Debian's own python3, apt-get install python3-pytest).`);
  }
  // The python3 that answered: the first one on PATH.
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'python3')).find((p) => existsSync(p));
  if (onPath && isLauncherScript(onPath) && executable) process.env.PATH = `${dirname(executable)}${delimiter}${process.env.PATH}`;
}
