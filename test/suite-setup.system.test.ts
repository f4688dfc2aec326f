// What the test suite itself needs from the machine: python3 with pytest, checked once by jest's
// global setup before any test file runs (a missing one is one line, not hundreds of failures),
// and the optional Python packages, which some tests check for and CI installs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, makeTempDir } from './helpers/cli.js';
import { PYTHON } from './helpers/python.js';
import { OPTIONAL_PYTHON_PACKAGES, missingPythonPackage, type OptionalPythonPackage } from './helpers/python-packages.js';

const tmp = makeTempDir('handoff-suite-setup-');
afterAll(() => tmp.cleanup());

/** Runs jest's global setup in a node of its own with `path` as PATH: what it threw (jest prints the stack), or the PATH it left. */
function globalSetup(path: string): { error: string; path: string } {
  const script = `
    const { default: setup } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'test/global-setup.js')).href)});
    try { setup(); process.stdout.write(process.env.PATH); } catch (error) { process.stderr.write(error.stack); }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { HOME: process.env.HOME, PATH: path }, encoding: 'utf8' });
  return { error: r.stderr, path: r.stdout };
}

/** A folder holding an executable `python3` with `text` as its content. */
function python3Script(name: string, text: string): string {
  const dir = join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'python3'), text, { mode: 0o755 });
  return dir;
}

describe('jest\'s global setup', () => {
  let venv: string;
  beforeAll(() => {
    // A virtualenv of the tests' own interpreter with nothing installed: python3 without pytest.
    venv = join(tmp.dir, 'venv-without-pytest');
    execFileSync(PYTHON, ['-m', 'venv', '--without-pip', venv]);
  });

  test('with no python3 on PATH, stops the run with one line that says what to install', () => {
    expect(globalSetup(join(tmp.dir, 'nothing-here'))).toEqual({
      error: 'The tests need python3 with pytest, and there is no python3 on PATH: install Python 3 and pytest (e.g. apt-get install python3-pytest).',
      path: '',
    });
  });

  test('with a python3 that has no pytest, stops the run with one line that names it and the install line', () => {
    expect(globalSetup(join(venv, 'bin'))).toEqual({
      error: `The tests need pytest for python3 (${join(venv, 'bin', 'python3')}): python3 -m pip install pytest (or, for Debian's own python3, apt-get install python3-pytest).`,
      path: '',
    });
  });

  test('with a python3 that does not run, stops the run with one line that quotes it', () => {
    const dir = python3Script('broken', '#!/bin/sh\necho "python3: no such version is installed" >&2\nexit 127\n');
    expect(globalSetup(dir)).toEqual({
      error: 'The tests need python3 with pytest, and python3 on PATH does not run (python3: no such version is installed): install Python 3 and pytest (e.g. apt-get install python3-pytest).',
      path: '',
    });
  });

  test('with python3 and pytest, lets the run go on; behind a launcher script, the interpreter goes first on PATH', () => {
    expect(globalSetup(dirname(PYTHON))).toEqual({ error: '', path: dirname(PYTHON) });
    const launcher = python3Script('launcher', `#!/bin/sh\nexec '${PYTHON}' "$@"\n`);
    expect(globalSetup(launcher)).toEqual({ error: '', path: `${dirname(PYTHON)}:${launcher}` });
  });

  test('a python3 without an optional package: the reason a test is skipped names the package and its install line', () => {
    expect(missingPythonPackage('pytest-xdist', join(venv, 'bin', 'python3'))).toBe('needs pytest-xdist for python3: python3 -m pip install pytest-xdist (.ci/run installs it)');
  });
});

test('.ci/run installs every optional Python package that a test checks for, so CI runs every test', () => {
  const ciRun = readFileSync(join(ROOT, '.ci/run'), 'utf8');
  const packages = Object.keys(OPTIONAL_PYTHON_PACKAGES) as OptionalPythonPackage[];
  expect(packages.length).toBeGreaterThan(0);
  for (const pkg of packages) {
    expect({ pkg, installed: new RegExp(`pip install (--\\S+ )*${pkg}\\b`).test(ciRun) }).toEqual({ pkg, installed: true });
    expect({ pkg, checked: new RegExp(`python3 -c "import ${OPTIONAL_PYTHON_PACKAGES[pkg]}\\b`).test(ciRun) }).toEqual({ pkg, checked: true });
  }
});
