// The selection step of a generated workflow, run for real: its script under bash, in a real git
// repository with a file:// origin, for each event GitHub would start it with. Only the clock is
// faked (a `date` stub first on PATH), to land on and off an every-2-weeks due day.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../helpers/cli.js';
import { generate, inputText, runStep, stepNamed, type Workflow } from './workflow-helpers.js';

const INPUT = inputText(
  'selectors:',
  '  - {id: unit, run: pytest tests/test_unit.py, purpose: Unit}',
  '  - {id: parity, run: pytest tests/test_parity.py, purpose: Parity}',
  '  - {id: slow, run: pytest tests/test_slow.py, purpose: Slow}',
  '  - {id: runtime, run: pytest tests/test_runtime.py, purpose: Runtime}',
  'followups:',
  '  - {id: pr, check: Unit on every PR, selectors: [unit], cadence: per-pr}',
  '  - {id: model, check: Parity after model edits, selectors: [parity], cadence: on-change, paths: [src/model.py, src/nn/]}',
  '  - {id: nightly, check: Slow suite, selectors: [slow, parity], cadence: nightly}',
  '  - {id: fortnight, check: Runtime review, selectors: [runtime], cadence: every 2 weeks, next: 2025-10-31}',
);

let tmp: ReturnType<typeof makeTempDir>;
let workflow: Workflow;
let work: string;
let stubs: string;

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1', HOME: '' };

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: cwd } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function commit(files: Record<string, string>, message: string): string {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(work, name, '..'), { recursive: true });
    writeFileSync(join(work, name), text);
  }
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', message);
  return git(work, 'rev-parse', 'HEAD');
}

