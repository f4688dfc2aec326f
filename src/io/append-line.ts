// Appending one line to a log-like file that several processes may append to at once (the run
// history). The whole line goes out in one write(2) on a file opened with O_APPEND: POSIX sets
// the offset to the end and writes with no other change to the file in between, and Linux
// holds the file's lock for the whole write, so two runs finishing together give two whole
// lines, never an interleaving and never a lost one. No lock file is needed (and none can be
// left behind by a crash).
//
// Nothing is read first: checking whether the file ends with a newline (after a crash that cut a
// line short) would race with the other writers' writes in progress. Readers deal with a line
// cut short instead (evidence/history-read.ts), including one that the next line was glued to.
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { ensureDir } from './atomic-write.js';

export interface AppendLineOptions {
  /** How the file is named in messages. */
  display: string;
  /** What a failure means for the user, added to the message. */
  what: string;
}

/** Appends `line` (which must not hold a newline) and a newline. */
export async function appendLine(path: string, line: string, options: AppendLineOptions): Promise<void> {
  if (line.includes('\n')) throw new Error('appendLine: the line holds a newline');
  await ensureDir(dirname(path), dirname(options.display));
  let handle;
  try {
    handle = await open(path, 'a');
  } catch (error) {
    throw failure(error, options);
  }
  try {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    let written = 0;
    // One write is the rule; a short write (a full disk) is finished, rather than leaving half a line.
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      if (bytesWritten === 0) throw Object.assign(new Error('nothing written'), { code: 'EIO' });
      written += bytesWritten;
    }
    await handle.sync();
  } catch (error) {
    throw failure(error, options);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function failure(error: unknown, options: AppendLineOptions): EnvironmentError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  const hint = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? ': read-only?' : '';
  return new EnvironmentError(`cannot append to ${options.display} (${code}${hint}); ${options.what}`);
}
