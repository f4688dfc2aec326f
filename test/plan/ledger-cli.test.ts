// `handoff ledger append` through the built CLI, plus the pure appendAttempt for edge cases.
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appendAttempt, formatAttempt, formatCodeSpan } from '../../src/plan/ledger.js';
import { editDistance } from '../../src/text/edit-distance.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test/fixtures/plans');
const EXPECTED = join(ROOT, 'test/expected/plan');
const REPORTS = 'plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z';
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-ledger-');
});
afterEach(() => tmp.cleanup());

function copyLedger(name: string, transform?: (text: string) => string): string {
  const path = join(tmp.dir, 'fix_plan.md');
  if (transform) writeFileSync(path, transform(fixture(name)));
  else copyFileSync(join(FIXTURES, name), path);
  chmodSync(path, 0o644);
  return path;
}

const append = (...args: string[]) => runCli(['ledger', 'append', 'fix_plan.md', ...args], { cwd: tmp.dir });
const HANDOFF_ENTRY = [
  '--item', 'INTEGRATE-PYTORCH-001-STUBS',
  '--summary', 'Phase E3 handoff brief authored; plan rows D1–D3 marked.',
  '--artifact', `${REPORTS}/phase_e3_handoff.md`,
  '--artifact', `${REPORTS}/phase_e3_docs_plan.md`,
  '--date', '2025-10-19',
];

describe('ledger append on the real ledger excerpt', () => {
  test('gives exactly the expected file (Attempt #42 after #40, #41, #13); a second run changes nothing', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md');
    const first = await append(...HANDOFF_ENTRY);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('fix_plan.md: appended Attempt #42 to [INTEGRATE-PYTORCH-001-STUBS]\n');
    const expected = readFileSync(join(EXPECTED, 'fix_plan_excerpt.appended.md'));
    expect(readFileSync(ledger).equals(expected)).toBe(true);

    const second = await append(...HANDOFF_ENTRY);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change');
    expect(readFileSync(ledger).equals(expected)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['fix_plan.md']);
  });

  test('attempts out of order: N is one more than the highest, not the last', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md', (t) => t.replace('Attempt #41', 'Attempt #57'));
    const r = await append('--item', 'INTEGRATE-PYTORCH-001-STUBS', '--summary', 'Next.', '--date', '2025-10-20');
    expect(r.code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toContain(
      'phase_e3_docs_inventory.md`\n  * [2025-10-20] Attempt #58 — Next.\n- Exit Criteria:',
    );
  });

  test('without --date the date is the UTC day of --now (or SOURCE_DATE_EPOCH)', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md');
    const r = await append('--item', 'TEST-PYTORCH-001', '--summary', 'Phase D3 CI guidance.', '--now', '2025-10-21T23:30:00-05:00');
    expect(r.code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toContain(
      '  * [2025-10-19] Attempt #11 — Phase D2 documentation update.\n  * [2025-10-22] Attempt #12 — Phase D3 CI guidance.\n- Exit Criteria:',
    );
    const epoch = await runCli(['ledger', 'append', 'fix_plan.md', '--item', 'CI-CONFIG-001', '--summary', 'x'], {
      cwd: tmp.dir,
      env: { SOURCE_DATE_EPOCH: '1760900000' },
    });
    expect(epoch.code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toContain('  * [2025-10-19] Attempt #1 — x\n');
  });

  test('--dry-run prints the diff and writes nothing', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md');
    const before = readFileSync(ledger);
    const r = await append(...HANDOFF_ENTRY, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--- a\/fix_plan\.md\n\+\+\+ b\/fix_plan\.md\n@@ -14,6 \+14,7 @@\n/);
    expect(r.stdout).toContain(`\n+  * [2025-10-19] Attempt #42 — Phase E3 handoff brief authored; plan rows D1–D3 marked. Artifacts: \`${REPORTS}/phase_e3_handoff.md\`, \`${REPORTS}/phase_e3_docs_plan.md\`\n`);
    expect(readFileSync(ledger).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['fix_plan.md']);
  });

  test('CRLF ledger: the new line ends in CRLF too and no other byte changes', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md', (t) => t.replace(/\n/g, '\r\n'));
    expect((await append(...HANDOFF_ENTRY)).code).toBe(0);
    const expected = readFileSync(join(EXPECTED, 'fix_plan_excerpt.appended.md'), 'utf8').replace(/\n/g, '\r\n');
    expect(readFileSync(ledger, 'utf8')).toBe(expected);
  });
});

