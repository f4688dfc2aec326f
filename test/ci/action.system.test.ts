// action.yml, the composite action: its metadata (actionlint lints workflows, not action
// metadata, so the structure is checked here), a workflow that uses it (linted), and its run
// step executed under bash the way the runner would, with the real CLI of this repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeTempDir, ROOT } from '../helpers/cli.js';
import { expressionsIn, lintWorkflow, stubCommands, substitute } from './workflow-helpers.js';

interface ActionStep {
  name?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const runStep = action.runs.steps.find((s) => s.name === 'handoff run')!;

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-action-');
});
afterEach(() => tmp.cleanup());

describe('action.yml', () => {
  test('a composite action: setup-node, install handoff from the action folder, handoff run', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.name).toBeTruthy();
    expect(action.description).toBeTruthy();
    expect(action.runs.steps.map((s) => s.uses ?? s.name)).toEqual(['actions/setup-node@v7', 'Install handoff', 'handoff run']);
    expect(action.runs.steps[1]!.run).toBe('npm ci --prefix "$GITHUB_ACTION_PATH" --no-audit --no-fund');
    // handoff is this checkout's bin, run by path: no npx, so no package named `handoff` can be fetched.
    expect(runStep.run).toContain('\nnode "$GITHUB_ACTION_PATH/bin/handoff.js" "${args[@]}" "${extra[@]}"\n');
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\bnpx\b/);
    // A composite action's run steps must name their shell.
    for (const step of action.runs.steps.filter((s) => s.run)) expect(step.shell).toBe('bash');
  });

  test('inputs input (required), shard, summary, out, python, args, node-version; each reaches a step through env or with', () => {
    expect(Object.keys(action.inputs)).toEqual(['input', 'shard', 'summary', 'out', 'python', 'args', 'node-version']);
    expect(action.inputs.input!.required).toBe(true);
    for (const [name, spec] of Object.entries(action.inputs)) {
      expect(spec.description).toBeTruthy();
      if (name !== 'input') expect(spec.default).toBeDefined();
    }
    const used = action.runs.steps.flatMap((s) => [...Object.values(s.env ?? {}), ...Object.values(s.with ?? {})].flatMap((v) => expressionsIn(String(v))));
    expect(used.sort()).toEqual(Object.keys(action.inputs).map((n) => `inputs.${n}`).sort());
  });

  test('no expression inside a run: script (inputs are passed through env, never pasted)', () => {
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
  });

  test('a workflow that uses it passes actionlint, and gives only inputs the action declares', async () => {
    const workflow = [
      'name: Hand-over evidence',
      'on: [pull_request, workflow_dispatch]',
      'jobs:',
      '  evidence:',
      '    runs-on: ubuntu-latest',
      '    strategy:',
      '      matrix:',
      '        shard: [1, 2]',
      '    steps:',
      '      - uses: actions/checkout@v7',
      '      - uses: ./',
      '        with:',
      '          input: data/integrate-pytorch-001/phase_e3.yaml',
      '          shard: ${{ matrix.shard }}/2',
      '          summary: ${{ runner.temp }}/summary.md',
      '          args: --jobs 2',
      '',
    ].join('\n');
    expect(await lintWorkflow(workflow)).toEqual([]);
    const given = (parse(workflow) as { jobs: { evidence: { steps: ActionStep[] } } }).jobs.evidence.steps[1]!.with!;
    for (const key of Object.keys(given)) expect(Object.keys(action.inputs)).toContain(key);
    // And the example in docs/ci.md, too.
    const page = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
    const example = /## The GitHub Action[\s\S]*?```yaml\n([\s\S]*?)```/.exec(page)![1]!;
    expect(await lintWorkflow(example)).toEqual([]);
    const step = (parse(example) as { jobs: Record<string, { steps: ActionStep[] }> }).jobs.evidence!.steps.find((s) => s.uses?.includes('handoff-brief'))!;
    for (const key of Object.keys(step.with!)) expect(Object.keys(action.inputs)).toContain(key);
  });
});

/** Run the `handoff run` step under bash as the runner would: its env from the inputs given (defaults for the rest). */
function runActionStep(inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) {
  const values = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [`inputs.${name}`, inputs[name] ?? spec.default ?? '']));
  const stepEnv = Object.fromEntries(Object.entries(runStep.env!).map(([k, v]) => [k, substitute(v, values)]));
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', runStep.run!], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', GITHUB_ACTION_PATH: ROOT, ...stepEnv, ...env },
    encoding: 'utf8',
  });
}

/** An action folder whose bin/handoff.js records its argv, one JSON array per line, in `argv`. */
function recordingActionPath(): { dir: string; argv: () => string[][] } {
  const dir = join(tmp.dir, 'action');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const file = join(dir, 'argv');
  writeFileSync(join(dir, 'bin', 'handoff.js'), `require('node:fs').appendFileSync(${JSON.stringify(file)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
  return { dir, argv: () => readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as string[]) };
}

describe('the run step, executed', () => {
  test('with the real CLI of this checkout, and no npx: --dry-run of one selector of the Phase E3 example', () => {
    // An npx first on PATH that records any call: the step must not use it.
    const bin = stubCommands(tmp.dir, ['npx']);
    const r = runActionStep({ input: 'data/integrate-pytorch-001/phase_e3.yaml', out: join(tmp.dir, 'out'), args: '--dry-run --only backend-selection' }, { PATH: `${bin}:${process.env.PATH}` });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('backend-selection: python3 -m pytest tests/torch/test_backend_selection.py -vv');
    expect(existsSync(join(bin, 'npx.argv'))).toBe(false);
  });

  test('shard, summary and args become arguments; nothing in them is evaluated (the bin records its argv)', () => {
    const action = recordingActionPath();
    const marker = join(tmp.dir, 'PWNED');
    const r = runActionStep(
      { input: `in $(touch ${marker}).yaml`, shard: '1/2', summary: `$(touch ${marker})`, out: 'out dir', python: '`touch PWNED`', args: `--only a;touch ${marker} $HOME` },
      { GITHUB_ACTION_PATH: action.dir },
    );
    expect(r.status).toBe(0);
    expect(action.argv()).toEqual([
      ['run', `in $(touch ${marker}).yaml`, '--out', 'out dir', '--python', '`touch PWNED`', '--shard', '1/2', '--summary', `$(touch ${marker})`, '--only', `a;touch`, marker, '$HOME'],
    ]);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(ROOT, 'PWNED'))).toBe(false);
  });

  test('without shard and summary, neither flag is passed (run writes $GITHUB_STEP_SUMMARY by default)', () => {
    const action = recordingActionPath();
    expect(runActionStep({ input: 'x.yaml' }, { GITHUB_ACTION_PATH: action.dir }).status).toBe(0);
    expect(action.argv()).toEqual([['run', 'x.yaml', '--out', 'out', '--python', 'python3']]);
  });
});
