// The parity table: every command line below has exactly one documented meaning, decided by
// yargs as src/cli/parse.ts configures it (the same parse gives --help its text). The first rows
// are the lines 0.1.0 read two ways depending on which of its two parsers took them.
import { parseCommandLine, type ParsedLine } from '../../src/cli/parse.js';
import { UsageError } from '../../src/errors.js';

const input = 'data/integrate-pytorch-001/phase_e3.yaml';

function argsOf(argv: string[]): Record<string, unknown> {
  const parsed = parseCommandLine(argv);
  if (parsed.kind !== 'command') throw new Error(`expected a command, got ${parsed.kind}`);
  return parsed.args;
}

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
}

describe('command lines that mean one thing', () => {
  test.each<[string[], Record<string, unknown>]>([
    // 0.1.0: `--only: no selector "undefined"` on the yargs path.
    [['run', input, '--dry-run', '--no-quiet'], { input, dryRun: true, quiet: false }],
    [['run', input, '--quiet', '--quiet'], { input, quiet: true }],
    [['run', input, '--quiet', '--no-quiet'], { quiet: false }],
    [['run', input, '--no-quiet', '--quiet'], { quiet: true }],
    // 0.1.0: yargs's greedy array ate the input path.
    [['run', '--only', 'a', input, '--no-quiet'], { input, only: ['a'], quiet: false }],
    [['run', input, '--only', 'a,b'], { only: ['a', 'b'] }],
    [['run', input, '--only', 'a', '--only', 'b,c'], { only: ['a', 'b', 'c'] }],
    [['render', '--', input], { input }],
    [['render', '--', '--odd-name.yaml'], { input: '--odd-name.yaml' }],
    [['render', input, '--out=x'], { out: 'x' }],
    [['render', input, '--out', 'x'], { out: 'x' }],
    [['render', '--out', 'x', input], { input, out: 'x' }],
    [['render', input], { check: false, stdout: false }],
    [['run', input, '--jobs', '3', '--retries=0', '--timeout', '1h30m'], { jobs: 3, retries: 0, timeout: 5400 }],
    [['run', input, '--timeout=90'], { timeout: 90 }],
    [['validate', input, '--collect', '--jobs=2'], { collect: true, jobs: 2 }],
    [['plan', 'mark', 'p.md', 'D1', 'D2', '--state', 'P'], { plan: 'p.md', ids: ['D1', 'D2'], state: 'P' }],
    [['plan', 'mark', 'p.md', '--', '-D1'], { ids: ['-D1'] }],
    [['ledger', 'append', 'f.md', '--item', 'X', '--summary', 'done', '--artifact', 'a,b.md'], { artifacts: ['a,b.md'] }],
    [['watch', input, '--debounce', '0'], { debounceMs: 0 }],
    [['plan', 'mark', 'p.md', 'S3', '--line', '7'], { ids: ['S3'], line: 7, state: 'done' }],
    // --item is optional: without it, a ledger-wide history section.
    [['ledger', 'append', 'f.md', '--summary', 'x'], { ledger: 'f.md', summary: 'x', artifacts: [] }],
    [['init', '--from-plan', 'p.md', '--rows', 'D1', '--rows', 'D2'], { fromPlan: 'p.md', rows: ['D1', 'D2'], force: false }],
    // `--rows ID…` (docs/commands.md): the words after --rows, up to the next option, are rows too.
    [['init', '--from-plan', 'p.md', '--rows', 'D1', 'D2', 'D3', '--out', 'h.yaml'], { fromPlan: 'p.md', rows: ['D1', 'D2', 'D3'], out: 'h.yaml' }],
    [['init', '--rows', 'D1,D2', 'D3', '--from-plan', 'p.md'], { fromPlan: 'p.md', rows: ['D1', 'D2', 'D3'] }],
    [['render', input, '--debug'], { debug: true }],
  ])('%j', (argv, expected) => {
    expect(argsOf(argv)).toMatchObject(expected);
  });

  test('without --out the line names no folder: the command puts out/ at the top of the input\'s repository', () => {
    expect('out' in argsOf(['render', input])).toBe(false);
  });

  test('the command is found by its words', () => {
    const parsed = parseCommandLine(['plan', 'status', 'p.md']) as Extract<ParsedLine, { kind: 'command' }>;
    expect(parsed.command.words).toEqual(['plan', 'status']);
  });
});

