// Provenance and the up-front environment check: which python and pytest will run the
// selectors, on what platform, and which commit of the repo they ran against.
import { execa } from 'execa';
import { EnvironmentError } from '../errors.js';
import { probeArgs } from './driver.js';

export interface PythonEnvironment {
  python: string;
  pytest: string;
  platform: string;
}

const HINT = 'or pick another interpreter with --python EXE';

export function pythonNotFound(python: string): EnvironmentError {
  return new EnvironmentError(`${python}: not found. Install Python 3 with pytest (e.g. apt-get install python3-pytest), ${HINT}.`);
}

/** `detail`: what the interpreter printed (its last line), e.g. "…: No module named pytest". */
export function pytestBroken(python: string, detail: string): EnvironmentError {
  return new EnvironmentError(`${python} -m pytest does not work (${detail}). Install pytest for it (${python} -m pip install pytest), ${HINT}.`);
}

/**
 * Checks once, before anything runs, that `EXE -m pytest` works, and reads the versions for
 * the manifest: one run of the driver's `probe` (a worker pool probes with its first worker
 * instead). Throws EnvironmentError (exit 3) saying what to install and that `--python EXE`
 * picks another interpreter.
 */
export async function checkPython(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<PythonEnvironment> {
  const probe = await execa(python, probeArgs(), { cwd, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
  if (probe.failed && probe.exitCode === undefined) throw pythonNotFound(python);
  if (probe.exitCode !== 0) throw pytestBroken(python, lastLine(String(probe.stderr || probe.stdout)) || `exit ${probe.exitCode}`);
  return readVersions(String(probe.stdout));
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

export interface RepoState {
  commit: string | null;
  dirty: boolean | null;
}

/** HEAD and whether the repo folder has uncommitted changes; nulls outside a git repository. */
export async function readRepoState(repoDir: string): Promise<RepoState> {
  const opts = { cwd: repoDir, reject: false, stdin: 'ignore', timeout: 30_000 } as const;
  const head = await execa('git', ['rev-parse', '--verify', 'HEAD'], opts);
  if (head.exitCode !== 0) return { commit: null, dirty: null };
  // Only the repo folder counts: a brief about examples/x should not be dirty because of src/.
  const status = await execa('git', ['status', '--porcelain', '--', '.'], opts);
  return { commit: String(head.stdout).trim(), dirty: status.exitCode === 0 ? String(status.stdout).trim() !== '' : null };
}
