// `ledger append` on the newer ledger formats through the built CLI: `###` items, timestamped
// entries, newest-first lists, numbering from #0, a top-level Attempts History of sections, and a
// heading broken by a stray character. Byte for byte against test/expected/plan/, idempotent.
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendAttempt } from '../../src/plan/ledger.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/plans');
const EXPECTED = join(ROOT, 'test/expected/plan');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-ledger-formats-');
});
afterEach(() => tmp.cleanup());

function copyLedger(name: string, transform?: (text: string) => string): string {
  const path = join(tmp.dir, name);
  if (transform) writeFileSync(path, transform(fixture(name)));
  else copyFileSync(join(FIXTURES, name), path);
  chmodSync(path, 0o644);
  return path;
}

const append = (file: string, ...args: string[]) => runCli(['ledger', 'append', file, ...args], { cwd: tmp.dir });

const REPORTS = 'plans/active/OPTICS-ALIGN-003/reports';
/** The commands behind test/expected/plan/fix-plan-2026.appended.md, in order. */
const LEDGER_2026: string[][] = [
  // Oldest first: the entry goes last, in the item's timestamped style, with its label.
  ['--item', 'OPTICS-ALIGN-003', '--label', 'Phase B started', '--summary', 'Slit scan running; first half archived.',
    '--artifact', `${REPORTS}/2026-03-05T093000Z/scan_part1.csv`, '--now', '2026-03-05T09:30:00Z'],
  // The heading says "(newest first)": the entry goes first.
  ['--item', 'DETECTOR-GAIN-011', '--label', 'fix tested', '--summary', 'Temperature compensation removes the drift.', '--now', '2026-03-05T10:00:00Z'],
  // The times run backwards: newest first again.
  ['--item', 'SHUTTER-LOG-005', '--label', 'third capture', '--summary', 'Jitter gone after the firmware update.', '--now', '2026-03-05T07:30:00Z'],
  // No history yet: one is made before Exit Criteria, in the file's bullet and style.
  ['--item', 'DOCS-REFRESH-012', '--summary', 'Outlined the interlock section.', '--now', '2026-03-05T11:00:00Z'],
  // No --item: a new section of the top-level Attempts History.
  ['--label', 'handoff to modelling', '--summary', 'Handed the alignment note to the modelling initiative.',
    '--artifact', `${REPORTS}/2026-03-05T120000Z/summary.md`, '--now', '2026-03-05T12:00:00Z'],
];

/** The commands behind test/expected/plan/ledger-numbered-zero.appended.md, in order. */
const NUMBERED_ZERO: string[][] = [
  ['--item', 'PIPELINE-SPLIT-002', '--summary', 'Second stage extracted.', '--artifact', 'reports/2025-11-07/stage2.md', '--date', '2025-11-07'],
  ['--item', 'CACHE-WARM-008', '--summary', 'Warmed the third shard.', '--date', '2025-11-07'],
  ['--item', 'LINT-CLEAN-010', '--summary', 'Counted the warnings.', '--date', '2025-11-07'],
];