describe('help and version', () => {
  test.each<[string[], string[]]>([
    [['--help'], []],
    [['-h'], []],
    [['render', '-h'], ['render']],
    [['render', input, '--out', 'x', '--help'], ['render']],
    [['run', '--bogus', '--help'], ['run']],
    [['plan', '--help'], ['plan']],
    [['plan', 'mark', '-h'], ['plan', 'mark']],
  ])('%j asks for help on %j', (argv, words) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.kind).toBe('help');
    // The help of that command (or group): its usage line first.
    const first = parsed.kind === 'help' ? parsed.text.split('\n')[0] : '';
    expect(first).toEqual(words.length === 0 ? 'handoff <command> [options]' : words.length === 1 && words[0] === 'plan' ? 'handoff plan <command> [options]' : expect.stringMatching(new RegExp(`^handoff ${words.join(' ')} <`)));
  });

  test('after --, -h is a positional, not a request for help', () => {
    expect(argsOf(['render', '--', '-h'])).toMatchObject({ input: '-h' });
  });

  test('--version anywhere before -- prints the version', () => {
    expect(parseCommandLine(['--version'], '1.2.3')).toEqual({ kind: 'version', text: '1.2.3\n' });
    expect(parseCommandLine(['render', 'x.yaml', '--version'], '1.2.3')).toEqual({ kind: 'version', text: '1.2.3\n' });
  });
});

describe('usage errors (exit 2), each with one message', () => {
  test.each<[string[], RegExp]>([
    [['run', input, '--dry-run=true'], /--dry-run takes no value; write --dry-run, or --no-dry-run/],
    [['run', input, '--jobs=0'], /--jobs: expected a whole number of at least 1, got "0"/],
    [['validate', input, '--collect', '--jobs=0'], /--jobs: expected a whole number of at least 1, got "0"/],
    [['validate', input, '--collect', '--jobs=-3'], /--jobs: expected a whole number of at least 1, got "-3"/],
    [['validate', input, '--collect', '--jobs=2.5'], /--jobs: expected a whole number of at least 1, got "2.5"/],
    [['run', input, '--jobs', '-3'], /--jobs needs a value \(for a value that starts with -, write --jobs=VALUE\)/],
    [['run', input, '--jobs', 'many'], /--jobs: expected a whole number of at least 1, got "many"/],
    [['run', input, '--retries=-1'], /--retries: expected a whole number of at least 0/],
    [['run', input, '--timeout', 'soon'], /--timeout: "soon" is not a duration/],
    [['run', input, '--timeout', '0s'], /--timeout: "0s" is not a duration/],
    [['render', input, '--bogus'], /unknown option --bogus for `handoff render`; its options: /],
    [['render', input, '--ot', 'x'], /unknown option --ot for `handoff render`; did you mean --out\?/],
    [['render', input, '--no-out'], /unknown option --no-out/],
    [['render', input, '-x'], /unknown option -x/],
    [['render', input, '--out', 'a', '--out', 'b'], /--out was given more than once \("a", "b"\); give it once/],
    [['render', input, '--template'], /--template needs a value/],
    [['render'], /missing <input>; usage: handoff render <input> \[options\]/],
    [['render', 'a.yaml', 'b.yaml'], /unexpected argument "b.yaml"/],
    [['plan', 'mark', 'p.md'], /missing <ids>/],
    [['run', input, '--only', 'a,,b'], /--only: an empty value/],
    [['ledger', 'append', 'f.md', '--item', 'A'], /--summary is required/],
    [['init'], /--from-plan is required/],
    [['plan', 'mark', 'p.md', 'S3', '--line', '0'], /--line: expected a whole number of at least 1, got "0"/],
    [['rendr', 'x.yaml'], /unknown command "rendr"; did you mean "render"\?/],
    [['plan', 'stat', 'p.md'], /unknown plan command "stat"; did you mean "status"\?/],
    [['plan'], /name a plan command: status or mark/],
    [[], /name a command: render, run/],
  ])('%j', (argv, message) => {
    expect(usageError(argv)).toMatch(message);
  });
});
