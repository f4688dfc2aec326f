// Reading back what pytest wrote to a log without loading the whole file: its tail (where the
// summary line is) and its sha256 (streamed).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';

export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Up to `maxBytes` from the end of the file, never before `from`. */
export async function readTail(path: string, from = 0, maxBytes = 64 * 1024): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const start = Math.max(from, size - maxBytes);
    const length = Math.max(0, size - start);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** Logs up to this size are read whole, at once; a larger one is streamed. */
const READ_WHOLE = 1024 * 1024;

/**
 * sha256 of a file. A log up to 1 MB is read at once, synchronously: `site` hashes a thousand
 * small logs, and an open, stat, read and close through the thread pool each cost more than the
 * hashing. A larger one is read through one reused 1 MB buffer, not zeroed (only the bytes read
 * are hashed), so a 200 MB log leaves no garbage behind.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  if (statSync(path).size <= READ_WHOLE) return hash.update(readFileSync(path)).digest('hex');
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_WHOLE);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Calls `onLine` for each line of a file from byte `start`, streamed (a 200 MB log is never held whole). */
export async function forEachLine(path: string, onLine: (line: string) => void, start = 0): Promise<void> {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', start }), crlfDelay: Infinity });
  for await (const line of lines) onLine(line);
}