/** Run the pick step as GitHub would for this event; the outputs it wrote, and its log. */
function pick(event: string, values: { schedule?: string; followup?: string; before?: string; day?: string; stderr?: RegExp } = {}) {
  const output = join(tmp.dir, `output-${Math.random().toString(36).slice(2)}`);
  writeFileSync(output, '');
  const job = workflow.jobs.select!;
  const epoch = values.day ? String(Date.parse(`${values.day}T03:17:00Z`) / 1000) : '';
  const r = runStep(workflow, job, stepNamed(job, 'pick'), {
    cwd: work,
    context: {
      'github.event_name': event,
      'github.event.schedule': values.schedule ?? '',
      'inputs.followup': values.followup ?? '',
      'github.event.before': values.before ?? '',
    },
    env: { GITHUB_OUTPUT: output, PATH: `${stubs}:${process.env.PATH}`, FAKE_EPOCH: epoch, ...GIT_ENV, HOME: work },
  });
  if (values.stderr) expect(r.stderr).toMatch(values.stderr);
  else expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const outputs = Object.fromEntries(readFileSync(output, 'utf8').trimEnd().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { outputs, log: r.stdout };
}

beforeAll(async () => {
  tmp = makeTempDir('handoff-ci-select-');
  ({ workflow } = await generate(join(tmp.dir, 'gen'), INPUT, { shards: 2 }));
  stubs = join(tmp.dir, 'stubs');
  mkdirSync(stubs);
  writeFileSync(join(stubs, 'date'), '#!/bin/sh\n# The clock, fixed by the test: only `date -u +%s` is asked.\necho "$FAKE_EPOCH"\n', { mode: 0o755 });
  const origin = join(tmp.dir, 'origin.git');
  git(tmp.dir, 'init', '-q', '--bare', '-b', 'main', origin);
  git(tmp.dir, 'clone', '-q', `file://${origin}`, 'work');
  work = join(tmp.dir, 'work');
  commit({ 'src/model.py': 'a = 1\n', 'src/nn/layer.py': 'b = 1\n', 'docs/x.md': '# x\n' }, 'base');
  git(work, 'push', '-q', 'origin', 'HEAD:main');
});
afterAll(() => tmp.cleanup());

describe('pull_request: the per-pr selectors, and the on-change ones when their paths changed', () => {
  /** A pull request's merge commit, as actions/checkout gives it: parent 1 the base, parent 2 the head. */
  function pullRequest(files: Record<string, string>): void {
    const base = git(work, 'rev-parse', 'HEAD');
    git(work, 'checkout', '-q', '-b', `pr-${Math.random().toString(36).slice(2)}`);
    commit(files, 'change');
    const head = git(work, 'rev-parse', 'HEAD');
    git(work, 'checkout', '-q', '--detach', base);
    git(work, 'merge', '-q', '--no-ff', '-m', 'merge', head);
  }
  afterEach(() => git(work, 'checkout', '-q', '--detach', 'origin/main'));

  test('a docs-only pull request runs the per-pr selector alone', () => {
    pullRequest({ 'docs/x.md': '# y\n' });
    const { outputs, log } = pick('pull_request');
    expect(outputs).toEqual({ selectors: 'unit', count: '1', shards: '1', matrix: '[1]' });
    expect(log).toBe('pull_request: 1 of 4 selectors: unit\n');
  });

  test('a file deep under src/nn/ counts as a change to src/nn/', () => {
    pullRequest({ 'src/nn/deep/new_layer.py': 'c = 1\n' });
    expect(pick('pull_request').outputs).toEqual({ selectors: 'unit parity', count: '2', shards: '2', matrix: '[1,2]' });
  });
});

describe('push: the on-change selectors when their paths changed since the commit before', () => {
  test('a push changing src/model.py', () => {
    git(work, 'checkout', '-q', '--detach', 'origin/main');
    const before = git(work, 'rev-parse', 'HEAD');
    commit({ 'src/model.py': 'a = 2\n' }, 'model');
    expect(pick('push', { before }).outputs).toEqual({ selectors: 'parity', count: '1', shards: '1', matrix: '[1]' });
  });

  test('a push that changes none of the paths runs nothing, with a notice', () => {
    git(work, 'checkout', '-q', '--detach', 'origin/main');
    const before = git(work, 'rev-parse', 'HEAD');
    commit({ 'docs/x.md': '# z\n' }, 'docs');
    const { outputs, log } = pick('push', { before });
    expect(outputs).toEqual({ selectors: '', count: '0', shards: '0', matrix: '[]' });
    expect(log).toContain('::notice title=handoff::No follow-up runs on this push event; nothing to run');
  });

  test('a new branch (before is all zeros) has nothing to compare with: every on-change follow-up runs', () => {
    git(work, 'checkout', '-q', '--detach', 'origin/main');
    commit({ 'docs/x.md': '# w\n' }, 'docs');
    const { outputs, log } = pick('push', { before: '0'.repeat(40) });
    expect(outputs.selectors).toBe('parity');
    expect(log).toContain('No commit before this push to compare with: every on-change follow-up runs');
  });

  test('a commit the origin does not have (a force push) counts as changed too', () => {
    git(work, 'checkout', '-q', '--detach', 'origin/main');
    // git says why on stderr; the step goes on and runs more, never less.
    expect(pick('push', { before: 'f'.repeat(40), stderr: /not our ref f{40}/ }).outputs.selectors).toBe('parity');
  });
});

describe('schedule: the follow-ups of the cron that fired', () => {
  test('the daily cron runs the nightly follow-up, in input order', () => {
    expect(pick('schedule', { schedule: '17 3 * * *' }).outputs).toEqual({ selectors: 'parity slow', count: '2', shards: '2', matrix: '[1,2]' });
  });

  test('every 2 weeks from 2025-10-31 (a Friday): a Friday cron, guarded to every other Friday', () => {
    const friday = (day: string) => pick('schedule', { schedule: '17 3 * * 5', day }).outputs.selectors;
    expect(friday('2025-10-31')).toBe('runtime');
    expect(friday('2025-11-07')).toBe('');
    expect(friday('2025-11-14')).toBe('runtime');
    expect(friday('2026-11-27')).toBe('runtime'); // 56 weeks later
    expect(friday('2025-10-24')).toBe(''); // before the anchor, off by one week
  });
});

describe('workflow_dispatch: the follow-up picked by hand', () => {
  test('all (the default) runs every selector; a follow-up id runs its selectors', () => {
    expect(pick('workflow_dispatch', { followup: 'all' }).outputs.selectors).toBe('unit parity slow runtime');
    expect(pick('workflow_dispatch', { followup: 'nightly' }).outputs.selectors).toBe('parity slow');
    expect(pick('workflow_dispatch', { followup: 'model' }).outputs).toEqual({ selectors: 'parity', count: '1', shards: '1', matrix: '[1]' });
  });
});
