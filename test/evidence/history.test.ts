// The run history file: its line format, appending, and reading it back from the end (real
// files in temp folders).
import { TOOL_VERSION } from '../../src/version.js';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { appendHistory, createHistoryEntry, findLastRuns, formatHistoryLine, hasRunOf, type HistoryEntry } from '../../src/evidence/history.js';
import { isCutShort, isNewerVersion, readHistoryTail } from '../../src/evidence/history-read.js';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-history-');
});
afterEach(() => tmp.cleanup());

function entry(time: string, selectors: Array<[string, boolean]>, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    version: 1,
    time,
    tool: '0.2.0',
    source: 'run',
    input: { file: 'in.yaml', sha256: 'a'.repeat(64) },
    manifest_sha256: `sha-${time}`,
    commit: 'c'.repeat(40),
    dirty: false,
    selectors: selectors.map(([id, met]) => ({ id, outcome: met ? 'passed' : 'failed', expect: 'pass', met, duration_s: 1.5, counts: met ? { passed: 3 } : { passed: 2, failed: 1 } })),
    ...extra,
  };
}

function writeLines(lines: string[], end = '\n'): string {
  const path = join(tmp.dir, 'b.history.jsonl');
  writeFileSync(path, lines.join('\n') + end);
  return path;
}

function manifest(): EvidenceManifest {
  return {
    version: 1,
    generated_at: '2025-10-19T20:58:32Z',
    tool: { name: 'handoff-brief', version: '0.2.0' },
    input: { brief_id: 'b', file: 'in.yaml', sha256: 'f'.repeat(64) },
    repo: { path: '.', commit: null, dirty: null },
    environment: { python: '3.11', pytest: '9.0', platform: 'linux' },
    selectors: [
      {
        id: 'a', run: 'pytest a.py', argv: [], outcome: 'passed', expect: 'pass', met: true, exit_code: 0, attempts: 1,
        started_at: '2025-10-19T20:58:33Z', duration_s: 2.25,
        counts: { passed: 6, failed: 0, errors: 0, skipped: 1, xfailed: 0, xpassed: 0, deselected: 0 },
        runtime_findings: [], log: 'logs/a.log', log_sha256: 'x', junit: null, failures: [],
      },
    ],
  };
}

