// Reading a run history (history.ts) from its end: a brief needs each selector's last run and
// the run before the evidence, `due` the last run of each follow-up's selectors, so a 10,000-line
// history is read back in chunks only as far as that takes, never whole.
//
// Each line is JSON.parse'd and checked by the history schema. A line is skipped with a note,
// never fatal, when it is the last line and incomplete (a run writing it now, or one that
// crashed while writing it), when it was cut short that way earlier (it starts a JSON object that
// never closes), or when a newer handoff wrote it (a higher format version, or fields this
// version does not know how to read). Anything else is not a history: exit 2 with file:line.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { InputError, type Problem } from '../errors.js';
import { formatPath } from '../input/check-input.js';
import { describeIssues } from '../input/describe-issues.js';
import { quickParse } from '../input/quick-parse.js';
import { TOOL_VERSION } from '../version.js';
import { HISTORY_VERSION, HistoryEntrySchema, type HistoryEntry } from './history.js';

export interface HistoryRecord {
  /** Byte offset of the line in the file. */
  offset: number;
  /** The line as written, without its newline. */
  text: string;
  entry: HistoryEntry;
}

export interface HistoryTail {
  /** The file, as messages name it. */
  display: string;
  exists: boolean;
  /** The lines read, oldest first (skipped lines left out). */
  records: HistoryRecord[];
  /** Lines skipped, as `file:line: why`. */
  notes: string[];
}

export interface ReadHistoryOptions {
  display: string;
  /** Stop reading back once this holds for the records read so far (newest first). Default: read all. */
  enough?: (newestFirst: readonly HistoryRecord[]) => boolean;
  /** Bytes read per step back (default 64 KiB). */
  chunkBytes?: number;
}

interface Found {
  offset: number;
  col?: number;
  message: string;
  kind: 'note' | 'problem';
}

export async function readHistoryTail(path: string, options: ReadHistoryOptions): Promise<HistoryTail> {
  // Synchronous reads: a tail is a few small reads, and a command that reads 200 histories
  // (due, site) spent more on handing each read to the thread pool and back than on reading.
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { display: options.display, exists: false, records: [], notes: [] };
    const why = code === 'EISDIR' ? 'is a folder, not a history file' : `cannot read the history (${code ?? String(error)})`;
    throw new InputError([{ file: options.display, line: 1, col: 1, path: '', message: why }]);
  }
  const newestFirst: HistoryRecord[] = [];
  const found: Found[] = [];
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new InputError([{ file: options.display, line: 1, col: 1, path: '', message: 'is a folder, not a history file' }]);
    const size = info.size;
    // Small first: most reads stop within the last few lines; then larger steps back.
    let chunk = options.chunkBytes ?? 16 * 1024;
    let end = size;
    // The start of the line that ends where the bytes read so far begin (its start is further back).
    let tail = Buffer.alloc(0);
    reading: while (end > 0 || tail.length > 0) {
      const start = Math.max(0, end - chunk);
      const piece = Buffer.alloc(end - start);
      if (piece.length > 0) readFully(fd, piece, start);
      const buffer = tail.length > 0 ? Buffer.concat([piece, tail]) : piece;
      // Lines from the newest: each ends at a newline (or at the file's end); the first one in the
      // buffer is whole only at the file's start.
      let to = buffer.length;
      for (;;) {
        const i = to === 0 ? -1 : buffer.lastIndexOf(0x0a, to - 1);
        if (i === -1 && start > 0) {
          tail = buffer.subarray(0, to);
          break;
        }
        const from = i + 1;
        const record = readLine(buffer.subarray(from, to).toString('utf8'), start + from, start + to === size, found);
        if (record) newestFirst.push(record);
        if (options.enough?.(newestFirst)) break reading;
        if (i === -1) break;
        to = i;
      }
      if (start === 0) break;
      end = start;
      if (options.chunkBytes === undefined) chunk = Math.min(chunk * 2, 1024 * 1024);
    }
  } finally {
    closeSync(fd);
  }
  const located = await locateLines(path, found);
  const problems: Problem[] = located.filter((f) => f.kind === 'problem').map((f) => ({ file: options.display, line: f.line, col: f.col ?? 1, path: '', message: f.message }));
  if (problems.length > 0) throw new InputError(problems.sort((a, b) => a.line - b.line));
  return {
    display: options.display,
    exists: true,
    records: newestFirst.reverse(),
    notes: located.filter((f) => f.kind === 'note').sort((a, b) => a.line - b.line).map((f) => `${options.display}:${f.line}: ${f.message}`),
  };
}

