// Script injection: input text that would reach the workflow holding `${{ … }}` is refused with
// its position (exit 2, nothing written), and no input text is ever evaluated by a shell in a
// `run:` step except ci.setup's lines, which are shell by definition. The second part runs every
// `run:` step of a generated workflow under bash, with stub `npx` and `npm` commands that
// record their argv (the real ones would install from the network).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { expressionsIn, generate, inputText, runStep, stepNamed, stubCommands } from './workflow-helpers.js';

const TITLE = '${{ github.event.pull_request.title }}';
const SELECTOR = '  - {id: unit, run: pytest tests/test_unit.py, purpose: Unit}';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-ci-injection-');
});
afterEach(() => tmp.cleanup());

async function ciGithub(input: string): Promise<Awaited<ReturnType<typeof runCli>>> {
  writeFileSync(join(tmp.dir, 'in.yaml'), input);
  const r = await runCli(['ci', 'github', 'in.yaml'], { cwd: tmp.dir });
  expect(existsSync(join(tmp.dir, '.github'))).toBe(false);
  return r;
}

describe('"${{" in text that reaches the workflow is refused with its position, exit 2, nothing written', () => {
  const brief = (title: string) => `brief: {id: inj, title: ${JSON.stringify(title)}, initiative: A, phase: E3, recipient: {initiative: B, phase: D3}}`;
  const lines = (...rest: string[]) => ['version: 1', brief('Injection'), ...rest, ''].join('\n');
  test.each([
    ['ci.setup', lines('selectors:', SELECTOR, 'ci:', `  setup: ["pip install -r ${TITLE}.txt"]`), '6:11: ci.setup[0]: ', 'read the value from an environment variable ($NAME) set in ci.environment instead'],
    ['ci.environment value', lines('selectors:', SELECTOR, 'ci:', `  environment: [{name: X, value: "${TITLE}"}]`), '6:34: ci.environment[0].value: ', 'write the value itself'],
    ['brief.title', ['version: 1', brief(`Brief ${TITLE}`), 'selectors:', SELECTOR, ''].join('\n'), '2:25: brief.title: ', 'remove it from the title'],
    ['a follow-up path', lines('selectors:', SELECTOR, 'followups:', `  - {id: f, check: C, selectors: [unit], cadence: on-change, paths: ["src/${TITLE}.py"]}`), '6:70: followups[0].paths[0]: ', 'write the path itself'],
    ['a follow-up id', lines('selectors:', SELECTOR, 'followups:', `  - {id: "f${TITLE}", check: C, selectors: [unit], cadence: nightly}`), '6:10: followups[0].id: ', 'use letters, digits and -'],
  ])('in %s', async (_where, input, position, advice) => {
    const r = await ciGithub(input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const [line, ...more] = r.stderr.split('\n');
    expect(more).toEqual(['']);
    expect(line!.startsWith(`in.yaml:${position}"`)).toBe(true);
    expect(line).toContain(TITLE);
    expect(line!.endsWith(`" holds "\${{", which GitHub Actions would evaluate as an expression in the workflow (script injection); ${advice}`)).toBe(true);
  });

  test('in a selector id or run, or ci.python: the input checks every command makes refuse it first', async () => {
    const python = await ciGithub(lines('selectors:', SELECTOR, 'ci:', `  python: "${TITLE}"`));
    expect(python.code).toBe(2);
    expect(python.stderr).toMatch(/^in\.yaml:6:11: ci\.python: expected a Python version such as "3\.11"/);
    const id = await ciGithub(lines('selectors:', `  - {id: "u${TITLE}", run: pytest tests/a.py, purpose: P}`));
    expect(id.code).toBe(2);
    expect(id.stderr).toMatch(/^in\.yaml:4:10: selectors\[0\]\.id: use only lower-case letters/);
    const run = await ciGithub(lines('selectors:', `  - {id: u, run: "pytest tests/a.py -k '${TITLE}'", purpose: P}`));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^in\.yaml:4:18: selectors\[0\]\.run: `\$` expansion is not supported/);
  });

  test('every problem at once, in file order', async () => {
    const r = await ciGithub(
      ['version: 1', brief(`B ${TITLE}`), 'selectors:', SELECTOR, 'ci:', `  setup: ["${TITLE}", "pip install ${TITLE}"]`, ''].join('\n'),
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').map((l) => l.split(': ')[0] + ': ' + l.split(': ')[1])).toEqual([
      'in.yaml:2:25: brief.title',
      'in.yaml:6:11: ci.setup[0]',
      'in.yaml:6:53: ci.setup[1]',
    ]);
  });

  test('text that does not reach the workflow may hold it: the workflow has no trace of it', async () => {
    const { text } = await generate(
      tmp.dir,
      inputText(`purpose: "Explains ${TITLE}"`, 'selectors:', `  - {id: unit, run: pytest tests/test_unit.py, purpose: "P ${TITLE}"}`, 'followups:', `  - {id: f, check: "C ${TITLE}", selectors: [unit], cadence: per-pr}`),
    );
    expect(text).not.toContain('.title');
    expect(text).not.toContain('Explains');
  });
});