describe('the line', () => {
  test('a manifest becomes one JSON line: time, commit, per selector outcome, met, duration and the counts that are not zero', () => {
    const line = formatHistoryLine(createHistoryEntry(manifest(), 'manifest text', 'run'));
    expect(line).not.toContain('\n');
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ version: 1, time: '2025-10-19T20:58:32Z', tool: '0.2.0', source: 'run', commit: null, input: { file: 'in.yaml' } });
    expect(parsed.manifest_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.selectors).toEqual([{ id: 'a', outcome: 'passed', expect: 'pass', met: true, duration_s: 2.25, counts: { passed: 6, skipped: 1 } }]);
  });

  test('appendHistory creates the file and its folder, then appends one line per call', async () => {
    const out = join(tmp.dir, 'deep', 'out');
    await appendHistory({ outDir: out, briefId: 'b', entry: entry('2025-10-19T00:00:00Z', [['a', true]]) });
    await appendHistory({ outDir: out, briefId: 'b', entry: entry('2025-10-20T00:00:00Z', [['a', false]]) });
    const lines = readFileSync(join(out, 'b.history.jsonl'), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((l) => JSON.parse(l).time)).toEqual(['2025-10-19T00:00:00Z', '2025-10-20T00:00:00Z']);
  });

  test('after a line cut short by a crash, the next run appends to it; the reader finds the whole line that ends it', async () => {
    const first = formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a', true]]));
    const path = writeLines([first, '{"version":1,"time":"2025-10-2'], '');
    await appendHistory({ outDir: tmp.dir, briefId: 'b', entry: entry('2025-10-21T00:00:00Z', [['a', true]]) });
    await appendHistory({ outDir: tmp.dir, briefId: 'b', entry: entry('2025-10-22T00:00:00Z', [['a', false]]) });
    expect(readFileSync(path, 'utf8').split('\n')[1]).toMatch(/^\{"version":1,"time":"2025-10-2\{"version":1,"time":"2025-10-21T00:00:00Z"/);
    const tail = await readHistoryTail(path, { display: 'b.history.jsonl' });
    expect(tail.records.map((r) => r.entry.time)).toEqual(['2025-10-19T00:00:00Z', '2025-10-21T00:00:00Z', '2025-10-22T00:00:00Z']);
    expect(tail.notes).toEqual(['b.history.jsonl:2: starts with a line cut short (a run that stopped while writing it), which the next run appended to; that part is skipped']);
  });

  test('a line cut short in the middle of the file (a crash, then a line written by hand) is reported and skipped', async () => {
    const path = writeLines([formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a', true]])), '{"version":1,"time":"2025-10-2', formatHistoryLine(entry('2025-10-21T00:00:00Z', [['a', true]]))]);
    const tail = await readHistoryTail(path, { display: 'h' });
    expect(tail.records).toHaveLength(2);
    expect(tail.notes).toEqual(['h:2: a line cut short (a run that stopped while writing it); skipped']);
  });
});

describe('reading it back', () => {
  test('no file: no runs', async () => {
    const tail = await readHistoryTail(join(tmp.dir, 'none.jsonl'), { display: 'none.jsonl' });
    expect(tail).toMatchObject({ exists: false, records: [], notes: [] });
  });

  test('lines come back oldest first with their offsets, across chunk boundaries, blank lines skipped', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => formatHistoryLine(entry(`2025-10-${String(1 + (i % 28)).padStart(2, '0')}T00:00:0${i % 10}Z`, [[`s${i}`, i % 3 !== 0]])));
    const path = writeLines([...lines.slice(0, 10), '', ...lines.slice(10)]);
    for (const chunkBytes of [50, 333, 1 << 16]) {
      const tail = await readHistoryTail(path, { display: 'h', chunkBytes });
      expect(tail.records.map((r) => r.text)).toEqual(lines);
      const text = readFileSync(path, 'utf8');
      for (const r of tail.records) expect(text.slice(r.offset, r.offset + r.text.length)).toBe(r.text);
    }
  });

  test('it stops reading once it has enough: a damaged start of the file is never reached', async () => {
    const good = [0, 1, 2].map((i) => formatHistoryLine(entry(`2025-10-2${i}T00:00:00Z`, [['a', true], ['b', i !== 2]])));
    const path = writeLines(['this is not a history line', ...Array.from({ length: 500 }, () => good[0]!), good[1]!, good[2]!]);
    const tail = await readHistoryTail(path, { display: 'h', chunkBytes: 512, enough: hasRunOf(['a', 'b']) });
    expect(tail.records).toHaveLength(1);
    expect(findLastRuns(tail.records.map((r) => r.entry))).toEqual(
      new Map([
        ['a', { time: '2025-10-22T00:00:00Z', met: true, outcome: 'passed' }],
        ['b', { time: '2025-10-22T00:00:00Z', met: false, outcome: 'failed' }],
      ]),
    );
    // Read whole, the damaged first line is found.
    await expect(readHistoryTail(path, { display: 'h' })).rejects.toThrow(InputError);
  });

  test('an incomplete last line (a crash mid-write, or a write in progress) is reported and skipped', async () => {
    const path = writeLines([formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a', true]])), '{"version":1,"time":"2025-10-20T00:00:00Z","sel'], '');
    const tail = await readHistoryTail(path, { display: 'out/b.history.jsonl' });
    expect(tail.records).toHaveLength(1);
    expect(tail.notes).toEqual(['out/b.history.jsonl:2: the last line is incomplete (a run writing it now, or one that stopped while writing it); skipped']);
  });

  test('a last line without its newline that is whole is read', async () => {
    const path = writeLines([formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a', true]]))], '');
    expect((await readHistoryTail(path, { display: 'h' })).records).toHaveLength(1);
  });

  test('a line from a newer handoff, or with fields this version does not know, is kept and ignored', async () => {
    const unknownFields = { ...entry('2025-10-19T00:00:00Z', [['a', true]]), shard_count: 4, runner: { os: 'linux' } };
    const newerVersion = { version: 2, time: '2025-10-20T00:00:00Z', tool: '0.9.0', runs: [] };
    const newerShape = { ...entry('2025-10-21T00:00:00Z', [['a', true]]), tool: '9.3.0', source: 'publish' };
    const text = [JSON.stringify(unknownFields), JSON.stringify(newerVersion), JSON.stringify(newerShape)];
    const path = writeLines(text);
    const tail = await readHistoryTail(path, { display: 'h' });
    expect(tail.records.map((r) => r.entry.time)).toEqual(['2025-10-19T00:00:00Z']);
    expect(tail.records[0]!.entry).not.toHaveProperty('shard_count');
    expect(tail.notes).toEqual([
      'h:2: written by a newer handoff (history version 2, handoff 0.9.0); skipped',
      `h:3: written by handoff 9.3.0, newer than this ${TOOL_VERSION}, with fields it cannot read; skipped`,
    ]);
    // Nothing is rewritten: the file is byte for byte what it was.
    expect(readFileSync(path, 'utf8')).toBe(`${text.join('\n')}\n`);
  });

  test('a file that is not JSON lines is bad input: every bad line read, with its line and column', async () => {
    const ok = formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a', true]]));
    const path = writeLines([ok, 'time: 2025-10-19', ok, '[1, 2]', JSON.stringify({ ...entry('2025-10-20T00:00:00Z', [['a', true]]), tool: '0.0.0', selectors: [{ id: 'a', met: 'yes' }] }), '{"version":1} trailing', ok]);
    const error = await readHistoryTail(path, { display: 'out/b.history.jsonl' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/^out\/b\.history\.jsonl:2:1: not a line of a run history \(one JSON object per line, written by handoff run\): Unexpected token/);
    expect(messages[1]).toMatch(/^out\/b\.history\.jsonl:4:1: not a line of a run history: expected a JSON object/);
    expect(messages[2]).toMatch(/^out\/b\.history\.jsonl:5:1: not a line of a run history: selectors\[0\]\.\w+: /);
    expect(messages[3]).toMatch(/^out\/b\.history\.jsonl:6:15: not a line of a run history .*position 14/);
  });

  test('a folder where the history should be is bad input; a missing folder is no history', async () => {
    const error = await readHistoryTail(tmp.dir, { display: 'out' }).catch((e: unknown) => e);
    expect((error as InputError).problems[0]!.message).toContain('is a folder');
    const file = join(tmp.dir, 'file');
    writeFileSync(file, '');
    expect((await readHistoryTail(join(file, 'x.jsonl'), { display: 'x' })).exists).toBe(false);
  });
});

describe('helpers', () => {
  test('a cut-short line is a JSON object that starts and never closes', () => {
    const line = formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a"b', true]]));
    for (let n = 2; n < line.length; n++) expect(isCutShort(line.slice(0, n))).toBe(true);
    for (const text of [line, 'hello', '{oops}', '{"a":1}}', '[1,2', '{"a":1} {"b":', '']) expect(isCutShort(text)).toBe(false);
  });

  test('versions compare numerically', () => {
    expect(isNewerVersion('0.10.0', '0.9.9')).toBe(true);
    expect(isNewerVersion('0.2.0', '0.2.0')).toBe(false);
    expect(isNewerVersion('0.2.0-rc.1', '0.2.0')).toBe(false);
    expect(isNewerVersion('1.0.0', '0.0.0-dev')).toBe(true);
    expect(isNewerVersion('garbage', '0.1.0')).toBe(false);
  });

  test('a last line appended after the read started is not seen half', async () => {
    const path = writeLines([formatHistoryLine(entry('2025-10-19T00:00:00Z', [['a', true]]))]);
    appendFileSync(path, formatHistoryLine(entry('2025-10-20T00:00:00Z', [['a', true]])).slice(0, 30));
    const tail = await readHistoryTail(path, { display: 'h' });
    expect(tail.records).toHaveLength(1);
    expect(tail.notes[0]).toContain('h:2: the last line is incomplete');
  });
});
