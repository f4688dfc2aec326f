import { COMMANDS } from '../../src/cli/command-table.js';
import { flagOf } from '../../src/cli/options.js';
import { parseCommandLine } from '../../src/cli/parse.js';
import { runCli } from '../helpers/cli.js';

const helpOf = (words: string[], version = '0.0.0', columns?: number): string => {
  const parsed = parseCommandLine([...words, '--help'], version, columns);
  if (parsed.kind !== 'help') throw new Error(`expected help for ${words.join(' ')}`);
  return parsed.text;
};

describe('the CLI, through its one entry', () => {
  test('--help lists every command, schema included, and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`handoff ${c.words[0]}`);
    expect(r.stdout).toContain('handoff schema');
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*\b2 +bad input or usage[\s\S]*\b3 +environment[\s\S]*130 +interrupted/);
  });

  // Each command's help in-process (the text the CLI prints); one through the built CLI below.
  test.each(COMMANDS.map((c) => [c.words.join(' '), c] as const))(
    '`%s --help` shows its options with defaults and its examples, none of them paths of this repository',
    async (_name, command) => {
      const text = helpOf(command.words, '0.0.0', 100);
      for (const [key, def] of Object.entries(command.options as Record<string, { flag?: string }>)) expect(text).toContain(`--${flagOf(key, def)}`);
      expect(text).toContain('Examples:');
      // yargs wraps long examples: compare with white space folded.
      const fold = (t: string): string => t.replace(/\s+/g, ' ');
      for (const example of command.examples ?? []) expect(fold(text)).toContain(fold(`handoff ${example}`));
      expect(text).not.toMatch(/data\/integrate-pytorch-001|examples\/ptychopinn-mini/);
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
    expect(r.stderr).toContain('did you mean "render"?');
  });

  test('a line 0.1.0 read two ways now runs: --dry-run --no-quiet', async () => {
    const r = await runCli(['run', 'data/integrate-pytorch-001/phase_e3.yaml', '--dry-run', '--no-quiet', '--only', 'stitching,checkpoint']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stitching: python3 -m pytest /m);
    expect(r.stdout).toMatch(/^checkpoint: python3 -m pytest /m);
  });

  test('validate --collect --jobs=0 is a usage error, as for run', async () => {
    for (const command of ['validate', 'run']) {
      const r = await runCli([command, 'data/integrate-pytorch-001/phase_e3.yaml', '--collect', '--jobs=0'].filter((a) => command === 'validate' || a !== '--collect'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--jobs: expected a whole number of at least 1, got "0"');
    }
  });
});

describe('flags that are easy to get wrong', () => {
  const input = 'data/integrate-pytorch-001/phase_e3.yaml';

  test.each([
    [['render', input, '--out', 'a', '--out', 'b'], /--out was given more than once/],
    [['render', input, '--now', '2025-10-19', '--now', '2025-10-20', '--stdout'], /--now was given more than once/],
    [['render', input, '--stdout', '--template'], /--template needs a value/],
    [['render', input, '--stdout', '--evidence'], /--evidence needs a value/],
    [['render', input, '--stdout', '--check'], /--stdout and --check cannot be combined/],
    [['render', input, '--stdout', '--now', '2025-02-30'], /--now: "2025-02-30" is not an ISO date/],
  ])('%j is a usage error (exit 2), nothing written', async (argv, message) => {
    const r = await runCli(argv as string[]);
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

});
