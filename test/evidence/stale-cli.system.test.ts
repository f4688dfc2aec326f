// Stale evidence end to end: `handoff run` records a hash of each test file a selector names;
// after a test file changes, a render from that manifest marks the evidence stale and
// `render --check` reports the brief on disk as stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';

const NOW = '2025-10-19T20:58:32Z';

describe('stale evidence', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    tmp = makeTempDir();
    mkdirSync(join(tmp.dir, 'repo', 'tests'), { recursive: true });
    writeFileSync(join(tmp.dir, 'repo', 'tests', 'test_a.py'), 'def test_a():\n    assert True\n');
    writeFileSync(join(tmp.dir, 'repo', 'tests', 'test_b.py'), 'def test_b():\n    assert True\n');
    writeFileSync(
      join(tmp.dir, 'input.yaml'),
      [
        'version: 1',
        'brief: {id: stale_demo, title: Stale demo, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}, date: 2025-10-19}',
        'repo: repo',
        'selectors:',
        '  - {id: sel-a, run: pytest tests/test_a.py -q, purpose: A}',
        '  - {id: sel-b, run: pytest tests/test_b.py -q, purpose: B}',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => tmp.cleanup());

  test('a changed test file marks only its selector stale, and --check fails until re-rendered', async () => {
    const run = await runCli(['run', 'input.yaml', '--out', 'out', '--now', NOW, '--jobs', '2', '--quiet'], { cwd: tmp.dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(tmp.dir, 'out', 'stale_demo.evidence.json'), 'utf8')) as {
      selectors: Array<{ id: string; files: Record<string, string | null> }>;
    };
    expect(manifest.selectors.map((s) => Object.keys(s.files))).toEqual([['tests/test_a.py'], ['tests/test_b.py']]);

    const renderArgs = ['render', 'input.yaml', '--out', 'out', '--now', NOW, '--evidence', 'out/stale_demo.evidence.json'];
    expect((await runCli([...renderArgs, '--check'], { cwd: tmp.dir })).code).toBe(0);
    expect(readFileSync(join(tmp.dir, 'out', 'stale_demo.md'), 'utf8')).not.toContain('**stale**');

    writeFileSync(join(tmp.dir, 'repo', 'tests', 'test_a.py'), 'def test_a():\n    assert 1 + 1 == 2\n');
    const check = await runCli([...renderArgs, '--check'], { cwd: tmp.dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^\+\| sel-a \|.*\*\*stale\*\*: `tests\/test_a\.py` changed since the run/m);

    expect((await runCli(renderArgs, { cwd: tmp.dir })).code).toBe(0);
    const brief = readFileSync(join(tmp.dir, 'out', 'stale_demo.md'), 'utf8');
    expect(brief).toMatch(/^\| sel-a \|.*\*\*stale\*\*/m);
    expect(brief).not.toMatch(/^\| sel-b \|.*\*\*stale\*\*/m);
    expect((await runCli([...renderArgs, '--check'], { cwd: tmp.dir })).code).toBe(0);
  });
});
