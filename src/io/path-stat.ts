// Whether a path is there, asked without an exception: a missing path is an answer, not an error.
// Synchronous: `site`, `due` and the repository-top lookup ask it of hundreds of paths, and each
// asynchronous stat that failed made an Error with its stack, most of the cost of asking.
import { statSync, type Stats } from 'node:fs';

/** The path's stat (following symlinks), or null when it is missing or cannot be looked at. */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    // EACCES, ENOTDIR, ELOOP…: there is nothing this tool can use there.
    return null;
  }
}

/** A regular file (or a symlink to one) is at `path`. */
export function isFile(path: string): boolean {
  return statOrNull(path)?.isFile() === true;
}