describe('CR-only ledgers (old Mac line endings)', () => {
  test('the real excerpt: the new line ends in CR and lands where it does with LF', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md', (t) => t.replace(/\n/g, '\r'));
    expect((await append(...HANDOFF_ENTRY)).code).toBe(0);
    const expected = readFileSync(join(EXPECTED, 'fix_plan_excerpt.appended.md'), 'utf8').replace(/\n/g, '\r');
    expect(readFileSync(ledger, 'utf8')).toBe(expected);
  });

  test.each(['WITH-EXIT', 'NO-EXIT', 'EMPTY-HISTORY', 'NO-LIST'])('item %s: same result as with LF, CR for CR', (item) => {
    const lf = fixture('ledger-no-history.md');
    const options = { file: 'f.md', item, summary: 'First try.', artifacts: ['out/a.md'], date: '2025-10-20' };
    const fromLf = appendAttempt(lf, options);
    const fromCr = appendAttempt(lf.replace(/\n/g, '\r'), options);
    expect(fromLf.text).not.toBe(lf);
    expect(fromCr).toEqual({ ...fromLf, text: fromLf.text.replace(/\n/g, '\r') });
  });
});

describe('items without an Attempts History', () => {
  test('the list is created just before - Exit Criteria:', async () => {
    const ledger = copyLedger('ledger-no-history.md');
    expect((await append('--item', 'WITH-EXIT', '--summary', 'First try.', '--artifact', 'out/a.md', '--date', '2025-10-20')).code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toContain(
      '- Status: pending\n- Attempts History:\n  * [2025-10-20] Attempt #1 — First try. Artifacts: `out/a.md`\n- Exit Criteria:\n  - Something works\n',
    );
  });

  test('with no Exit Criteria, the list goes at the end of the item’s bullet list', async () => {
    const ledger = copyLedger('ledger-no-history.md');
    expect((await append('--item', 'NO-EXIT', '--summary', 'First try.', '--date', '2025-10-20')).code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toContain(
      '- Status: pending\n- Attempts History:\n  * [2025-10-20] Attempt #1 — First try.\n\n## [EMPTY-HISTORY]',
    );
  });

  test('a new list indents its entry as the file\'s other histories do (here four spaces)', () => {
    const text = [
      '## [DONE-ONE] Has history',
      '- Status: done',
      '- Attempts History:',
      '    + [2025-01-02] Attempt #1 — first',
      '',
      '## [NEW-ONE] Has none',
      '- Status: pending',
      '',
    ].join('\n');
    const r = appendAttempt(text, { file: 'f.md', item: 'NEW-ONE', summary: 'First try.', artifacts: [], date: '2025-01-04' });
    expect(r.text).toContain('- Status: pending\n- Attempts History:\n    + [2025-01-04] Attempt #1 — First try.\n');
  });

  test('an empty Attempts History gets its first entry under it', async () => {
    const ledger = copyLedger('ledger-no-history.md');
    expect((await append('--item', 'EMPTY-HISTORY', '--summary', 'First try.', '--date', '2025-10-20')).code).toBe(0);
    expect(readFileSync(ledger, 'utf8')).toContain('- Attempts History:\n  * [2025-10-20] Attempt #1 — First try.\n- Exit Criteria:\n  - Done when done\n');
  });

  test('an item with no bullet list gets a new list after its last block', async () => {
    const ledger = copyLedger('ledger-no-history.md');
    expect((await append('--item', 'NO-LIST', '--summary', 'First try.', '--date', '2025-10-20')).code).toBe(0);
    expect(readFileSync(ledger, 'utf8').endsWith('## [IN-FENCE] Not a real item\n```\n\n- Attempts History:\n  * [2025-10-20] Attempt #1 — First try.\n')).toBe(true);
  });
});

describe('bad ledgers and bad usage', () => {
  test('no such item: exit 2 with the closest ids and the list of ids, nothing written', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md');
    const before = readFileSync(ledger);
    const r = await append('--item', 'TEST-PYTORCH-01', '--summary', 'x', '--date', '2025-10-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'handoff: no item [TEST-PYTORCH-01] in fix_plan.md; closest: TEST-PYTORCH-001, CI-CONFIG-001, INTEGRATE-PYTORCH-001-STUBS\n' +
        'items: INTEGRATE-PYTORCH-001-STUBS, TEST-PYTORCH-001, CI-CONFIG-001\n',
    );
    expect(readFileSync(ledger).equals(before)).toBe(true);
    expect(readdirSync(tmp.dir)).toEqual(['fix_plan.md']);
  });

  test('an item heading inside a code fence is not an item', async () => {
    copyLedger('ledger-no-history.md');
    const r = await append('--item', 'IN-FENCE', '--summary', 'x', '--date', '2025-10-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no item [IN-FENCE] in fix_plan.md');
  });

  test('a file with no items at all: exit 2 at 1:1', async () => {
    copyLedger('no-checklist.md');
    const r = await append('--item', 'X', '--summary', 'x', '--date', '2025-10-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fix_plan.md:1:1: no ledger items (headings like `## [ID] Title`) in this file\n');
  });

  test('an item id used twice: exit 2 with both lines', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md', (t) => `${t}\n## [CI-CONFIG-001] Again\n- Priority: Low\n`);
    const before = readFileSync(ledger);
    const r = await append('--item', 'CI-CONFIG-001', '--summary', 'x', '--date', '2025-10-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fix_plan.md:38:1: CI-CONFIG-001: item appears more than once: fix_plan.md:33, fix_plan.md:38\n');
    expect(readFileSync(ledger).equals(before)).toBe(true);
  });

  test('a bad --date: exit 2, nothing written', async () => {
    const ledger = copyLedger('fix_plan_excerpt.md');
    const before = readFileSync(ledger);
    for (const date of ['2025-02-30', '19-10-2025', '2025-10-19T00:00:00Z']) {
      const r = await append('--item', 'CI-CONFIG-001', '--summary', 'x', '--date', date);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`handoff: --date: "${date}" is not a date; use YYYY-MM-DD, e.g. 2025-10-19\n`);
    }
    expect(readFileSync(ledger).equals(before)).toBe(true);
  });

  test('an empty --summary: exit 2', async () => {
    copyLedger('fix_plan_excerpt.md');
    const r = await append('--item', 'CI-CONFIG-001', '--summary', '  ', '--date', '2025-10-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('handoff: --summary: must not be empty\n');
  });

  test('a missing ledger file: exit 2', async () => {
    const r = await append('--item', 'X', '--summary', 'x', '--date', '2025-10-20');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`fix_plan.md:1:1: no such file (looked in ${tmp.dir})\n`);
  });
});

