// The loop users run after every handoff step: mark plan rows, re-render, and the brief's
// plan status shows the new states (and `render --check` notices the brief went stale).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const NOW = '2025-10-19T20:58:32Z';
let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = makeTempDir('handoff-brief-rows-');
  mkdirSync(join(tmp.dir, 'repo', 'plans'), { recursive: true });
  copyFileSync(join(ROOT, 'test/fixtures/plans/phase_e3_docs_plan.md'), join(tmp.dir, 'repo/plans/phase_e3_docs_plan.md'));
  writeFileSync(
    join(tmp.dir, 'in.yaml'),
    [
      'version: 1',
      'brief: {id: plan_rows, title: Plan rows, initiative: INTEGRATE-PYTORCH-001, phase: E3, recipient: {initiative: TEST-PYTORCH-001, phase: D3}}',
      'repo: repo',
      'plans:',
      '  - {file: plans/phase_e3_docs_plan.md, rows: [D1, D2, D3]}',
      '',
    ].join('\n'),
  );
});
afterEach(() => tmp.cleanup());

test('after plan mark, a re-render shows the new states; the old brief is reported stale', async () => {
  const cwd = tmp.dir;
  expect((await runCli(['render', 'in.yaml', '--out', 'out', '--now', NOW], { cwd })).code).toBe(0);
  const brief = join(cwd, 'out', 'plan_rows.md');
  expect(readFileSync(brief, 'utf8')).toMatch(/^\| D1 \| \[ \] open \| Author handoff brief \|/m);

  const mark = await runCli(['plan', 'mark', 'repo/plans/phase_e3_docs_plan.md', 'D1', 'D3'], { cwd });
  expect(mark.code).toBe(0);
  const mark2 = await runCli(['plan', 'mark', 'repo/plans/phase_e3_docs_plan.md', 'D2', '--state', 'P'], { cwd });
  expect(mark2.code).toBe(0);

  const check = await runCli(['render', 'in.yaml', '--out', 'out', '--now', NOW, '--check'], { cwd });
  expect(check.code).toBe(1);
  expect(check.stdout + check.stderr).toContain('+| D1 | [x] done | Author handoff brief |');

  expect((await runCli(['render', 'in.yaml', '--out', 'out', '--now', NOW], { cwd })).code).toBe(0);
  const text = readFileSync(brief, 'utf8');
  expect(text).toMatch(/^\| D1 \| \[x\] done \| Author handoff brief \|/m);
  expect(text).toMatch(/^\| D2 \| \[P\] in progress \| Update plan & ledger references \|/m);
  expect(text).toMatch(/^\| D3 \| \[x\] done \| Define follow-up checks \|/m);
});
