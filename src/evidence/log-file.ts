// Reading back what pytest wrote to a log without loading the whole file: its tail (where the
// summary line is) and its sha256 (streamed).
import { createHash } from 'node:crypto';
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

/**
 * sha256 of a file, read through one reused buffer so a 200 MB log leaves no garbage behind. The
 * buffer is no larger than the file (up to 1 MB) and not zeroed (only the bytes read are hashed):
 * a zeroed megabyte for each log of a brief cost a render with evidence more than hashing them,
 * and V8 answered that much memory outside its heap with a full collection.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'r');
  try {
    // No bigger than the file: `site` hashes a thousand small logs, and a zero-filled MiB each cost
    // more than the hashing.
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min((await handle.stat()).size, 1024 * 1024)));
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
