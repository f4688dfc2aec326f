// ci.setup is for the CI runner alone: handoff itself never runs it, whichever command runs
// (`run` here with real pytest, hence the system lane).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { inputText, PINNED_REPO } from './workflow-helpers.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-ci-setup-');
  for (const [name, text] of Object.entries(PINNED_REPO)) write(name, text);
});
afterEach(() => tmp.cleanup());

function write(name: string, text: string): void {
  mkdirSync(join(tmp.dir, name, '..'), { recursive: true });
  writeFileSync(join(tmp.dir, name), text);
}

test('handoff itself never runs ci.setup: validate, render, run and ci github leave no trace of it', async () => {
  const marker = join(tmp.dir, 'SETUP-RAN');
  write('proj/tests/test_ok.py', 'def test_ok():\n    assert True\n');
  write(
    'input.yaml',
    inputText(
      'repo: proj',
      'selectors:',
      '  - {id: pass, run: pytest tests/test_ok.py -p no:cacheprovider, purpose: Passes}',
      'ci:',
      `  setup: [${JSON.stringify(`touch ${marker}`)}]`,
    ),
  );
  for (const args of [['validate', 'input.yaml'], ['render', 'input.yaml', '--out', 'out'], ['run', 'input.yaml', '--out', 'out', '--quiet'], ['ci', 'github', 'input.yaml']]) {
    expect((await runCli(args, { cwd: tmp.dir })).code).toBe(0);
  }
  expect(readFileSync(join(tmp.dir, 'out', 'ci_test.evidence.json'), 'utf8')).toContain('"outcome": "passed"');
  expect(readFileSync(join(tmp.dir, '.github', 'workflows', 'handoff-ci_test.yml'), 'utf8')).toContain(`touch ${marker}`);
  expect(existsSync(marker)).toBe(false);
});
