// What a brief takes from the run history: last runs, the run before its evidence, and only
// the tail of a long file (real files in a temp folder).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatHistoryLine, sha256Text, type HistoryEntry } from '../../src/evidence/history.js';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import type { HandoffInput } from '../../src/input/model.js';
import { loadBriefHistory, type BriefHistory } from '../../src/evidence/brief-history.js';
import { describeChanges } from '../../src/render/changes.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-brief-history-');
});
afterEach(() => tmp.cleanup());

const input = { brief: { id: 'b' }, selectors: [{ id: 'a' }, { id: 'z' }] } as unknown as HandoffInput;
const counts = (passed: number) => ({ passed, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 });

function entry(time: string, passed: number, sha = `m-${time}`): HistoryEntry {
  return {
    version: 1, time, tool: '0.2.0', source: 'run', input: null, manifest_sha256: sha, commit: null, dirty: null,
    selectors: [{ id: 'a', outcome: 'passed', expect: 'pass', met: true, duration_s: 1, counts: { passed } }, { id: 'z', outcome: 'passed', expect: 'pass', met: true, duration_s: 1, counts: { passed: 1 } }],
  };
}

function evidence(time: string, passed: number): { text: string; manifest: EvidenceManifest } {
  const manifest = {
    version: 1, generated_at: time, tool: { name: 'handoff-brief', version: '0.2.0' }, repo: { path: '.', commit: null, dirty: null },
    environment: { python: '3', pytest: '9', platform: 'x' },
    selectors: [
      { id: 'a', run: 'pytest a.py', argv: [], outcome: 'passed', expect: 'pass', met: true, exit_code: 0, attempts: 1, started_at: time, duration_s: 1, counts: counts(passed), runtime_findings: [], log: 'l', log_sha256: 'x', junit: null, failures: [] },
      { id: 'z', run: 'pytest z.py', argv: [], outcome: 'passed', expect: 'pass', met: true, exit_code: 0, attempts: 1, started_at: time, duration_s: 1, counts: counts(1), runtime_findings: [], log: 'l', log_sha256: 'x', junit: null, failures: [] },
    ],
  } as EvidenceManifest;
  return { text: JSON.stringify(manifest), manifest };
}

const display = (p: string): string => p.slice(tmp.dir.length + 1);
/** "Changes since" as the brief shows it, from what the history found. */
const changesOf = (history: BriefHistory) => describeChanges(history.compared, input.selectors);

test('a 2,000-line history whose first line is damaged: only the tail is read; the run before the evidence is found by its sha256', async () => {
  const ev = evidence('2025-10-20T00:00:00Z', 7);
  const lines = ['garbage that a whole read would report'];
  for (let i = 0; i < 1998; i++) lines.push(formatHistoryLine(entry(`2025-09-01T00:00:${String(i % 60).padStart(2, '0')}Z`, 5)));
  lines.push(formatHistoryLine(entry('2025-10-19T00:00:00Z', 6)), formatHistoryLine(entry('2025-10-20T00:00:00Z', 7, sha256Text(ev.text))));
  writeFileSync(join(tmp.dir, 'b.history.jsonl'), `${lines.join('\n')}\n`);
  const history = await loadBriefHistory({ outDir: tmp.dir, input, evidence: ev, display });
  expect(changesOf(history)).toMatchObject({ since: '2025-10-19T00:00:00Z', against: 'the previous run', lines: ['**Counts:** `a` 6 → 7 passed'] });
  expect(history.lastRuns.get('a')).toEqual({ time: '2025-10-20T00:00:00Z', met: true, outcome: 'passed' });
  expect(history.newestDay).toBe('2025-10-20');
  // The brief's inputs hash covers the lines it used: its own run and the one before.
  expect(history.usedText).toBe(lines.slice(-2).join('\n'));
});

test('run\'s own line, not appended yet, counts as the newest run and the evidence\'s line', async () => {
  writeFileSync(join(tmp.dir, 'b.history.jsonl'), `${formatHistoryLine(entry('2025-10-19T00:00:00Z', 6))}\n`);
  const ev = evidence('2025-10-21T00:00:00Z', 6);
  const pending = entry('2025-10-21T00:00:00Z', 6, sha256Text(ev.text));
  const history = await loadBriefHistory({ outDir: tmp.dir, input, evidence: ev, pending, display });
  expect(history.newestDay).toBe('2025-10-21');
  expect(changesOf(history)).toMatchObject({ since: '2025-10-19T00:00:00Z', nothing: true });
});

test('no history, or evidence without an earlier run: no changes section; last runs from what there is', async () => {
  const none = await loadBriefHistory({ outDir: tmp.dir, input, evidence: evidence('2025-10-20T00:00:00Z', 1), display });
  expect(none).toMatchObject({ compared: null, newestDay: null, usedText: '', notes: [] });
  expect(none.lastRuns.size).toBe(0);
  const ev = evidence('2025-10-20T00:00:00Z', 1);
  writeFileSync(join(tmp.dir, 'b.history.jsonl'), `${formatHistoryLine(entry('2025-10-20T00:00:00Z', 1, sha256Text(ev.text)))}\n`);
  const first = await loadBriefHistory({ outDir: tmp.dir, input, evidence: ev, display });
  expect(changesOf(first)).toBeNull();
  expect(first.lastRuns.get('z')?.time).toBe('2025-10-20T00:00:00Z');
});

test('evidence that has no line of its own (a manifest from 0.1, a history started later) is compared with the newest older run', async () => {
  writeFileSync(join(tmp.dir, 'b.history.jsonl'), [entry('2025-10-18T00:00:00Z', 4), entry('2025-10-19T00:00:00Z', 5), entry('2025-10-22T00:00:00Z', 9)].map(formatHistoryLine).join('\n') + '\n');
  const history = await loadBriefHistory({ outDir: tmp.dir, input, evidence: evidence('2025-10-20T00:00:00Z', 6), display });
  expect(changesOf(history)).toMatchObject({ since: '2025-10-19T00:00:00Z', lines: ['**Counts:** `a` 5 → 6 passed'] });
});

test('readOn reads further back for the caller (site), and the brief is made from the lines its own rule reads', async () => {
  const ev = evidence('2025-10-20T00:00:00Z', 7);
  const lines: string[] = [];
  for (let i = 0; i < 150; i++) lines.push(formatHistoryLine(entry(`2025-09-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`, 5)));
  lines.push(formatHistoryLine(entry('2025-10-19T00:00:00Z', 6)), formatHistoryLine(entry('2025-10-20T00:00:00Z', 7, sha256Text(ev.text))));
  writeFileSync(join(tmp.dir, 'b.history.jsonl'), `${lines.join('\n')}\n`);
  const trend = { runs: 30, lines: 100 };
  const own = await loadBriefHistory({ outDir: tmp.dir, input, evidence: ev, display, trend });
  const further = await loadBriefHistory({ outDir: tmp.dir, input, evidence: ev, display, trend, readOn: (records) => records.length >= 120 });
  // The brief's own rule: 30 runs of each selector (both run in every line).
  expect(own.records).toHaveLength(30);
  expect(own.linesRead).toHaveLength(30);
  expect(further.linesRead).toHaveLength(120);
  expect(further.linesRead.slice(0, 30).map((r) => r.text)).toEqual(own.records.map((r) => r.text));
  const { linesRead: _a, ...brief } = own;
  const { linesRead: _b, ...briefWithReadOn } = further;
  expect(briefWithReadOn).toEqual(brief);
});
