// The interpreter `python3` stands for, resolved once per test file. With pyenv, `python3` is a
// shell script that costs every start about 0.4 s of CPU; tests that start many workers call the
// interpreter itself. (The end-to-end tests keep `python3`, as a user types it.)
import { execFileSync } from 'node:child_process';

export const PYTHON = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';
