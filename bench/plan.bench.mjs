// `plan mark` on a generated 5,000-row plan (50 tables of 100 rows, long guidance cells like
// the real Phase E3 plan), through the built CLI: process start, parse, lock, atomic write.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, BASELINE, line, timeCommand } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');

function generatePlan(tables, rowsPerTable) {
  const parts = ['# Generated plan for the bench\n'];
  for (let t = 0; t < tables; t++) {
    parts.push(`\n### Phase ${t + 1}\nGoal: keep the bench honest.\n\n| ID | Task Description | State | How/Why & Guidance |\n| --- | --- | --- | --- |\n`);
    for (let r = 0; r < rowsPerTable; r++) {
      const id = `T${t + 1}-${r + 1}`;
      parts.push(`| ${id} | Task ${id} with \`code\` and **bold** | [ ] | Guidance for ${id}: run \`pytest tests/test_${r}.py -vv\`, see \`reports/2025-10-19T205832Z/${id}.md\` \\| escaped pipe. |\n`);
    }
  }
  return parts.join('');
}

export default async function benchPlan() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-plan-'));
  try {
    const plan = join(dir, 'plan.md');
    writeFileSync(plan, generatePlan(50, 100));
    const baselinePlan = join(dir, 'plan-baseline.md');
    if (BASELINE) writeFileSync(baselinePlan, generatePlan(50, 100));
    const size = readFileSync(plan).length;
    const runs = 12;
    let i = 0;
    // Alternating the three commands run by run, so machine load hits them alike.
    const medians = alternate(
      {
        // Alternate states so that every run really rewrites the file.
        mark: () => timeCommand(process.execPath, [BIN, 'plan', 'mark', plan, 'T25-50', 'T50-100', '--state', i++ % 2 === 0 ? 'x' : ' ']),
        status: () => timeCommand(process.execPath, [BIN, 'plan', 'status', plan, '--json']),
        // Side-by-side baseline: bare Node start-up, which no command can beat. (Not
        // `handoff --version`: that loads yargs, which plan mark and plan status do not.)
        node: () => timeCommand(process.execPath, ['-e', '0']),
        ...(BASELINE ? { baseline: () => timeCommand(process.execPath, [BASELINE, 'plan', 'mark', baselinePlan, 'T25-50', 'T50-100', '--state', i % 2 === 0 ? 'x' : ' ']) } : {}),
      },
      runs,
    );
    line(`plan mark, 5,000 rows (${(size / 1024).toFixed(0)} KiB), median of ${runs}`, `${medians.mark.toFixed(0)} ms`, '≤ 300 ms');
    line(`plan status --json, 5,000 rows, median of ${runs}`, `${medians.status.toFixed(0)} ms`);
    line(`  (baseline: bare Node start-up, node -e 0, median of ${runs})`, `${medians.node.toFixed(0)} ms`);
    if (BASELINE) line('  baseline build: plan mark, the same plan', `${medians.baseline.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
