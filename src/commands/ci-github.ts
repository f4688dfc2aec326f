// `handoff ci github <input>`: write the GitHub Actions workflow that runs the input's selectors
// on the triggers its follow-ups name (docs/ci.md), print it (--output -), or compare it with the
// file on disk (--check). The repository the workflow is for is the git top of the input file
// (the current folder when the input is in no repository): paths in the workflow are relative to
// it, the default output goes under it, and its package.json says how the workflow installs
// handoff. So the result is the same from any folder; only paths typed on the command line
// resolve against the current folder.
import { basename, relative, resolve } from 'node:path';
import { buildGithubWorkflow } from '../ci/github-workflow.js';
import { checkCiInput } from '../ci/check-ci-input.js';
import { chooseInstall, personCall } from '../ci/handoff-install.js';
import { planTriggers, type TriggerPlan } from '../ci/plan-triggers.js';
import { readRepoPackage } from '../ci/repo-package.js';
import { formatHeaderCommand, shardTimeoutMinutes } from '../ci/workflow-parts.js';
import { InputError, UsageError } from '../errors.js';
import { loadInput } from '../input/load-input.js';
import type { HandoffInput } from '../input/model.js';
import { readIfExists, writeFileAtomic } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { findGitTop } from '../io/git-top.js';
import { TOOL_VERSION } from '../version.js';
import { toPosix } from '../io/posix-path.js';