describe('entry formatting', () => {
  test('matches the example: two-space bullet, em dash, backticked artifacts; none means no Artifacts:', () => {
    expect(formatAttempt('2025-10-19', 3, 'Did it.', ['a.md', 'b/c.md'])).toBe('[2025-10-19] Attempt #3 — Did it. Artifacts: `a.md`, `b/c.md`');
    expect(formatAttempt('2025-10-19', 3, 'Did\nit.', [])).toBe('[2025-10-19] Attempt #3 — Did it.');
    expect(formatAttempt('2025-10-19', 3, 'Did\rit.', [])).toBe('[2025-10-19] Attempt #3 — Did it.');
  });

  test('a summary that ends in a word gets "; " before Artifacts: (0.1.0 ran them together)', () => {
    expect(formatAttempt('2025-10-19', 4, 'Phase E3 handoff brief published', ['a.md'])).toBe('[2025-10-19] Attempt #4 — Phase E3 handoff brief published; Artifacts: `a.md`');
    expect(formatAttempt('2025-10-19', 4, 'Checked `pytest -q`', ['a.md'])).toBe('[2025-10-19] Attempt #4 — Checked `pytest -q`; Artifacts: `a.md`');
    expect(formatAttempt('2025-10-19', 4, 'Done:', ['a.md'])).toBe('[2025-10-19] Attempt #4 — Done: Artifacts: `a.md`');
  });

  test('an entry 0.1.0 wrote without the separator is found again, not appended twice', () => {
    const text = '## [X] Item\n- Attempts History:\n  * [2025-10-19] Attempt #1 — Brief published Artifacts: `a.md`\n';
    const result = appendAttempt(text, { file: 'f.md', item: 'X', summary: 'Brief published', artifacts: ['a.md'], date: '2025-10-19' });
    expect(result).toMatchObject({ existing: true, text });
  });

  test('a path with a backtick gets a longer code fence', () => {
    expect(formatCodeSpan('a`b.md')).toBe('`` a`b.md ``');
  });

  test('a file without a final newline gets the entry on a line of its own', () => {
    const text = '## [A] Item\n- Attempts History:\n  * [2025-10-01] Attempt #1 — One.';
    const { text: out, attempt } = appendAttempt(text, { file: 'f.md', item: 'A', summary: 'Two.', artifacts: [], date: '2025-10-02' });
    expect(attempt).toBe(2);
    expect(out).toBe(`${text}\n  * [2025-10-02] Attempt #2 — Two.`);
  });

  test('a byte-order mark does not hide the first item heading, and is kept', () => {
    const text = '\uFEFF## [A] Item\n- Attempts History:\n  * [2025-10-01] Attempt #1 — One.\n';
    const { text: out } = appendAttempt(text, { file: 'f.md', item: 'A', summary: 'Two.', artifacts: [], date: '2025-10-02' });
    expect(out).toBe(`${text}  * [2025-10-02] Attempt #2 — Two.\n`);
  });

  test('edit distance ranks near ids first', () => {
    expect(editDistance('test-pytorch-01', 'test-pytorch-001')).toBe(1);
    expect(editDistance('abc', '')).toBe(3);
  });

  test('an unknown item with two letters swapped is named first among the closest ids', () => {
    const text = ['## [TESTS-12] One', '## [TSET-1] Two', '## [ALPHA] Three', '## [BETA] Four', ''].join('\n\n');
    expect(() => appendAttempt(text, { file: 'f.md', item: 'TEST-1', summary: 'x', artifacts: [], date: '2025-10-02' })).toThrow(
      'no item [TEST-1] in f.md; closest: TSET-1, TESTS-12, BETA\nitems: TESTS-12, TSET-1, ALPHA, BETA',
    );
  });
});
