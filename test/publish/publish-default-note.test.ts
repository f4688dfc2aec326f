// The note `publish` writes on a `publish.mark` row that has no `note` of its own: "Handoff brief
// published (<stamp>)", ending its sentence before the row's guidance; a table without a
// guidance column is marked without it. And the ledger entry cites the hand-over folder and the
// brief, with the punctuation of the entries beside it. A scratch git copy of the example repo.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { makeScratch, writeEvidence } from './scratch.js';

const STAMP_DIR = 'plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-publish-note-');
});
afterEach(() => tmp.cleanup());

test('rows without a note get "Handoff brief published (<stamp>)"; a table with no guidance column is marked without it', async () => {
  const s = makeScratch(tmp.dir, (t) =>
    t.replace(
      '    - {file: plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_docs_plan.md, rows: [D1, D2, D3], state: done}\n',
      '    - {file: plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z/phase_e3_docs_plan.md, rows: [D1], state: done}\n    - {file: plans/bare.md, rows: [X1]}\n',
    ),
  );
  writeFileSync(join(s.repo, 'plans', 'bare.md'), '# Bare\n\n| ID | State |\n| --- | --- |\n| X1 | [ ] |\n');
  await writeEvidence(s);
  const r = await runCli(['publish', 'handoff.yaml', '--no-run', '--now', '2025-10-20T09:00:00Z'], { cwd: s.dir });
  expect(r.stderr).toContain(`published ${STAMP_DIR}/`);
  expect(r.code).toBe(0);
  const read = (rel: string): string => readFileSync(join(s.repo, rel), 'utf8');
  expect(read(`${STAMP_DIR}/phase_e3_docs_plan.md`)).toContain(
    '| D1 | Author handoff brief | [x] | Handoff brief published (2025-10-19T205832Z). Write `phase_e3_handoff.md`: backend flag defaults, pytest selectors, CI guidance, ownership matrix. |\n',
  );
  expect(read('plans/bare.md')).toBe('# Bare\n\n| ID | State |\n| --- | --- |\n| X1 | [x] |\n');
  // The entry: the folder and the brief, after "published." as the entries beside it write it.
  expect(read('docs/fix_plan.md')).toContain(
    `  * [2025-10-19] Attempt #42 — Phase E3.D handoff brief published. Artifacts: \`${STAMP_DIR}/\` (brief \`${STAMP_DIR}/phase_e3_handoff.md\`)\n`,
  );
});