export interface CiGithubOptions {
  input: string;
  /** Most shards a run uses; default 1 (one job, no merge). */
  shards?: number;
  /** The workflow file (relative to cwd); `-` prints it; default `<repository root>/.github/workflows/handoff-<brief.id>.yml`. */
  output?: string;
  check: boolean;
  /** What the workflow installs with npm to get handoff; needed unless the repository's package.json lists handoff-brief. */
  package?: string;
  /** `--site`: a job that builds the hand-over site after the run and uploads it as an artifact. */
  site?: boolean;
  /** `--pages`: the site is also deployed to GitHub Pages (implies --site). */
  pages?: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface CiGithubResult {
  text: string;
  /** Absolute path written or compared; absent with --output -. */
  path?: string;
  /** With --check: whether the file on disk differs. */
  stale?: boolean;
}


export async function runCiGithub(options: CiGithubOptions): Promise<CiGithubResult> {
  const shards = options.shards ?? 1;
  const toStdout = options.output === '-';
  if (toStdout && options.check) throw new UsageError('--check compares with a workflow file: name it with --output FILE, or leave --output out for the default');
  const loaded = await loadInput({ file: options.input, cwd: options.cwd });
  const { data } = loaded;
  const root = (await findGitTop(loaded.absPath)) ?? resolve(options.cwd);
  const defaultOutput = `.github/workflows/handoff-${data.brief.id}.yml`;
  const outputPath = toStdout ? undefined : options.output === undefined ? resolve(root, defaultOutput) : resolve(options.cwd, options.output);

  const inputPath = toPosix(relative(root, loaded.absPath));
  if (inputPath.startsWith('../') || inputPath.includes('${{') || /[\r\n]/.test(inputPath)) {
    throw new UsageError(
      inputPath.startsWith('../')
        ? `the input ${options.input} is outside the repository the workflow is for (${root}); the workflow checks that repository out and reads the input there`
        : inputPath.includes('${{')
          ? `the input path ${inputPath} holds "\${{", which GitHub Actions would evaluate in the workflow; rename the file`
          : `the input path ${JSON.stringify(inputPath)} holds a line break, which the workflow's header comment cannot hold; rename the file`,
    );
  }
  // Without repo:, handoff runs the selectors in the current folder: in CI, the checkout's root.
  const repoPrefix = data.repo === undefined ? '' : toPosix(relative(root, loaded.repoDir));
  if (repoPrefix === '..' || repoPrefix.startsWith('../')) {
    throw new UsageError(
      `the input's repo (${loaded.repoDir}) is outside the repository the workflow is for (${root}); the workflow runs the selectors in its checkout: put the input in the repository under test, with repo: relative to it`,
    );
  }
  const problems = checkCiInput(loaded, repoPrefix);
  if (problems.length > 0) throw new InputError(problems);
  if (data.selectors.length === 0) throw new UsageError(`${options.input} has no selectors: a workflow would have nothing to run`);

  const repoPackage = await readRepoPackage(root);
  const install = chooseInstall(repoPackage, options.package, `github:<owner>/handoff-brief#v${TOOL_VERSION}`);
  const plan = planTriggers(data, repoPrefix);
  // The command line is run at the repository root, so its paths are relative to it.
  const regenerate = [...personCall(repoPackage, install), 'ci', 'github', inputPath];
  if (shards > 1) regenerate.push('--shards', String(shards));
  const outputRel = outputPath ? toPosix(relative(root, outputPath)) : defaultOutput;
  if (outputRel !== defaultOutput) regenerate.push('--output', outputRel);
  if (install.kind === 'package') regenerate.push('--package', install.spec);
  const pages = options.pages === true;
  const site = pages || options.site === true ? { pages } : undefined;
  if (site) regenerate.push(pages ? '--pages' : '--site');
  const text = buildGithubWorkflow({ input: data, plan, inputPath, shards, regenerate: formatHeaderCommand(regenerate), version: TOOL_VERSION, install, site });

  // Said once the workflow is out, so an error that stops it is the last line printed.
  const sayNotes = () => {
    for (const note of notes(options.input, loaded.data, plan, shards)) options.console.err(`note: ${note}\n`);
    if (pages) options.console.err("note: --pages: in the repository's Settings → Pages, set Source to GitHub Actions; the deploy job publishes the site on every run but a pull request's\n");
  };
  if (!outputPath) {
    options.console.out(text);
    sayNotes();
    return { text };
  }
  const display = relative(options.cwd, outputPath) || basename(outputPath);
  if (options.check) {
    const current = await readIfExists(outputPath);
    sayNotes();
    if (current === text) {
      options.console.err(`${display} is up to date\n`);
      return { text, path: outputPath, stale: false };
    }
    const { formatDiff } = await import('../io/show-diff.js');
    options.console.out(formatDiff(display, current ?? '', text, { oldHeader: current === null ? '(missing)' : '(on disk)', newHeader: '(would be written)' }));
    options.console.err(`${display} is ${current === null ? 'missing' : 'stale'}; run \`handoff ci github\` without --check to update it\n`);
    return { text, path: outputPath, stale: true };
  }
  await writeFileAtomic(outputPath, text, { displayName: display });
  sayNotes();
  options.console.err(`wrote ${display}\n`);
  return { text, path: outputPath };
}

function notes(file: string, data: HandoffInput, plan: TriggerPlan, shards: number): string[] {
  const notes: string[] = [];
  if (data.followups.length === 0) notes.push(`${file} has no follow-ups: the workflow runs only when started by hand (workflow_dispatch), with every selector`);
  for (const f of plan.withoutSelectors) notes.push(`followups[${f.index}] (${f.id}) names no selectors: it gets no trigger`);
  if (!data.ci?.setup?.length) notes.push('no ci.setup: the workflow installs nothing before pytest runs; list the install lines your tests need there (e.g. pip install -r requirements.txt)');
  if (!data.ci?.python) notes.push('no ci.python: pytest runs on the runner\'s own python3; set ci.python (e.g. "3.11") to pin a version');
  if (shardTimeoutMinutes(data) === undefined) notes.push('a selector has no timeout (selector timeout or ci.timeout): the jobs get GitHub\'s 6-hour limit');
  if (shards > data.selectors.length) notes.push(`--shards ${shards} is more than the ${data.selectors.length} selectors: a run uses at most one shard per selector`);
  return notes;
}