describe('follow-up paths a path filter would misread, and missing paths', () => {
  test.each([
    ['on-change without paths', '  - {id: f, check: C, selectors: [unit], cadence: on-change}', 'in.yaml:6:5: followups[0].paths: an on-change follow-up needs paths'],
    ['a leading !', '  - {id: f, check: C, selectors: [unit], cadence: on-change, paths: ["!src/x.py"]}', 'in.yaml:6:70: followups[0].paths[0]: "!src/x.py": a GitHub path filter reads a leading ! as "except"'],
    ['outside the repository', '  - {id: f, check: C, selectors: [unit], cadence: on-change, paths: [../other/x.py]}', 'in.yaml:6:70: followups[0].paths[0]: "../other/x.py" is outside the repository'],
  ])('%s: exit 2 with the position, nothing written', async (_name, followup, message) => {
    const r = await ciGithub(inputText('selectors:', SELECTOR, 'followups:', followup));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

describe('no input text is evaluated by a shell in a run: step, except ci.setup', () => {
  const NASTY_FILE = "in $(touch PWNED-file) 'q'.yaml";
  const input = inputText(
    'selectors:',
    '  - {id: unit, run: pytest tests/test_unit.py, purpose: Unit}',
    '  - {id: parity, run: pytest tests/test_parity.py, purpose: Parity}',
    'ci:',
    '  environment: [{name: EXTRA, value: "$(touch PWNED-env) `touch PWNED-env2`"}]',
    '  setup: ["echo setup-ran > SETUP-RAN"]',
    'followups:',
    '  - {id: "fu; touch PWNED-id", check: C, selectors: [unit], cadence: per-pr}',
    `  - {id: g, check: C, selectors: [parity], cadence: on-change, paths: ["src/$(touch PWNED-path)/x.py", "a b/it's.py"]}`,
  );

  test('every expression in the workflow is one the generator wrote, none in a run: script', async () => {
    const { text, workflow } = await generate(tmp.dir, input, { shards: 2, file: NASTY_FILE });
    const allowed = new Set([
      'github.workflow', 'github.event.pull_request.number || github.run_id', 'github.event_name', 'github.event.schedule',
      'inputs.followup', 'github.event.before', 'needs.select.outputs.count', 'needs.select.outputs.selectors', 'needs.select.outputs.shards',
      'needs.select.outputs.matrix', 'steps.pick.outputs.selectors', 'steps.pick.outputs.count', 'steps.pick.outputs.shards',
      'steps.pick.outputs.matrix', 'matrix.shard', 'fromJSON(needs.select.outputs.matrix)', '!cancelled()', 'runner.temp',
      "!cancelled() && needs.select.result == 'success' && needs.select.outputs.count != '0'",
    ]);
    for (const expression of expressionsIn(text)) expect(allowed).toContain(expression);
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps) expect(step.run ?? '').not.toContain('${{');
    expect(workflow.env.HANDOFF_INPUT).toBe(NASTY_FILE);
  });

  const PACKAGE = 'x$(touch${IFS}PWNED-package)';
  test.each([
    ['--package', PACKAGE],
    ['the repository\'s lockfile', undefined],
  ])('running every run: step under bash creates no file the input names; ci.setup runs as written (install: %s)', async (_install, pkg) => {
    const gen = join(tmp.dir, 'repo');
    const { workflow } = await generate(gen, input, { shards: 2, file: NASTY_FILE, package: pkg });
    const bin = stubCommands(tmp.dir, ['npx', 'npm']);
    const runnerTemp = join(tmp.dir, 'runner-temp');
    mkdirSync(join(runnerTemp, 'handoff'), { recursive: true });
    const output = join(tmp.dir, 'github-output');
    const githubPath = join(tmp.dir, 'github-path');
    writeFileSync(output, '');
    const env = { PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: output, GITHUB_PATH: githubPath };

    // select, as started by hand for the follow-up whose id holds `; touch …`
    const select = workflow.jobs.select!;
    const picked = runStep(workflow, select, stepNamed(select, 'pick'), {
      cwd: gen,
      context: { 'github.event_name': 'workflow_dispatch', 'github.event.schedule': '', 'inputs.followup': 'fu; touch PWNED-id', 'github.event.before': '' },
      env,
    });
    expect(picked.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('selectors=unit\ncount=1\nshards=1\nmatrix=[1]\n');

    const shard = workflow.jobs.shard!;
    const context = { 'matrix.shard': '1', 'needs.select.outputs.shards': '1', 'needs.select.outputs.selectors': 'unit' };
    for (const step of shard.steps.filter((s) => s.run !== undefined)) {
      const r = runStep(workflow, shard, step, { cwd: gen, context, env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    writeFileSync(join(runnerTemp, 'handoff', 'ci_test.evidence.shard-1-of-1.json'), '{}');
    const merge = workflow.jobs.merge!;
    expect(runStep(workflow, merge, stepNamed(merge, 'handoff merge'), { cwd: gen, env }).code).toBe(0);

    const argv = (name: string) => readFileSync(join(bin, `${name}.argv`), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as string[]);
    const prefix = join(runnerTemp, 'handoff-cli');
    expect(argv('npm')).toEqual(
      pkg === undefined ? [['ci', '--no-audit', '--no-fund']] : [['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', PACKAGE]],
    );
    // handoff is reached only through npx --no-install, in the folder the install step filled.
    const call = pkg === undefined ? ['--no-install', 'handoff'] : ['--no-install', '--prefix', prefix, 'handoff'];
    expect(argv('npx')).toEqual([
      [...call, 'run', NASTY_FILE, '--shard', '1/1', '--out', join(runnerTemp, 'handoff'), '--only', 'unit'],
      [...call, 'merge', NASTY_FILE, join(runnerTemp, 'handoff', 'ci_test.evidence.shard-1-of-1.json'), '--out', join(runnerTemp, 'handoff')],
    ]);
    expect(existsSync(githubPath)).toBe(false);
    // ci.setup is shell, and ran; nothing else the input says did.
    expect(readFileSync(join(gen, 'SETUP-RAN'), 'utf8')).toBe('setup-ran\n');
    const pwned = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pwned(join(dir, e.name)) : e.name.startsWith('PWNED') ? [join(dir, e.name)] : []));
    expect(pwned(tmp.dir)).toEqual([]);
  });

  test('the on-change paths reach git as literal pathspecs', async () => {
    const { workflow } = await generate(tmp.dir, input, { file: NASTY_FILE });
    const script = stepNamed(workflow.jobs.select!, 'pick').run!;
    expect(script).toContain(`if changed ':(glob)src/$(touch PWNED-path)/x.py' ":(glob)a b/it's.py"; then add parity; fi`);
  });
});
