// A Ctrl-C that lands after every selector has finished, before the results are swapped into
// the output folder: `handoff run` must still end as interrupted (exit 130) rather than render
// and exit 0/1, and the output folder must be exactly as the previous run left it.
// runRun is called in-process so the moment of the abort can be pinned down exactly.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRun } from '../../src/commands/run.js';
import { Interrupted } from '../../src/errors.js';
import { ROOT, makeTempDir } from '../helpers/cli.js';

const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-run-abort-');
});
afterEach(() => tmp.cleanup());

/**
 * An abort signal that reads as aborted once `written()` holds: the Ctrl-C "arrives" exactly
 * while that file is written, after the runner's own last look at the signal.
 */
function abortedOnceWritten(written: () => boolean): AbortSignal {
  const controller = new AbortController();
  return new Proxy(controller.signal, {
    get(target, key) {
      if (key === 'aborted') return written();
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test('a Ctrl-C after the last selector finished: Interrupted (exit 130), the output folder unchanged', async () => {
  const input = join(tmp.dir, 'faults.yaml');
  writeFileSync(
    input,
    `version: 1
brief: {id: faults, title: Fault cases, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}
selectors:
  - {id: ok, run: pytest tests/test_pass.py, purpose: passes}
`,
  );
  const out = join(tmp.dir, 'out');
  const err: string[] = [];
  const options = (signal?: AbortSignal, now = '2025-10-19T20:58:32Z') => ({
    input,
    out,
    repo: FAULTS,
    jobs: 1,
    python: 'python3',
    dryRun: false,
    quiet: false,
    now,
    cwd: tmp.dir,
    env: process.env,
    console: { out: () => {}, err: (t: string) => void err.push(t), isTTY: false },
    signal,
  });
  await runRun(options());
  const files = (): Record<string, string> =>
    Object.fromEntries(
      readdirSync(out, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.parentPath.includes('.handoff-run-'))
        .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'latin1')]),
    );
  const before = files();
  // Brief, manifest, history, log and JUnit file of the first run.
  expect(Object.keys(before)).toHaveLength(5);
  // pytest has written this run's JUnit file (in its staging folder, .handoff-run-faults-<pid>-<random>):
  // the selector is done, the swap not yet begun.
  const staged = (): boolean =>
    readdirSync(out)
      .filter((name) => name.startsWith(`.handoff-run-faults-${process.pid}-`))
      .some((name) => existsSync(join(out, name, 'logs', 'faults', 'ok.junit.xml')));
  const run = runRun(options(abortedOnceWritten(staged), '2025-10-20T00:00:00Z'));
  await expect(run).rejects.toBeInstanceOf(Interrupted);
  await expect(run).rejects.toMatchObject({ exitCode: 130 });
  await expect(run).rejects.toThrow(/^interrupted: running selectors were ended; the previous evidence in out is unchanged; this run's logs so far are in /);
  expect(files()).toEqual(before);
  expect(readFileSync(join(out, 'faults.evidence.json'), 'utf8')).toContain('"generated_at": "2025-10-19T20:58:32Z"');
});
