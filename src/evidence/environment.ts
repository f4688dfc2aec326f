// Provenance and the up-front environment check: which python and pytest will run the
// selectors, on what platform, and which commit of the repo they ran against.
import { EnvironmentError } from '../errors.js';
import { runToEnd } from './child-process.js';
import { probeArgs } from './driver.js';
import { decodeVersionsReport, ProtocolError } from './worker-protocol.js';

export interface PythonEnvironment {
  python: string;
  pytest: string;
  platform: string;
}

const HINT = 'or pick another interpreter with --python EXE';

export function pythonNotFound(python: string): EnvironmentError {
  return new EnvironmentError(`${python}: not found. Install Python 3 with pytest (e.g. apt-get install python3-pytest), ${HINT}.`);
}

/**
 * The last line a Python prints when it starts but cannot run pytest: an exception
 * ("ModuleNotFoundError: No module named 'pytest'", "PermissionError: …"), an errno message
 * ("can't open file …: [Errno 2] …"), or pytest's own usage error.
 */
const PYTHON_SAYS = /\b\w*(Error|Exception|Warning)\b|No module named|\[Errno \d+\]|pytest/;
/** What is said when the interpreter printed nothing: no telling what it is. */
const NO_OUTPUT = /^(exit \d+|killed by \w+)$/;

/**
 * `detail`: what the interpreter printed (its last line), e.g. "…: No module named pytest". A
 * program that is no Python at all (`--python /bin/ls`) is told apart by what it printed.
 */
export function pytestBroken(python: string, detail: string): EnvironmentError {
  if (!PYTHON_SAYS.test(detail) && !NO_OUTPUT.test(detail)) {
    return new EnvironmentError(`${python} does not look like a Python interpreter (it answered: ${detail}); pick a Python 3 with pytest with --python EXE.`);
  }
  return new EnvironmentError(`${python} -m pytest does not work (${detail}). Install pytest for it (${python} -m pip install pytest), ${HINT}.`);
}

/**
 * Checks once, before anything runs, that `EXE -m pytest` works, and reads the versions for
 * the manifest: one run of the driver's `probe` (a worker pool probes with its first worker
 * instead). Throws EnvironmentError (exit 3) saying what to install and that `--python EXE`
 * picks another interpreter.
 */
export async function checkPython(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<PythonEnvironment> {
  const probe = await runToEnd(python, probeArgs(), { cwd, env, timeoutMs: 60_000 });
  if (probe.startError !== undefined) throw pythonNotFound(python);
  if (probe.code !== 0) throw pytestBroken(python, lastLine(probe.stderr || probe.stdout) || `exit ${probe.code}`);
  return versionsOf(python, probe.stdout);
}

/**
 * The driver's versions report, the probe's last line of stdout. Something that runs and exits 0
 * is not yet a Python with pytest (`--python /bin/echo` does both): without the versions the
 * driver reports, it is exit 3 before anything runs.
 */
function versionsOf(python: string, stdout: string): PythonEnvironment {
  const notPytest = (): EnvironmentError =>
    new EnvironmentError(`${python} is not a Python interpreter with pytest (it did not report Python's and pytest's versions); pick another interpreter with --python EXE.`);
  let report;
  try {
    report = decodeVersionsReport(lastLine(stdout));
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    throw notPytest();
  }
  if (!/^\d+\.\d+/.test(report.python) || !/^\d/.test(report.pytest)) throw notPytest();
  return { python: report.python, pytest: report.pytest, platform: report.platform };
}

export function lastLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
}
