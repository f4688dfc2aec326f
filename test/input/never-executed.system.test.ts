// A selector's command line is parsed, never run by a shell: substitutions in it are refused
// with exit 2 by every command, and nothing in them ever executes.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';

describe('shell syntax in a selector is never executed', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  test.each([
    ['$(…)', 'pytest tests/test_a.py $(touch MARKER)'],
    ['backticks', 'pytest tests/test_a.py `touch MARKER`'],
    [';', 'pytest tests/test_a.py; touch MARKER'],
    ['&&', 'pytest tests/test_a.py && touch MARKER'],
    ['a pipe', 'pytest tests/test_a.py | touch MARKER'],
  ])('%s: validate, render and run exit 2 and MARKER is never created', async (_name, run) => {
    writeFileSync(
      join(tmp.dir, 'input.yaml'),
      [
        'version: 1',
        'brief: {id: shell, title: Shell, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}}',
        'repo: .',
        'selectors:',
        `  - {id: sel, purpose: P, run: ${JSON.stringify(run)}}`,
        '',
      ].join('\n'),
    );
    for (const command of [['validate'], ['render', '--out', 'out'], ['run', '--out', 'out', '--quiet']]) {
      const r = await runCli([command[0]!, 'input.yaml', ...command.slice(1)], { cwd: tmp.dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^input\.yaml:5:\d+: selectors\[0\]\.run: /);
    }
    expect(existsSync(join(tmp.dir, 'MARKER'))).toBe(false);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  });
});
