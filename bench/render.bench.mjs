// `handoff render` figures: cold start against bare `node`, and time against input size.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
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
    const render = (input) => () => timeCommand(process.execPath, [BIN, 'render', input, '--out', join(dir, 'out'), '--now', NOW]);
    const node = () => timeCommand(process.execPath, ['-e', '0']);
    render(PHASE_E3)(); // warm the file cache
    // The baseline renders the Phase E3 input without the fields 0.2 added (it would refuse them).
    const baselineRender = (input) => () => timeCommand(process.execPath, [BASELINE, 'render', input, '--out', join(dir, 'out-baseline'), '--now', NOW]);
    const phaseE3For01 = join(dir, 'phase_e3_for_0.1.yaml');
    if (BASELINE) {
      const doc = parseDocument(readFileSync(PHASE_E3, 'utf8'));
      for (const path of [['ci', 'python'], ['ci', 'setup'], ['artifacts'], ['publish']]) doc.deleteIn(path);
      doc.set('repo', join(dirname(PHASE_E3), String(doc.get('repo'))));
      writeFileSync(phaseE3For01, doc.toString());
    }
    const cold = alternate({ render: render(PHASE_E3), node, ...(BASELINE ? { baseline: baselineRender(phaseE3For01) } : {}) }, 21);
    line('cold start: handoff render (Phase E3), median ms', cold.render.toFixed(0));
    line('cold start: node -e 0, median ms', cold.node.toFixed(0));
    line('cold start ratio render / node', (cold.render / cold.node).toFixed(2), '<= 2.5');
    if (BASELINE) {
      line('  baseline build: render (Phase E3 without 0.2 fields), median ms', cold.baseline.toFixed(0));
      line('  baseline ratio render / node', (cold.baseline / cold.node).toFixed(2));
    }

    for (const n of [100, 1000, 10000]) {
      const input = join(dir, `scale_${n}.yaml`);
      writeFileSync(input, generateInput(n));
      const runs = n >= 10000 ? 1 : 3;
      const t = alternate({ render: render(input), ...(BASELINE && n === 1000 ? { baseline: baselineRender(input) } : {}) }, runs);
      line(`scale: render ${n} selectors + ${n} owners + ${n} follow-ups, ms`, t.render.toFixed(0), n === 1000 ? '<= 1000' : undefined);
      if (t.baseline !== undefined) line(`  baseline build: the same, ms`, t.baseline.toFixed(0));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
