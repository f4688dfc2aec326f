// Optional Python packages: a test that needs one asks for it through `testNeeding`, which checks
// once per test file whether the interpreter the tests use has it. When it is missing, the test
// is skipped (optional.ts), and its name and a warning say which package is missing and the line
// that installs it. .ci/run installs every package listed here, so CI runs every test.
import { execFileSync } from 'node:child_process';
import { unlessMissing } from './optional.js';
import { PYTHON } from './python.js';

/** Each optional package (as pip names it) and the module that shows it is installed. */
export const OPTIONAL_PYTHON_PACKAGES = {
  'pytest-xdist': 'xdist',
} as const;

export type OptionalPythonPackage = keyof typeof OPTIONAL_PYTHON_PACKAGES;

function installLine(pkg: OptionalPythonPackage): string {
  return `python3 -m pip install ${pkg} (.ci/run installs it)`;
}

/** Why a test needing `pkg` is skipped, or undefined when the interpreter has it. */
export function missingPythonPackage(pkg: OptionalPythonPackage, python = PYTHON): string | undefined {
  try {
    execFileSync(python, ['-c', `import ${OPTIONAL_PYTHON_PACKAGES[pkg]}`], { stdio: 'ignore' });
    return undefined;
  } catch {
    return `needs ${pkg} for python3: ${installLine(pkg)}`;
  }
}

const checked = new Map<OptionalPythonPackage, string | undefined>();

type TestFn = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

/** `test` when python3 has `pkg`; otherwise a `test` that registers each test as skipped, with the reason in its name. */
export function testNeeding(pkg: OptionalPythonPackage): TestFn {
  if (!checked.has(pkg)) {
    const reason = missingPythonPackage(pkg);
    checked.set(pkg, reason);
    if (reason) console.warn(`${pkg} is missing for python3 (${PYTHON}): this file's tests that need it are skipped. ${installLine(pkg)}`);
  }
  return unlessMissing<TestFn>(test, test.skip, checked.get(pkg));
}
