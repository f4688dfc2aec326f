// Reading a file the user named: a missing file or a folder is bad input (exit 2, naming it);
// anything else that stops the read (permissions, I/O) is the environment (exit 3).
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EnvironmentError, InputError } from '../errors.js';

/** The error for a read of `shown` (at the absolute `path`) that failed; "no such file" says where it looked. */
export function readFailure(shown: string, error: NodeJS.ErrnoException, path: string): Error {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
    return new InputError([{ file: shown, line: 1, col: 1, path: '', message: `no such file (looked in ${dirname(resolve(path))})` }]);
  }
  if (error.code === 'EISDIR') return new InputError([{ file: shown, line: 1, col: 1, path: '', message: 'is a folder, not a file' }]);
  return new EnvironmentError(`${shown}: cannot read: ${error.code ?? error.message}`);
}

/** The UTF-8 text of a file the user named (`shown` in messages). */
export async function readTextFile(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw readFailure(shown, error as NodeJS.ErrnoException, path);
  }
}
