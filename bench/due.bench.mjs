// Follow-up figures (docs/followups.md), through the built CLI:
// - `handoff due` over 200 inputs of 20 follow-ups each, every one with a 1,000-line history;
// - `render` of the Phase E3 brief with a 10,000-line history beside its evidence, side by side
//   with the same render without a history (the brief reads only the history's tail).
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, BASELINE, line, timeCommand } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');
const PHASE_E3 = join(ROOT, 'data', 'integrate-pytorch-001', 'phase_e3.yaml');
const NOW = '2025-10-25T08:00:00Z';
const CADENCES = ['nightly', 'daily', 'weekly', 'monthly', 'every 3 days', 'every 2 weeks', 'per-pr', 'on-change'];

/** Input k: 20 selectors, 20 follow-ups (one selector each, cadences in turn). */
function generateInput(k) {
  const out = ['version: 1', `brief: {id: due_${k}, title: "Due bench ${k}", initiative: BENCH, phase: "1", recipient: {initiative: NEXT, phase: "2"}, date: 2025-10-01}`, 'selectors:'];
  for (let i = 0; i < 20; i++) out.push(`  - {id: sel-${i}, run: pytest tests/test_${i}.py -k "fast" -vv, purpose: "Selector ${i}"}`);
  out.push('followups:');
  for (let i = 0; i < 20; i++) {
    const cadence = CADENCES[i % CADENCES.length];
    const paths = cadence === 'on-change' ? `, paths: [pkg/mod_${i}.py]` : '';
    out.push(`  - {id: fu-${i}, check: "Re-run selector ${i}", selectors: [sel-${i}], cadence: "${cadence}", owner: "Team ${i % 5}"${paths}}`);
  }
  return `${out.join('\n')}\n`;
}

const counts = (i) => ({ passed: 3 + (i % 4), ...(i % 9 === 0 ? { failed: 1 } : {}) });

/** A history line like `run` writes, with the given selectors. */
function historyLine(time, ids, manifestSha = 'f'.repeat(64)) {
  return JSON.stringify({
    version: 1, time, tool: '0.2.0', source: 'run', input: { file: 'in.yaml', sha256: 'e'.repeat(64) }, manifest_sha256: manifestSha,
    commit: 'c371daefa80ba291dfd155789d552934225ec16a', dirty: false,
    selectors: ids.map((id, i) => ({ id, outcome: i % 9 === 0 ? 'failed' : 'passed', expect: 'pass', met: i % 9 !== 0, duration_s: 1.5 + i, counts: counts(i) })),
  });
}

/** n lines, one run every 2 hours back from NOW; each run has `perLine` of the ids, in turn. */
function generateHistory(n, ids, perLine) {
  const lines = [];
  for (let j = 0; j < n; j++) {
    const time = new Date(Date.parse(NOW) - (n - j) * 2 * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lines.push(historyLine(time, Array.from({ length: perLine }, (_, x) => ids[(j * perLine + x) % ids.length])));
  }
  return lines;
}

/** A manifest of the Phase E3 selectors (no logs: the brief marks them missing, the same in both renders). */
function phaseE3Manifest() {
  const ids = ['integration', 'backend-selection', 'tf-baseline', 'config-bridge-parity', 'lightning-orchestration', 'stitching', 'checkpoint', 'decoder-parity'];
  return {
    ids,
    text: `${JSON.stringify({
      version: 1, generated_at: NOW, tool: { name: 'handoff-brief', version: '0.2.0' },
      input: { brief_id: 'phase_e3_handoff', file: 'x.yaml', sha256: 'a'.repeat(64) },
      repo: { path: '.', commit: null, dirty: null }, environment: { python: '3.11', pytest: '9.0', platform: 'linux' },
      selectors: ids.map((id, i) => ({
        id, run: `pytest tests/${id}.py`, argv: [], outcome: 'passed', expect: 'pass', met: true, exit_code: 0, attempts: 1,
        started_at: NOW, duration_s: 2 + i, counts: { passed: 4, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 },
        runtime_findings: [], log: `logs/${id}.log`, log_sha256: 'x', junit: null, failures: [],
      })),
    }, null, 2)}\n`,
  };
}

export default async function benchDue() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-due-'));
  try {
    // 200 inputs, each with its own 1,000-line history. The histories have the same bytes (the
    // selector ids are the same in every input), so one file is hard-linked 200 times.
    const out = join(dir, 'out');
    mkdirSync(out);
    const ids = Array.from({ length: 20 }, (_, i) => `sel-${i}`);
    const history = join(dir, 'history.jsonl');
    writeFileSync(history, `${generateHistory(1000, ids, 4).join('\n')}\n`);
    const inputs = [];
    for (let k = 0; k < 200; k++) {
      const input = join(dir, `in_${k}.yaml`);
      writeFileSync(input, generateInput(k));
      linkSync(history, join(out, `due_${k}.history.jsonl`));
      inputs.push(input);
    }
    const dueWith = (bin) => () => timeCommand(process.execPath, [bin, 'due', ...inputs, '--out', out, '--now', NOW], { okCodes: [0, 1] });
    const due = dueWith(BIN);
    const dueIcs = () => timeCommand(process.execPath, [BIN, 'due', ...inputs, '--out', out, '--now', NOW, '--ics', join(dir, 'all.ics')], { okCodes: [0, 1] });
    // Side by side: the same 200 inputs with no history at all (input reading alone), and bare
    // Node start-up, so a loaded machine shows as such.
    const empty = join(dir, 'empty');
    const noHistory = () => timeCommand(process.execPath, [BIN, 'due', ...inputs, '--out', empty, '--now', NOW], { okCodes: [0, 1] });
    const node = () => timeCommand(process.execPath, ['-e', '0']);
    due();
    const t = alternate({ due, dueIcs, noHistory, node, ...(BASELINE ? { baseline: dueWith(BASELINE) } : {}) }, 5);
    line('due: 200 inputs × 20 follow-ups, 1,000-line histories, median ms', t.due.toFixed(0), '<= 600');
    if (BASELINE) line('  baseline build: the same, median ms', t.baseline.toFixed(0));
    line('due --ics: the same, and the calendar (3,200 events), ms', t.dueIcs.toFixed(0));
    line('due: the same 200 inputs without histories, ms', t.noHistory.toFixed(0));
    line('node -e 0 alongside, ms', t.node.toFixed(0));

    // Render with a 10,000-line history vs none, the same evidence beside both.
    const manifest = phaseE3Manifest();
    const sha = createHash('sha256').update(manifest.text).digest('hex');
    const [withDir, withoutDir] = [join(dir, 'with'), join(dir, 'without')];
    for (const d of [withDir, withoutDir]) {
      mkdirSync(d);
      writeFileSync(join(d, 'phase_e3_handoff.evidence.json'), manifest.text);
    }
    const lines = generateHistory(9999, manifest.ids, 8);
    lines.push(historyLine(NOW, manifest.ids, sha));
    writeFileSync(join(withDir, 'phase_e3_handoff.history.jsonl'), `${lines.join('\n')}\n`);
    const render = (d) => () => timeCommand(process.execPath, [BIN, 'render', PHASE_E3, '--out', d, '--now', NOW]);
    render(withDir)();
    const r = alternate({ withHistory: render(withDir), without: render(withoutDir) }, 15);
    line('render Phase E3 with a 10,000-line history (12 MB), median ms', r.withHistory.toFixed(0));
    line('render Phase E3 without a history, median ms', r.without.toFixed(0));
    line('ratio with / without', (r.withHistory / r.without).toFixed(2), '<= 1.2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
