// How the lines `publish` (and `ledger append`, `plan mark`) write read beside the ones already
// there: the ledger entry takes the punctuation of the entries around it ("… published.
// Artifacts:" where they write a period), and a note that ends in a bracket, such as publish's
// default "Handoff brief published (<stamp>)", ends its sentence before the row's own guidance.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-wording-');
});
afterEach(() => tmp.cleanup());

const read = (name: string): string => readFileSync(join(tmp.dir, name), 'utf8');

describe('ledger append follows the punctuation before "Artifacts:" of the entries beside it', () => {
  const ledger = (entries: string[]): void =>
    writeFileSync(join(tmp.dir, 'fix_plan.md'), ['# Fix plan', '', '## [ITEM-001] Item', '- Attempts History:', ...entries.map((e) => `  * ${e}`), ''].join('\n'));
  const append = () =>
    runCli(['ledger', 'append', 'fix_plan.md', '--item', 'ITEM-001', '--summary', 'Handoff brief published', '--artifact', 'reports/x/', '--date', '2025-10-19'], { cwd: tmp.dir });

  test('a period where they write one (0.2 wrote "published; Artifacts:" whatever they did)', async () => {
    ledger(['[2025-10-18] Attempt #1 — Parity reached. Artifacts: `a.md`', '[2025-10-18] Attempt #2 — Profile (mean 35.92 s). Artifacts: `b.md`']);
    const r = await append();
    expect(r.code).toBe(0);
    expect(read('fix_plan.md')).toContain('  * [2025-10-19] Attempt #3 — Handoff brief published. Artifacts: `reports/x/`\n');
    // The same entry again is found, not appended twice.
    expect((await append()).code).toBe(0);
    expect(read('fix_plan.md').match(/Attempt #3/g)).toHaveLength(1);
  });

  test('a semicolon where they write one, and when no entry shows either', async () => {
    ledger(['[2025-10-18] Attempt #1 — Parity reached; Artifacts: `a.md`']);
    await append();
    expect(read('fix_plan.md')).toContain('Attempt #2 — Handoff brief published; Artifacts: `reports/x/`\n');
    ledger(['[2025-10-18] Attempt #1 — Parity reached.']);
    await append();
    expect(read('fix_plan.md')).toContain('Attempt #2 — Handoff brief published; Artifacts: `reports/x/`\n');
  });
});

describe('plan mark with a note that ends in a bracket', () => {
  const NOTE = 'Handoff brief published (2025-10-19T205832Z)';
  const plan = (guidance: string): void =>
    writeFileSync(join(tmp.dir, 'plan.md'), `# P\n\n| ID | Task | State | How/Why & Guidance |\n| --- | --- | --- | --- |\n| D1 | Author the brief | [ ] | ${guidance} |\n`);
  const mark = () => runCli(['plan', 'mark', 'plan.md', 'D1', '--note', NOTE], { cwd: tmp.dir });

  test('the note ends its sentence with a period before the guidance (0.2: "…Z) Write the brief."); a second run changes nothing', async () => {
    plan('Write the brief.');
    expect((await mark()).code).toBe(0);
    expect(read('plan.md')).toContain(`| D1 | Author the brief | [x] | ${NOTE}. Write the brief. |\n`);
    const again = await mark();
    expect(again.stdout).toContain('nothing to change');
    expect(read('plan.md')).toContain(`| ${NOTE}. Write the brief. |`);
  });

  test('a row noted the old way, without the period, counts as noted', async () => {
    plan(`${NOTE} Write the brief.`);
    writeFileSync(join(tmp.dir, 'plan.md'), read('plan.md').replace('[ ]', '[x]'));
    const before = read('plan.md');
    const r = await mark();
    expect(r.stdout).toContain('nothing to change');
    expect(read('plan.md')).toBe(before);
  });
});
