// `handoff watch` end to end: the built CLI watches real files in a temp folder.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, makeTempDir, ROOT, runCli } from '../helpers/cli.js';

function inputYaml(purpose: string): string {
  return [
    'version: 1',
    'brief:',
    '  id: watch_demo',
    '  title: Watch demo',
    '  initiative: INIT-A',
    '  phase: E3',
    '  recipient: {initiative: INIT-B, phase: D3}',
    '  date: 2025-10-19',
    'repo: .',
    `purpose: ${purpose}`,
    'plans:',
    '  - {file: plan.md, rows: [D1]}',
    '',
  ].join('\n');
}

function planMd(state: string): string {
  return [
    '# Plan',
    '',
    '| ID | Task Description | State | How/Why & Guidance |',
    '| --- | --- | --- | --- |',
    `| D1 | Author handoff brief | [${state}] | Write it. |`,
    '',
  ].join('\n');
}

/**
 * Resolves once `predicate` holds, checked again each time the watcher says something: every
 * render and every error ends with a line on stderr, written after the brief, so that line is
 * the barrier (no polling).
 */
function waitFor(stream: NodeJS.ReadableStream, what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (!predicate()) return;
      clearTimeout(timer);
      stream.off('data', onData);
      resolve();
    };
    // After the test's own listener (which collects stderr) has run.
    const onData = (): void => void setImmediate(check);
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    stream.on('data', onData);
    check();
  });
}

describe('handoff watch', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let child: ChildProcessWithoutNullStreams | undefined;
  let stderr = '';

  beforeEach(() => {
    tmp = makeTempDir();
    stderr = '';
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    tmp.cleanup();
  });

  test('re-renders on input, plan and atomic-save edits, survives a broken edit and a delete, stops on Ctrl-C', async () => {
    const input = join(tmp.dir, 'input.yaml');
    const brief = join(tmp.dir, 'out', 'watch_demo.md');
    writeFileSync(input, inputYaml('first version'));
    writeFileSync(join(tmp.dir, 'plan.md'), planMd(' '));

    child = spawn(process.execPath, [BIN, 'watch', 'input.yaml', '--out', 'out', '--now', '2025-10-19T12:00:00Z'], {
      cwd: tmp.dir,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((r) => child!.on('close', (code) => r(code)));
    const read = (): string => (existsSync(brief) ? readFileSync(brief, 'utf8') : '');

    await waitFor(child.stderr, 'the first render', () => stderr.includes('watching'));
    expect(read()).toContain('first version');

    writeFileSync(input, inputYaml('second version'));
    await waitFor(child.stderr, 'a re-render after an input edit', () => read().includes('second version'));

    // A plan edit re-renders: the brief's plan row shows the new state.
    const beforePlanEdit = read();
    writeFileSync(join(tmp.dir, 'plan.md'), planMd('x'));
    expect(beforePlanEdit).toMatch(/^\| D1 \| \[ \] open \|/m);
    await waitFor(child.stderr, 'a re-render after a plan edit', () => read() !== beforePlanEdit);
    expect(read()).toMatch(/^\| D1 \| \[x\] done \|/m);
    expect(read()).toContain('second version');

    // A broken edit: the error is printed with its position, the last good brief stays.
    const good = read();
    writeFileSync(input, inputYaml('second version').replace('version: 1', 'version: 2'));
    await waitFor(child.stderr, 'the error of a broken edit', () => stderr.includes('not rendered'));
    expect(stderr).toMatch(/input\.yaml:1:\d+: version/);
    expect(read()).toBe(good);

    // An editor's atomic save: write a temp file, rename it over the input.
    writeFileSync(`${input}.tmp`, inputYaml('third version'));
    renameSync(`${input}.tmp`, input);
    await waitFor(child.stderr, 'a re-render after an atomic save', () => read().includes('third version'));

    // Deleted, then created again.
    rmSync(input);
    await waitFor(child.stderr, 'the error of a missing input', () => stderr.split('not rendered').length === 3);
    expect(read()).toContain('third version');
    writeFileSync(input, inputYaml('fourth version'));
    await waitFor(child.stderr, 'a re-render after delete and re-create', () => read().includes('fourth version'));

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopped watching');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  test('picks up the evidence a run writes into --out: an input edit after the run keeps it in the brief', async () => {
    const input = join(tmp.dir, 'input.yaml');
    const project = join(ROOT, 'test/fixtures/pyprojects/followups');
    const withPurpose = (purpose: string): string =>
      `${inputYaml(purpose).replace('repo: .', `repo: ${project}`).replace(/plans:\n.*\n/, '')}selectors:\n  - {id: smoke, run: pytest tests/test_smoke.py, purpose: imports work}\n`;
    writeFileSync(input, withPurpose('before the run'));
    const brief = join(tmp.dir, 'out', 'watch_demo.md');
    const read = (): string => (existsSync(brief) ? readFileSync(brief, 'utf8') : '');
    child = spawn(process.execPath, [BIN, 'watch', input, '--out', join(tmp.dir, 'out'), '--now', '2025-10-19T12:00:00Z'], { env: { ...process.env, NODE_OPTIONS: '' } });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await waitFor(child.stderr, 'the first render', () => stderr.includes('watching'));
    expect(read()).not.toMatch(/selectors? as expected/);

    const run = await runCli(['run', input, '--out', join(tmp.dir, 'out'), '--now', '2025-10-19T12:00:00Z', '--quiet']);
    expect(run.code).toBe(0);
    // The purpose edited after the run: the re-rendered brief has the new text and the evidence.
    writeFileSync(input, withPurpose('after the run'));
    await waitFor(child.stderr, 'a re-render after the edit', () => read().includes('after the run'));
    expect(read()).toMatch(/1 of 1 selector as expected/);
    expect(read()).toMatch(/\| smoke \|[^\n]*1 passed/);
  }, 30_000);
});
