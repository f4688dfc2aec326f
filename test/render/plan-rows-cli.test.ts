// Through the built CLI: a plan whose table the fast reader declines (inside a blockquote) still
// shows its rows in the brief, the reference parser being loaded on demand.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';

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
