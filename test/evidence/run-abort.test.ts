// A Ctrl-C that lands after every selector has finished, while the manifest is being written:
// `handoff run` must still end as interrupted (exit 130) rather than render and exit 0/1.
// runRun is called in-process so the moment of the abort can be pinned down exactly.
import { existsSync, writeFileSync } from 'node:fs';
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
 * An abort signal that reads as aborted once `path` exists: the Ctrl-C "arrives" exactly
 * while that file is written, after the runner's own last look at the signal.
 */
function abortedOnceWritten(path: string): AbortSignal {
  const controller = new AbortController();
  return new Proxy(controller.signal, {
    get(target, key) {
      if (key === 'aborted') return existsSync(path);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

test('a Ctrl-C while the manifest is written: Interrupted (exit 130), and no brief is rendered', async () => {
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
  const manifest = join(out, 'faults.evidence.json');
  const err: string[] = [];
  const run = runRun({
    input,
    out,
    repo: FAULTS,
    jobs: 1,
    python: 'python3',
    dryRun: false,
    quiet: false,
    now: '2025-10-19T20:58:32Z',
    cwd: tmp.dir,
    env: process.env,
    console: { out: () => {}, err: (t) => void err.push(t), isTTY: false },
    signal: abortedOnceWritten(manifest),
  });
  await expect(run).rejects.toBeInstanceOf(Interrupted);
  await expect(run).rejects.toMatchObject({ exitCode: 130 });
  await expect(run).rejects.toThrow('interrupted: the evidence manifest out/faults.evidence.json was written; no brief was rendered');
  expect(existsSync(manifest)).toBe(true);
  expect(existsSync(join(out, 'faults.md'))).toBe(false);
  expect(err.join('')).not.toContain('met their expect');
});
