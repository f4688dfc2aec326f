import { parse } from 'shell-quote';
import { parseSelectorCommand } from '../../src/input/selector-command.js';

function ok(run: string) {
  const parsed = parseSelectorCommand(run);
  if (!parsed.ok) throw new Error(`${run}: ${parsed.problems.join('; ')}`);
  return parsed.command;
}

function problems(run: string): string[] {
  const parsed = parseSelectorCommand(run);
  if (parsed.ok) throw new Error(`${run} was accepted`);
  return parsed.problems;
}

describe('selector command lines', () => {
  test('pytest and python -m pytest are split into pytest arguments', () => {
    expect(ok('pytest tests/torch/test_backend_selection.py -vv')).toEqual({
      pytestArgs: ['tests/torch/test_backend_selection.py', '-vv'],
      files: ['tests/torch/test_backend_selection.py'],
      collectOnly: false,
    });
    // A collection check (docs/input-format.md) is a selector too.
    expect(ok('pytest --collect-only tests/torch/ -q')).toMatchObject({ files: ['tests/torch/'], collectOnly: true });
    expect(ok('pytest --co tests').collectOnly).toBe(true);
    expect(ok('python3 -m pytest tests/a.py').pytestArgs).toEqual(['tests/a.py']);
    expect(ok('python -m pytest').pytestArgs).toEqual([]);
    expect(ok('python3.11 -m pytest tests').files).toEqual(['tests']);
  });

  test('node ids lose their ::suffix, option values are not files, repeats are dropped', () => {
    const c = ok(
      "pytest tests/a.py::TestX::test_y[1-2] tests/a.py::TestX::test_z -k 'parity and not slow' -m torch --deselect tests/b.py::t " +
        '--ignore=tests/c --tb short -kfoo -p no:cacheprovider -o addopts= -W error --maxfail 1 --rootdir . tests/d',
    );
    expect(c.files).toEqual(['tests/a.py', 'tests/d']);
    expect(c.pytestArgs).toContain('parity and not slow');
  });

  test('words after -- are all paths', () => {
    expect(ok('pytest -- -weird-name.py tests').files).toEqual(['-weird-name.py', 'tests']);
  });

  test('quoted * and ? reach pytest as typed', () => {
    expect(ok("pytest tests -k 'test_*'").pytestArgs).toEqual(['tests', '-k', 'test_*']);
  });

  test.each([
    ['pytest tests | tee log', 'a pipe (|)'],
    ['pytest tests; echo', '`;`'],
    ['pytest tests && echo', '`&&`'],
    ['pytest tests || echo', '`||`'],
    ['pytest tests > log', 'a redirect (>)'],
    ['pytest tests 2>&1', 'a redirect (>&)'],
    ['pytest tests < in', 'a redirect (<)'],
    ['pytest tests &', 'a background `&`'],
    ['pytest $(cat list)', '`$(…)` is command substitution'],
    ['pytest `cat list`', 'backticks'],
    ['pytest $TESTS', '`$` expansion'],
    ['pytest ${TESTS}', '`$` expansion'],
    ['pytest tests/test_*.py', 'shell glob'],
    ['pytest tests/test_?.py', 'shell glob'],
    ['pytest tests # all', 'shell comment'],
    ['pytest tests --junitxml=out.xml', '"--junitxml" is not allowed'],
    ['pytest tests --junit-xml out.xml', '"--junit-xml" is not allowed'],
    ['pytest tests --pdb', '"--pdb" is not allowed'],
    ['bash -c pytest', 'must start with `pytest` or `python -m pytest`, not "bash"'],
    ['python tests/a.py', '"python" must be followed by "-m pytest"'],
    ['python -m unittest', '"python" must be followed by "-m pytest"'],
    ['FOO=1 pytest', '"FOO=1" sets an environment variable'],
    ['py.test tests', 'write `pytest`'],
    ['', 'the command is empty'],
  ])('%p is refused', (run, message) => {
    expect(problems(run).join('\n')).toContain(message);
  });

  test('a command with several problems reports each once', () => {
    expect(problems('pytest $(ls) | tee x')).toEqual([
      '`$(…)` is command substitution; write the value itself',
      'a pipe (|) is not allowed: a selector is one pytest command, run without a shell',
    ]);
  });

  test('lines split without the shell parser give the words the shell parser gives', () => {
    const lines = [
      'pytest tests/torch/test_backend_selection.py::test_pytorch[cpu-1] -vv',
      'pytest tests/a.py -k fast -m torch --maxfail=1 -p no:cacheprovider -W error::DeprecationWarning',
      '  python3.11 -m pytest\ttests/a.py,tests/b.py  --tb=short -o addopts= --cov=pkg@1+2%  ',
      'pytest tests/a.py -k "fast and not slow"',
      "pytest tests -k 'test_*'",
      'pytest tests/a.py\\b.py',
      'pytest tests/~user/a.py',
      'pytest -k "a\\"b" "c\\\\d" \'e\\f\'',
      'pytest x"y z"\'w\' "" -k "not slow"',
      'pytest "a\\\\" b "c"',
    ];
    for (const line of lines) {
      const words = parse(line, (name) => `$${name}`).filter((w): w is string => typeof w === 'string');
      expect([line, ok(line).pytestArgs]).toEqual([line, words.slice(words[0] === 'pytest' ? 1 : 3)]);
    }
  });

  test('lines of plain words and simple quotes, read without the shell parser, mean what the shell parser reads', () => {
    // A fixed pseudo-random sample of lines: plain characters, blanks, quotes, and now and then a
    // character only the shell parser reads (a glob, an operator, an escape, a comment).
    let seed = 17;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    const alphabet = ['a', 'b', 'x', '1', '-', '.', '/', ':', '=', ',', '@', '+', '%', '_', ' ', ' ', '\t', '"', '"', "'", "'"];
    const rare = ['*', '?', '|', ';', '&', '(', ')', '<', '>', '#', '\\', '\\', '$', '`', '~', '!', '{', '[', '\n'];
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      let line = 'pytest ';
      for (let k = next(24); k > 0; k--) line += next(15) === 0 ? rare[next(rare.length)] : alphabet[next(alphabet.length)];
      let entries: ReturnType<typeof parse>;
      try {
        entries = parse(line, (name) => `$${name}`);
      } catch {
        continue;
      }
      const parsed = parseSelectorCommand(line);
      // `$` and backticks are refused wherever they are (nothing is run by a shell).
      if (entries.every((e) => typeof e === 'string') && !/[$`]/.test(line)) {
        expect([line, parsed.ok && parsed.command.pytestArgs]).toEqual([line, (entries as string[]).slice(1)]);
        checked++;
      } else {
        expect([line, parsed.ok]).toEqual([line, false]);
      }
    }
    expect(checked).toBeGreaterThan(800);
  });

  test('each caller gets its own lists', () => {
    const first = ok('pytest tests/a.py -vv');
    first.pytestArgs.push('--changed');
    first.files.push('changed.py');
    expect(ok('pytest tests/a.py -vv')).toEqual({ pytestArgs: ['tests/a.py', '-vv'], files: ['tests/a.py'], collectOnly: false });
  });
});
