// Provenance and the up-front environment check: which python and pytest will run the
// selectors, on what platform, and which commit of the repo they ran against.
import { execa } from 'execa';
import { EnvironmentError } from '../errors.js';

export interface PythonEnvironment {
  python: string;
  pytest: string;
  platform: string;
}

const PLATFORM_SCRIPT = 'import platform, sysconfig; print(platform.python_version()); print(sysconfig.get_platform())';

/**
 * Checks once, before anything runs, that `EXE -m pytest` works. Throws EnvironmentError
 * (exit 3) saying what to install and that `--python EXE` picks another interpreter.
 */
export async function checkPython(python: string, cwd: string, env: NodeJS.ProcessEnv): Promise<PythonEnvironment> {
  const opts = { cwd, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 } as const;
  const [pytest, info] = await Promise.all([execa(python, ['-m', 'pytest', '--version'], opts), execa(python, ['-c', PLATFORM_SCRIPT], opts)]);
  const hint = 'or pick another interpreter with --python EXE';
  if (info.failed && info.exitCode === undefined) {
    throw new EnvironmentError(`${python}: not found. Install Python 3 with pytest (e.g. apt-get install python3-pytest), ${hint}.`);
  }
  if (pytest.exitCode !== 0) {
    throw new EnvironmentError(
      `${python} -m pytest does not work (${lastLine(String(pytest.stderr || pytest.stdout)) || `exit ${pytest.exitCode}`}). ` +
        `Install pytest for it (${python} -m pip install pytest), ${hint}.`,
    );
  }
  const version = /^pytest\s+(\d\S*)/m.exec(`${String(pytest.stdout)}\n${String(pytest.stderr)}`)?.[1];
  const [pyVersion, platform] = String(info.stdout).trim().split('\n');
  // Something that runs and exits 0 is not yet a Python with pytest (`--python /bin/ls` does both).
  if (version === undefined || info.exitCode !== 0 || !/^\d+\.\d+/.test(pyVersion ?? '')) {
    throw new EnvironmentError(`${python} is not a Python interpreter with pytest (\`${python} -m pytest --version\` did not print pytest's version); ${hint.replace(/^or /, '')}.`);
  }
  return { python: pyVersion!.trim(), pytest: version, platform: platform?.trim() || process.platform };
}

function lastLine(text: string): string {
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
