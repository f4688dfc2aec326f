// CI figures: the job summary of a run with a 200 MB log and 500 failing tests (its size, and
// the time writing it adds, as `merge --summary` against the same merge without one, alternated),
// and the shard split's balance on 40 selectors with mixed expected runtimes (the selectors each
// `run --shard K/N --dry-run` picks, weighed by their runtime.expected).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, line, timeCommand } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');
const NOW = '2025-10-19T20:58:32Z';
const env = { ...process.env, NODE_OPTIONS: '', GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' };
const BRIEF = 'brief: {id: bench, title: Bench, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}';

function handoff(args, okCodes = [0]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (!okCodes.includes(r.status)) throw new Error(`handoff ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function benchSummary(dir) {
  const repo = join(dir, 'project');
  mkdirSync(join(repo, 'tests'), { recursive: true });
  writeFileSync(join(repo, 'pytest.ini'), '[pytest]\naddopts = -p no:cacheprovider -p no:hypothesispytest -p no:benchmark -p no:xdist -p no:xdist.looponfail\n');
  // 500 failures, each with a traceback a few frames deep and a long assertion message.
  writeFileSync(
    join(repo, 'tests', 'test_many.py'),
    'import pytest\n\n\ndef check(n, depth):\n    if depth:\n        return check(n, depth - 1)\n    assert n < 0, "value %d: " % n + "x" * 2000\n\n\n@pytest.mark.parametrize("n", range(500))\ndef test_fails(n):\n    check(n, 5)\n',
  );
  writeFileSync(
    join(repo, 'tests', 'test_big.py'),
    'import sys\n\n\ndef test_prints_200_mb():\n    chunk = ("y" * 1023 + "\\n") * 1024\n    for _ in range(200):\n        sys.stdout.write(chunk)\n',
  );
  const input = join(dir, 'bench.yaml');
  writeFileSync(
    input,
    `version: 1\n${BRIEF}\nrepo: ${repo}\nselectors:\n  - {id: many, run: pytest tests/test_many.py, purpose: 500 failures}\n  - {id: big, run: pytest tests/test_big.py -s -q, purpose: 200 MB of output}\n`,
  );
  handoff(['run', input, '--shard', '1/1', '--out', join(dir, 'part'), '--now', NOW, '--quiet'], [1]);
  const part = join(dir, 'part', 'bench.evidence.shard-1-of-1.json');
  const summary = join(dir, 'summary.md');
  let size = 0;
  const merge = (out, extra) => () => {
    rmSync(summary, { force: true });
    const ms = timeCommand(process.execPath, [BIN, 'merge', input, part, '--out', join(dir, out), '--now', NOW, '--quiet', ...extra], { env, okCodes: [1] });
    if (extra.length > 0) size = statSync(summary).size;
    return ms;
  };
  const t = alternate({ with: merge('with', ['--summary', summary]), without: merge('without', []) }, 7);
  const log = statSync(join(dir, 'with', 'logs', 'bench', 'big.log')).size;
  line(`job summary, a ${Math.round(log / 2 ** 20)} MB log and 500 failures: size`, `${(size / 1024).toFixed(0)} KiB`, '≤ 1,024 KiB');
  line('  time it adds (merge --summary vs merge, median of 7)', `${Math.max(0, t.with - t.without).toFixed(0)} ms`, '≤ 1,000 ms');
  line('  merge with / without the summary', `${t.with.toFixed(0)} / ${t.without.toFixed(0)} ms`);
}

function benchShards(dir) {
  // A long tail and a few heavy ones, as a real suite has: 2 s … 185 s.
  const runtimes = Array.from({ length: 40 }, (_, i) => [2, 3, 5, 8, 13, 21, 34, 55, 90, 180][i % 10] + (i % 7));
  const rows = runtimes.map((r, i) => `  - {id: s${i}, run: pytest tests/test_${i}.py, purpose: part ${i}, runtime: {expected: ${r}s}}`);
  const input = join(dir, 'shards.yaml');
  writeFileSync(input, `version: 1\n${BRIEF}\nrepo: ${dir}\nselectors:\n${rows.join('\n')}\n`);
  const ideal = (n) => runtimes.reduce((a, b) => a + b, 0) / n;
  let worst = 0;
  const figures = [];
  for (const n of [2, 3, 4, 5]) {
    const loads = [];
    for (let k = 1; k <= n; k++) {
      const ids = handoff(['run', input, '--shard', `${k}/${n}`, '--dry-run', '--out', join(dir, 'shards-out')])
        .split('\n')
        .map((l) => /^s(\d+):/.exec(l)?.[1])
        .filter((x) => x !== undefined);
      loads.push(ids.reduce((sum, i) => sum + runtimes[Number(i)], 0));
    }
    if (loads.reduce((a, b) => a + b, 0) !== runtimes.reduce((a, b) => a + b, 0)) throw new Error(`shards of ${n} do not add up to the whole run`);
    const ratio = Math.max(...loads) / ideal(n);
    worst = Math.max(worst, ratio);
    figures.push(`${n}: ${ratio.toFixed(3)}`);
  }
  line('shard balance, 40 selectors: longest shard / ideal, worst of 2–5', worst.toFixed(3), '≤ 1.2');
  line('  by number of shards', figures.join(', '));
}

export default async function benchCi() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-ci-'));
  try {
    benchShards(dir);
    benchSummary(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
