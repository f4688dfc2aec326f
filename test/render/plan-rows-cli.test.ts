// Through the built CLI: plan rows reach the brief from a table the fast reader declines (inside
// a blockquote), from task lists, and from a table that writes states in its own letters.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

test('plan rows from a table inside a blockquote reach the brief', async () => {
  const tmp = makeTempDir();
  try {
    writeFileSync(join(tmp.dir, 'plan.md'), '# Plan\n\n> | ID | State | Task |\n> | --- | --- | --- |\n> | Q1 | [P] | quoted row |\n');
    writeFileSync(
      join(tmp.dir, 'input.yaml'),
      'version: 1\nbrief: {id: quoted, title: Q, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}}\nrepo: .\nplans: [{file: plan.md, rows: [Q1]}]\n',
    );
    const r = await runCli(['render', 'input.yaml', '--stdout', '--now', '2025-10-19'], { cwd: tmp.dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\| Q1 \| \[P\] in progress \| quoted row \|/m);
  } finally {
    tmp.cleanup();
  }
});

test('rows of a task list and of a table with its own letters reach the brief, named by what they mean', async () => {
  const tmp = makeTempDir();
  try {
    const { copyFileSync } = await import('node:fs');
    const fixtures = join(ROOT, 'test/fixtures/plans');
    copyFileSync(join(fixtures, 'tasklist-plan.md'), join(tmp.dir, 'tasks.md'));
    copyFileSync(join(fixtures, 'legacy-checklist.md'), join(tmp.dir, 'legacy.md'));
    writeFileSync(
      join(tmp.dir, 'input.yaml'),
      [
        'version: 1',
        'brief: {id: formats, title: F, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}}',
        'repo: .',
        'plans:',
        '  - {file: tasks.md, rows: [B2, OPTICS-ALIGN-003.B3, Phase B gate, C2]}',
        '  - {file: legacy.md, rows: [0.A, 0.B, 1.A]}',
        '',
      ].join('\n'),
    );
    const r = await runCli(['render', 'input.yaml', '--stdout', '--now', '2025-10-19'], { cwd: tmp.dir });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(
      [
        '| B2 | [P] in progress | Compare with the January scan; a `\\|` in code is plain text in a task item. | Phase B — Alignment | task, line 16 |',
        '| OPTICS-ALIGN-003.B3 | [ ] open | Pass the scan to the modelling initiative. | Phase B — Alignment | task, line 17 |',
        '| Phase B gate | [✅] done | both scans archived. | Phase B — Alignment | task, line 20 |',
        '| C2 | [X] done | Run `python -m pytest tests/test_optics_report.py -k summary` before sending it. | Phase C — Write-up | task, line 24 |',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      [
        '| 0.A | [D] done | Collect the Phase 2 noise estimates | Section 0: Setup | table 1, line 8 |',
        '| 0.B | [P] in progress | Fix the simulation seeds | Section 0: Setup | table 1, line 9 |',
        '| 1.A | [ ] open | Simulate 3 noise levels per detector | Section 1: Simulations | table 1, line 11 |',
      ].join('\n'),
    );
  } finally {
    tmp.cleanup();
  }
});
