// Provenance and the up-front environment check: which python and pytest will run the
// selectors, on what platform, and which commit of the repo they ran against.
// (node:child_process rather than execa: loading execa cost `run` more CPU than these calls.)
import { execFile } from 'node:child_process';
import { EnvironmentError } from '../errors.js';
import { probeArgs } from './driver.js';

interface Ran {
  /** null when the command could not be started (see `error`) or was ended by a signal. */
  code: number | null;
  /** Why it could not be started, e.g. ENOENT. */
  startError?: string;
  stdout: string;
  stderr: string;
}

/** Runs a short command to its end with no input; never rejects. */
export function runToEnd(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Ran> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, startError: typeof error?.code === 'string' ? error.code : undefined, stdout, stderr });
    });
    child.stdin?.end();
  });
}

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
  return requireVersions(python, readVersions(probe.stdout));
}

/**
 * Something that runs and exits 0 is not yet a Python with pytest (`--python /bin/echo` does
 * both): without the versions the driver reports, it is exit 3 before anything runs.
 */
export function requireVersions(python: string, versions: PythonEnvironment): PythonEnvironment {
  if (!/^\d+\.\d+/.test(versions.python) || !/^\d/.test(versions.pytest)) {
    throw new EnvironmentError(`${python} is not a Python interpreter with pytest (it did not report Python's and pytest's versions); pick another interpreter with --python EXE.`);
  }
  return versions;
}

/** The driver's versions report (a JSON object), with "unknown" for anything missing. */
export function readVersions(text: string | Record<string, unknown>): PythonEnvironment {
  let data: Record<string, unknown> = {};
  try {
    data = typeof text === 'string' ? (JSON.parse(text) as Record<string, unknown>) : text;
  } catch {
    // not JSON: every field unknown
  }
  const field = (key: string, fallback: string): string => (typeof data[key] === 'string' && data[key] !== '' ? (data[key] as string) : fallback);
  return { python: field('python', 'unknown'), pytest: field('pytest', 'unknown'), platform: field('platform', process.platform) };
}

export function lastLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
}