/** Fills `buffer` from `position` (a read may return fewer bytes than asked). */
function readFully(fd: number, buffer: Buffer, position: number): void {
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (n === 0) break;
    done += n;
  }
}

function readLine(text: string, offset: number, unterminatedLast: boolean, found: Found[]): HistoryRecord | null {
  if (text.trim() === '') return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    data = readGlued(text);
    if (data !== undefined) {
      found.push({ offset, kind: 'note', message: 'starts with a line cut short (a run that stopped while writing it), which the next run appended to; that part is skipped' });
    } else if (unterminatedLast) {
      found.push({ offset, kind: 'note', message: 'the last line is incomplete (a run writing it now, or one that stopped while writing it); skipped' });
      return null;
    } else if (isCutShort(text)) {
      found.push({ offset, kind: 'note', message: 'a line cut short (a run that stopped while writing it); skipped' });
      return null;
    } else {
      const at = /at position (\d+)/.exec((error as Error).message);
      found.push({
        offset,
        col: at ? Number(at[1]) + 1 : 1,
        kind: 'problem',
        message: `not a line of a run history (one JSON object per line, written by handoff run): ${(error as Error).message}; restore the file, or move it away to start a new history`,
      });
      return null;
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    found.push({ offset, kind: 'problem', message: 'not a line of a run history: expected a JSON object; restore the file, or move it away to start a new history' });
    return null;
  }
  const fields = data as Record<string, unknown>;
  if (typeof fields.version === 'number' && fields.version > HISTORY_VERSION) {
    found.push({ offset, kind: 'note', message: `written by a newer handoff (history version ${fields.version}${typeof fields.tool === 'string' ? `, handoff ${fields.tool}` : ''}); skipped` });
    return null;
  }
  const quick = quickParse(HistoryEntrySchema, data);
  if (quick) return { offset, text, entry: quick.value };
  // Only a line with a problem gets here: zod says what it is.
  const result = HistoryEntrySchema.safeParse(data, { jitless: true });
  if (result.success) return { offset, text, entry: result.data };
  if (typeof fields.tool === 'string' && isNewerVersion(fields.tool, TOOL_VERSION)) {
    found.push({ offset, kind: 'note', message: `written by handoff ${fields.tool}, newer than this ${TOOL_VERSION}, with fields it cannot read; skipped` });
    return null;
  }
  const first = describeIssues(result.error.issues, { schema: HistoryEntrySchema, data })[0];
  const where = first && first.path.length > 0 ? `${formatPath(first.path)}: ` : '';
  found.push({ offset, kind: 'problem', message: `not a line of a run history: ${where}${first?.message ?? 'unexpected shape'}` });
  return null;
}

/**
 * A line cut short by a crash, with the next run's line appended right after it (appenders do
 * not read the file first): the whole line that ends it, if there is one.
 */
function readGlued(text: string): unknown {
  const start = text.lastIndexOf('{"version":');
  if (start <= 0 || !isCutShort(text.slice(0, start))) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}

/** A JSON object that starts well and stops before it closes: what a crash mid-write leaves. */
export function isCutShort(text: string): boolean {
  if (!text.startsWith('{"')) return false;
  const open: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') open.push(c);
    else if (c === '}' || c === ']') {
      if (open.pop() !== (c === '}' ? '{' : '[')) return false;
      if (open.length === 0) return false; // closed, then more: not a cut
    }
  }
  return open.length > 0;
}

/** `a` is a later version than `b` (x.y.z, numerically; a pre-release counts as its release). */
export function isNewerVersion(a: string, b: string): boolean {
  const parts = (v: string): number[] => (/^(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1) ?? []).map(Number);
  const [x, y] = [parts(a), parts(b)];
  if (x.length === 0 || y.length === 0) return false;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! > y[i]!;
  return false;
}

/** Line numbers of what was found, counted from the file's start (only when something was found). */
async function locateLines(path: string, found: Found[]): Promise<Array<Found & { line: number }>> {
  if (found.length === 0) return [];
  const offsets = [...new Set(found.map((f) => f.offset))].sort((a, b) => a - b);
  const lineAt = new Map<number, number>();
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let position = 0;
    let line = 1;
    let next = 0;
    while (next < offsets.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      for (let i = 0; i < bytesRead && next < offsets.length; i++) {
        while (next < offsets.length && offsets[next] === position + i) lineAt.set(offsets[next++]!, line);
        if (buffer[i] === 0x0a) line++;
      }
      if (bytesRead === 0) {
        while (next < offsets.length) lineAt.set(offsets[next++]!, line);
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return found.map((f) => ({ ...f, line: lineAt.get(f.offset) ?? 1 }));
}
