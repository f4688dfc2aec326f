// `handoff render` figures: cold start against bare `node`, with and without the evidence of a
// real run beside the brief, and time against input size; each side by side with the build in
// HANDOFF_BENCH_BASELINE (e.g. 0.2.0), alternated run by run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alternate, BASELINE, line, timeCommand } from './lib.mjs';

const BIN = new URL('../bin/handoff.js', import.meta.url).pathname;
const PHASE_E3 = new URL('../data/integrate-pytorch-001/phase_e3.yaml', import.meta.url).pathname;
const NOW = '2025-10-19T20:58:32Z';

/** An input with n selectors (10 groups), n ownership rows and n follow-ups. */
export function generateInput(n) {
  const out = ['version: 1', 'brief:', `  id: scale_${n}`, `  title: Scale test with ${n} rows`, '  initiative: BENCH-001', '  phase: A1',
    '  recipient: {initiative: BENCH-002, phase: B1}', '  date: 2025-10-19', 'selectors:'];
  for (let i = 0; i < n; i++) {
    out.push(`  - id: sel-${i}`, `    run: pytest tests/test_mod_${i}.py::TestCase::test_${i} -k "fast and not slow" -vv`,
      `    purpose: Checks behaviour ${i} | with a pipe & <angle> 'quotes' -> arrows`, `    group: group-${i % 10}`,
      `    owner: Team ${i % 7}`, '    markers: [unit, fast]', '    runtime: {max: 90s, warn: 60s}');
  }
  out.push('ownership:');
  for (let i = 0; i < n; i++) out.push(`  - {component: "pkg/module_${i}.py", owner: "Team ${i % 7}", scope: "Scope ${i}", contact: "t${i}@example.org"}`);
  out.push('followups:');
  const cadences = ['nightly', 'weekly', 'monthly', 'every 3 days', 'per-pr'];
  for (let i = 0; i < n; i++) {
    out.push(`  - {id: fu-${i}, check: "Re-run selector ${i}", selectors: [sel-${i}], cadence: "${cadences[i % cadences.length]}", owner: "Team ${i % 7}"}`);
  }
  return `${out.join('\n')}\n`;
}

export default async function bench() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-render-'));
  try {
    // The Phase E3 evidence: one real `handoff run` of its 8 selectors (pytest), into the folder
    // both builds render from; and an empty folder for the render without evidence.
    const withEvidence = join(dir, 'with-evidence');
    const withoutEvidence = join(dir, 'without-evidence');
    mkdirSync(withoutEvidence);
    const run = spawnSync(process.execPath, [BIN, 'run', PHASE_E3, '--out', withEvidence, '--now', NOW], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`handoff run of the Phase E3 input (for its evidence) exited ${run.status}:\n${run.stderr}`);

    const render = (bin, input, out) => () => timeCommand(process.execPath, [bin, 'render', input, '--out', out, '--now', NOW]);
    const node = () => timeCommand(process.execPath, ['-e', '0']);
    render(BIN, PHASE_E3, withEvidence)(); // warm the file cache
    const cold = alternate(
      {
        node,
        withEvidence: render(BIN, PHASE_E3, withEvidence),
        withoutEvidence: render(BIN, PHASE_E3, withoutEvidence),
        ...(BASELINE ? { baselineWith: render(BASELINE, PHASE_E3, withEvidence), baselineWithout: render(BASELINE, PHASE_E3, withoutEvidence) } : {}),
      },
      21,
    );
    line('cold start: node -e 0, median ms', cold.node.toFixed(0));
    line('cold start: render Phase E3 with its evidence, median ms', cold.withEvidence.toFixed(0));
    line('  ratio render / node', (cold.withEvidence / cold.node).toFixed(2), '<= 2.5 (goal 2.0)');
    if (BASELINE) line('  baseline build: the same, median ms (ratio)', `${cold.baselineWith.toFixed(0)} (${(cold.baselineWith / cold.node).toFixed(2)})`);
    line('cold start: render Phase E3 without evidence, median ms', cold.withoutEvidence.toFixed(0));
    line('  ratio render / node', (cold.withoutEvidence / cold.node).toFixed(2));
    if (BASELINE) line('  baseline build: the same, median ms (ratio)', `${cold.baselineWithout.toFixed(0)} (${(cold.baselineWithout / cold.node).toFixed(2)})`);

    const targets = { 1000: '<= 600', 10000: '<= 3000' };
    for (const n of [100, 1000, 10000]) {
      const input = join(dir, `scale_${n}.yaml`);
      writeFileSync(input, generateInput(n));
      const runs = n >= 10000 ? 3 : 5;
      const t = alternate({ render: render(BIN, input, join(dir, 'out')), ...(BASELINE ? { baseline: render(BASELINE, input, join(dir, 'out-baseline')) } : {}) }, runs);
      line(`scale: render ${n} selectors + ${n} owners + ${n} follow-ups, median ms`, t.render.toFixed(0), targets[n]);
      if (t.baseline !== undefined) line('  baseline build: the same, median ms', t.baseline.toFixed(0));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
