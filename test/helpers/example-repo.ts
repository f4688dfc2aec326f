// The bundled example as a repository of its own: `data/integrate-pytorch-001/` and
// `examples/ptychopinn-mini/` copied into `<dir>/handoff-brief/`, a git repository with one commit
// and an `origin` on a hosting service. The brief names the repository by origin's owner/name,
// so the expected brief cannot depend on where, or under what name, this project was cloned.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const EXAMPLE_ORIGIN = 'git@github.com:example/handoff-brief.git';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Example',
  GIT_AUTHOR_EMAIL: 'example@example.org',
  GIT_COMMITTER_NAME: 'Example',
  GIT_COMMITTER_EMAIL: 'example@example.org',
  GIT_AUTHOR_DATE: '2025-10-19T20:00:00Z',
  GIT_COMMITTER_DATE: '2025-10-19T20:00:00Z',
};

export interface ExampleRepo {
  /** The repository's top folder. */
  root: string;
  /** The Phase E3 input inside it. */
  input: string;
  git(...args: string[]): string;
}

export function makeExampleRepo(dir: string): ExampleRepo {
  const root = join(dir, 'handoff-brief');
  cpSync(join(ROOT, 'data', 'integrate-pytorch-001'), join(root, 'data', 'integrate-pytorch-001'), { recursive: true });
  cpSync(join(ROOT, 'examples', 'ptychopinn-mini'), join(root, 'examples', 'ptychopinn-mini'), { recursive: true });
  rmSync(join(root, 'examples', 'ptychopinn-mini', '.pytest_cache'), { recursive: true, force: true });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('remote', 'add', 'origin', EXAMPLE_ORIGIN);
  git('add', '-A');
  git('commit', '-q', '-m', 'the bundled example');
  return { root, input: join(root, 'data', 'integrate-pytorch-001', 'phase_e3.yaml'), git };
}
