import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/commands.js';
import { fastParse } from '../../src/cli/fast-parse.js';
import { ROOT, runCli } from '../helpers/cli.js';

describe('fastParse (the parser for ordinary command lines)', () => {
  test('parses a render line with defaults filled in', () => {
    const parsed = fastParse(['render', 'in.yaml', '--now', '2025-10-19T00:00:00Z', '--check']);
    expect(parsed?.command.words).toEqual(['render']);
    expect(parsed?.args).toMatchObject({ input: 'in.yaml', now: '2025-10-19T00:00:00Z', check: true, stdout: false, out: 'out' });
  });

  test('parses numbers, arrays and variadic positionals', () => {
    expect(fastParse(['run', 'in.yaml', '--jobs', '3', '--only', 'a', '--only', 'b'])?.args).toMatchObject({ jobs: 3, only: ['a', 'b'] });
    expect(fastParse(['plan', 'mark', 'p.md', 'D1', 'D2', '--state', 'P'])?.args).toMatchObject({ plan: 'p.md', ids: ['D1', 'D2'], state: 'P' });
    expect(fastParse(['plan', 'mark', 'p.md', 'S3', '--line', '7'])?.args).toMatchObject({ ids: ['S3'], line: 7, state: 'done' });
    // --item is optional now: without it, a ledger-wide history section.
    expect(fastParse(['ledger', 'append', 'f.md', '--summary', 'x'])?.args).toMatchObject({ ledger: 'f.md', summary: 'x', artifact: [] });
    expect(fastParse(['init', '--from-plan', 'p.md', '--rows', 'D1', '--rows', 'D2'])?.args).toMatchObject({ 'from-plan': 'p.md', rows: ['D1', 'D2'], force: false });
  });

  test.each([
    [['render', 'in.yaml', '--bogus']],
    [['render']],
    [['render', 'a.yaml', 'b.yaml']],
    [['run', 'in.yaml', '--jobs', 'many']],
    [['ledger', 'append', 'f.md', '--item', 'A']],
    [['init']],
    [['plan', 'mark', 'p.md']],
    [['render', 'in.yaml', '--help']],
    [['nonsense']],
  ])('leaves %j to yargs (help or a usage error)', (argv) => {
    expect(fastParse(argv)).toBeUndefined();
  });
});

describe('the built CLI', () => {
  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  test('--help lists every visible command', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS.filter((c) => !c.hidden)) expect(r.stdout).toContain(`handoff ${c.words[0]}`);
    expect(r.stdout).not.toContain('schema');
  });

  test.each(COMMANDS.filter((c) => !c.hidden).map((c) => [c.words.join(' '), c] as const))(
    '`%s --help` shows its options with defaults and an example',
    async (_name, command) => {
      const r = await runCli([...command.words, '--help']);
      expect(r.code).toBe(0);
      for (const option of Object.keys(command.options)) expect(r.stdout).toContain(`--${option}`);
      expect(r.stdout).toContain('Examples:');
      // yargs wraps long examples: compare with white space folded.
      const fold = (text: string): string => text.replace(/\s+/g, ' ');
      expect(fold(r.stdout)).toContain(fold(`handoff ${command.example}`));
    },
  );

  test('usage errors exit 2 with one line and no stack trace', async () => {
    for (const argv of [['render', 'x.yaml', '--bogus'], ['rendr', 'x.yaml'], ['run', 'x.yaml', '--jobs', 'many'], []]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^handoff: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test('an unknown command gets a "did you mean"', async () => {
    const r = await runCli(['rendr', 'x.yaml']);
    expect(r.stderr).toContain('Did you mean render');
  });
});

describe('flags that are easy to get wrong', () => {
  const input = 'data/integrate-pytorch-001/phase_e3.yaml';

  test.each([
    [['render', input, '--out', 'a', '--out', 'b'], /--out was given more than once/],
    [['render', input, '--now', '2025-10-19', '--now', '2025-10-20', '--stdout'], /--now was given more than once/],
    [['render', input, '--stdout', '--template'], /Not enough arguments following: template/],
    [['render', input, '--stdout', '--evidence'], /Not enough arguments following: evidence/],
    [['render', input, '--stdout', '--check'], /--stdout and --check cannot be combined/],
    [['render', input, '--stdout', '--now', '2025-02-30'], /--now: "2025-02-30" is not an ISO date/],
  ])('%j is a usage error (exit 2), nothing written', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  test('a --now without a zone is UTC: the same brief under any TZ', async () => {
    const argv = ['render', input, '--stdout', '--now', '2025-10-19 23:30'];
    const tokyo = await runCli(argv, { env: { TZ: 'Asia/Tokyo' } });
    const newYork = await runCli(argv, { env: { TZ: 'America/New_York' } });
    expect(tokyo.code).toBe(0);
    expect(tokyo.stdout).toContain('2025-10-19T23:30:00Z');
    expect(newYork.stdout).toBe(tokyo.stdout);
  });
});
