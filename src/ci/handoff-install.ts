// How the generated workflow gets `handoff` on a clean runner, and how every command line that
// `ci github` writes calls it. Never a guessed registry name: either the repository pins
// handoff-brief in its own package.json and lockfile (the workflow runs `npm ci`), or the user
// names what to install (--package). Every call goes through `npx --no-install` or
// `npx --package=<spec>`, so it cannot fetch and run an unrelated registry package named
// `handoff`. Pure.
import { UsageError } from '../errors.js';
import type { RepoPackage } from './repo-package.js';

/** Where the --package install goes: a folder of its own, since npm cannot build a git dependency with --global (npm/cli#8440). */
export const PACKAGE_PREFIX = '$RUNNER_TEMP/handoff-cli';

export type HandoffInstall =
  /** The repository's package.json lists handoff-brief: `npm ci` at its root. */
  | { kind: 'lockfile' }
  /** --package SPEC: `npm install` of SPEC into PACKAGE_PREFIX. */
  | { kind: 'package'; spec: string };

/**
 * What the workflow installs: --package when given, else the repository's lockfile when its
 * package.json lists handoff-brief; anything else is a UsageError naming the two ways.
 */
export function chooseInstall(repo: RepoPackage, packageOption: string | undefined, example: string): HandoffInstall {
  if (packageOption !== undefined) return { kind: 'package', spec: checkPackageSpec(packageOption, example) };
  if (repo.listsHandoff && repo.lockfile) return { kind: 'lockfile' };
  if (repo.listsHandoff) {
    throw new UsageError(
      `${repo.packageJson} lists handoff-brief, but ${repo.root} has no package-lock.json or npm-shrinkwrap.json for the workflow's \`npm ci\`: commit the lockfile (npm install writes it), or pass --package SPEC`,
    );
  }
  const found = repo.hasPackageJson ? `${repo.packageJson} does not list handoff-brief` : `there is no package.json in ${repo.root}`;
  throw new UsageError(
    `the workflow must install handoff on a clean runner, and ${found}. Either add handoff-brief to the repository's package.json (npm install --save-dev SPEC) and commit its lockfile, so the workflow runs \`npm ci\`; or pass --package SPEC, a git URL or tarball URL such as ${example}`,
  );
}

function checkPackageSpec(spec: string, example: string): string {
  if (spec === '' || /\s/.test(spec) || spec.includes('${{')) {
    throw new UsageError(`--package takes one npm package spec, such as ${example} or a tarball URL, without spaces or "\${{"; got ${JSON.stringify(spec)}`);
  }
  return spec;
}

/** The words that start every handoff call in the workflow's run scripts (constant shell, no input text). */
export function workflowCall(install: HandoffInstall): string {
  return install.kind === 'lockfile' ? 'npx --no-install handoff' : `npx --no-install --prefix "${PACKAGE_PREFIX}" handoff`;
}

/**
 * The words that start a handoff command line shown to a person at the repository root: the
 * repository's own install when its package.json lists handoff-brief, else the package spec.
 */
export function personCall(repo: RepoPackage, install: HandoffInstall): string[] {
  if (repo.listsHandoff || install.kind === 'lockfile') return ['npx', '--no-install', 'handoff'];
  return ['npx', `--package=${install.spec}`, 'handoff'];
}