describe.each([
  ['fix-plan-2026.md', LEDGER_2026],
  ['ledger-numbered-zero.md', NUMBERED_ZERO],
])('%s', (name, runs) => {
  const expected = (): string => readFileSync(join(EXPECTED, name.replace(/\.md$/, '.appended.md')), 'utf8');

  test('gives exactly the expected file; running every command again changes nothing', async () => {
    const ledger = copyLedger(name);
    for (const args of runs) {
      const r = await append(name, ...args);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(readFileSync(ledger, 'utf8')).toBe(expected());
    for (const args of runs) {
      const again = await append(name, ...args);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('nothing to change');
    }
    expect(readFileSync(ledger, 'utf8')).toBe(expected());
    expect(readdirSync(tmp.dir)).toEqual([name]);
  });

  test('CRLF: the same entries, CRLF kept', async () => {
    const ledger = copyLedger(name, (t) => t.replace(/\n/g, '\r\n'));
    for (const args of runs) expect((await append(name, ...args)).code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toBe(expected().replace(/\n/g, '\r\n'));
  });
});

describe('what the CLI says', () => {
  test('numbered entries report their number; #0 is counted from when the file does', async () => {
    copyLedger('ledger-numbered-zero.md');
    const r = await append('ledger-numbered-zero.md', ...NUMBERED_ZERO[2]!);
    expect(r.stdout).toBe('ledger-numbered-zero.md: appended Attempt #0 to [LINT-CLEAN-010]\n');
  });

  test('a timestamped entry and a section report their line; the time comes from SOURCE_DATE_EPOCH too', async () => {
    const ledger = copyLedger('fix-plan-2026.md');
    const env = { SOURCE_DATE_EPOCH: String(Date.parse('2026-03-06T08:15:00Z') / 1000) };
    const r = await runCli(['ledger', 'append', 'fix-plan-2026.md', '--item', 'OPTICS-ALIGN-003', '--summary', 'Checked.'], { cwd: tmp.dir, env });
    expect(r.stdout).toBe('fix-plan-2026.md: added an entry to [OPTICS-ALIGN-003] at line 16\n');
    expect(readFileSync(ledger, 'utf8').split('\n')[15]).toBe('  - *2026-03-06T08:15:00Z:* Checked.');
    const s = await runCli(['ledger', 'append', 'fix-plan-2026.md', '--summary', 'Weekly review. Nothing new.'], { cwd: tmp.dir, env });
    expect(s.stdout).toBe('fix-plan-2026.md: added a section to the Attempts History at line 48\n');
    expect(readFileSync(ledger, 'utf8').endsWith('\n### 2026-03-06T08:15Z — Weekly review\n**Action:** Weekly review. Nothing new.\n')).toBe(true);
  });

  test('--label on a numbered item is reported as unused, and the entry is still added', async () => {
    const ledger = copyLedger('ledger-numbered-zero.md');
    const r = await append('ledger-numbered-zero.md', ...NUMBERED_ZERO[0]!, '--label', 'stage two');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: ledger-numbered-zero.md:3:1: [PIPELINE-SPLIT-002]: --label is not used: this item numbers its attempts, and only timestamped entries carry a label\n',
    );
    expect(readFileSync(ledger, 'utf8')).toBe(readFileSync(join(EXPECTED, 'ledger-numbered-zero.appended.md'), 'utf8').replace(/\n {2}- \[2025-11-07\] Attempt #5.*\n/, '\n').replace(/- Attempts History:\n {2}- \[2025-11-07\] Attempt #0.*\n/, ''));
  });
});

describe('a heading broken by a stray character (`-### [ID] …`)', () => {
  const BROKEN_LINE = 'ledger-broken-heading.md:8:1: [BROKEN-ITEM-002]';

  test('another item: a warning with the line and the fix, and the entry is added', async () => {
    const ledger = copyLedger('ledger-broken-heading.md');
    const r = await append('ledger-broken-heading.md', '--item', 'OTHER-ITEM-003', '--summary', 'Went on.', '--now', '2026-03-03T10:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${BROKEN_LINE}: this line is not a heading (a stray "-" before "###"), so [BROKEN-ITEM-002] is not an item; make it read "### [BROKEN-ITEM-002] A heading with a stray dash in front"\n`,
    );
    expect(readFileSync(ledger, 'utf8')).toContain('  - *2026-03-02T10:00:00Z (start):* Began as well.\n  - *2026-03-03T10:00:00Z:* Went on.\n');
  });

  test('the broken item itself: exit 2 at its line, nothing written', async () => {
    const ledger = copyLedger('ledger-broken-heading.md');
    const before = readFileSync(ledger);
    const r = await append('ledger-broken-heading.md', '--item', 'BROKEN-ITEM-002', '--summary', 'x', '--now', '2026-03-03T10:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${BROKEN_LINE}: the heading of this item is broken (a stray "-" before "###"), so Markdown reads it as text; make the line read "### [BROKEN-ITEM-002] A heading with a stray dash in front" and run again\n`,
    );
    expect(readFileSync(ledger).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['ledger-broken-heading.md']);
  });

  test('the item above it, whose body now swallows the broken one: exit 2, nothing written', async () => {
    const ledger = copyLedger('ledger-broken-heading.md');
    const before = readFileSync(ledger);
    const r = await append('ledger-broken-heading.md', '--item', 'GOOD-ITEM-001', '--summary', 'x', '--now', '2026-03-03T10:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ledger-broken-heading\.md:8:1: \[BROKEN-ITEM-002\]: this line is not a heading .* so its lines belong to \[GOOD-ITEM-001\] and the entry could land in the wrong item;/);
    expect(readFileSync(ledger).equals(before)).toBe(true);
  });

  test('one inside a code fence is only an example: no warning, and no such item', async () => {
    copyLedger('ledger-broken-heading.md');
    const r = await append('ledger-broken-heading.md', '--item', 'IN-CODE-004', '--summary', 'x', '--now', '2026-03-03T10:00:00Z');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: no item [IN-CODE-004] in ledger-broken-heading.md; closest: GOOD-ITEM-001, OTHER-ITEM-003\nitems: GOOD-ITEM-001, OTHER-ITEM-003\n');
  });
});

describe('bad usage: exit 2, nothing written', () => {
  async function refuses(name: string, args: string[], stderr: string | RegExp, transform?: (t: string) => string): Promise<void> {
    const ledger = copyLedger(name, transform);
    const before = readFileSync(ledger);
    const r = await append(name, ...args);
    if (typeof stderr === 'string') expect(r.stderr).toBe(stderr);
    else expect(r.stderr).toMatch(stderr);
    expect(r.code).toBe(2);
    expect(readFileSync(ledger).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual([name]);
  }

  test('a timestamped item with --date but no --now: the time is asked for, not invented', () =>
    refuses('fix-plan-2026.md', ['--item', 'OPTICS-ALIGN-003', '--summary', 'x', '--date', '2026-03-05'], 'handoff: [OPTICS-ALIGN-003] has timestamped entries: give the time with --now (--date sets only the date of a numbered entry)\n'));

  test('no --item in a ledger without a top-level Attempts History', () =>
    refuses('ledger-numbered-zero.md', ['--summary', 'x', '--date', '2025-11-07'], 'handoff: --item: ledger-numbered-zero.md has no top-level "## Attempts History" section to add to; name the item with --item ID\n'));

  test('an item id that appears twice (### items)', () =>
    refuses(
      'fix-plan-2026.md',
      ['--item', 'SHUTTER-LOG-005', '--summary', 'x', '--now', '2026-03-05T12:00:00Z'],
      'fix-plan-2026.md:47:1: SHUTTER-LOG-005: item appears more than once: fix-plan-2026.md:25, fix-plan-2026.md:47\n',
      (t) => `${t}\n### [SHUTTER-LOG-005] Again\n- Status: pending\n`,
    ));

  test('an unknown item in a ### ledger names the closest ids', () =>
    refuses('fix-plan-2026.md', ['--item', 'OPTICS-ALIGN-03', '--summary', 'x', '--now', '2026-03-05T12:00:00Z'], /^handoff: no item \[OPTICS-ALIGN-03\] in fix-plan-2026\.md; closest: OPTICS-ALIGN-003,/));
});

describe('appendAttempt, pure (as publish calls it)', () => {
  const time = new Date('2026-03-05T12:00:00Z');

  test('a section at the end of a file without a final newline keeps it that way', () => {
    const text = '# L\n\n## Attempts History\n\n### 2026-01-01T00:00Z — start\n**Action:** Began.';
    const out = appendAttempt(text, { file: 'l.md', summary: 'Next.', artifacts: ['a.md'], date: '2026-03-05', time });
    expect(out.text).toBe(`${text}\n\n### 2026-03-05T12:00Z — Next\n**Action:** Next.\n\n**Artifacts:**\n- \`a.md\``);
    expect(out).toMatchObject({ style: 'section', existing: false, attempt: null, line: 8, warnings: [] });
    expect(appendAttempt(out.text, { file: 'l.md', summary: 'Next.', artifacts: ['a.md'], date: '2026-03-05', time }).existing).toBe(true);
  });

  test('sections newest first: the new one goes first, before the next heading', () => {
    const text = '## Attempts History\n\n### 2026-02-02T10:00:00Z — later\n**Action:** B.\n\n### 2026-02-01T10:00:00Z — earlier\n**Action:** A.\n\n## Other\n';
    const out = appendAttempt(text, { file: 'l.md', summary: 'C.', artifacts: [], date: '2026-03-05', time, label: 'latest' }).text;
    expect(out).toBe(text.replace('### 2026-02-02', '### 2026-03-05T12:00:00Z — latest\n**Action:** C.\n\n### 2026-02-02'));
  });

  test('a section appended before a following heading keeps a blank line before it', () => {
    const text = '## Attempts History\n### 2026-02-01T10:00Z — one\n**Action:** A.\n## Other\n';
    const out = appendAttempt(text, { file: 'l.md', summary: 'B.', artifacts: [], date: '2026-03-05', time }).text;
    expect(out).toBe('## Attempts History\n### 2026-02-01T10:00Z — one\n**Action:** A.\n\n### 2026-03-05T12:00Z — B\n**Action:** B.\n\n## Other\n');
  });

  test('the same timestamped entry later the same day is found, not added again', () => {
    const text = fixture('fix-plan-2026.md');
    const options = { file: 'f.md', item: 'OPTICS-ALIGN-003', summary: 'Again.', artifacts: [], date: '2026-03-05', label: 'x', time };
    const first = appendAttempt(text, options);
    const later = appendAttempt(first.text, { ...options, time: new Date('2026-03-05T18:00:00Z') });
    expect(later).toMatchObject({ existing: true, line: first.line });
    expect(later.text).toBe(first.text);
    expect(appendAttempt(first.text, { ...options, time: new Date('2026-03-06T09:00:00Z') }).existing).toBe(false);
  });

  test('a timestamped item at the end of a file without a final newline: the entry goes on a line of its own', () => {
    const text = '### [T] Item\r\n- Attempts History:\r\n  - *2026-03-01T09:00:00Z (a):* One.';
    const out = appendAttempt(text, { file: 't.md', item: 'T', summary: 'Two.', artifacts: [], date: '2026-03-05', time, label: 'b' });
    expect(out.text).toBe(`${text}\r\n  - *2026-03-05T12:00:00Z (b):* Two.`);
    expect(out).toMatchObject({ style: 'timestamped', attempt: null, line: 4 });
  });

  test('a numbered list newest first by its dates gets the next number first', () => {
    const text = '## [N] Item\n- Attempts History:\n  * [2025-10-20] Attempt #7 — Later.\n  * [2025-10-18] Attempt #6 — Earlier.\n';
    const out = appendAttempt(text, { file: 'n.md', item: 'N', summary: 'Latest.', artifacts: [], date: '2025-10-21' });
    expect(out.text).toBe(text.replace('  * [2025-10-20]', '  * [2025-10-21] Attempt #8 — Latest.\n  * [2025-10-20]'));
    expect(out).toMatchObject({ attempt: 8, line: 3 });
  });
});
