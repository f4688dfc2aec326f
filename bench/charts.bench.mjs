// Runtime charts' cost (issue 18: "rendering a brief with charts: ≤ 10% over the same brief
// without"). One real `handoff run` of the Phase E3 example gives the evidence; its history is then
// grown to 100 runs (durations varied), so every selector gets a chart. The same brief without
// charts is the same input without its `runtime:` guardrails over a 2-run history, which gives no
// selector a chart (fewer than 3 runs, no guardrail): same selectors, evidence, logs and "Changes
// since", only the charts (and the history they read) missing. Renders alternate side by side.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { line, median, timeCommand } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');
const PHASE_E3 = join(ROOT, 'data', 'integrate-pytorch-001', 'phase_e3.yaml');
const NOW = '2025-10-19T20:58:32Z';
const env = { ...process.env, NODE_OPTIONS: '' };

/** CPU ms (user + sys, children included) of one command: what stays comparable on a loaded, shared machine. */
function cpuCommand(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`handoff ${args.join(' ')} failed: ${r.stderr}`);
  return { wall: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
}

/** `runs` history lines ending with the real one: older copies a day apart, durations varied, some unmet. */
function growHistory(last, runs, { without } = {}) {
  const entry = JSON.parse(last);
  const lines = [];
  for (let i = runs - 1; i > 0; i--) {
    const time = new Date(Date.parse(entry.time) - i * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const selectors = entry.selectors.filter((s) => s.id !== without).map((s, k) => ({ ...s, duration_s: Math.round((30 + 8 * Math.sin((i + k) / 3)) * 100) / 100, met: (i + k) % 13 !== 0 }));
    lines.push(JSON.stringify({ ...entry, time, manifest_sha256: `bench-${i}`, selectors }));
  }
  return `${[...lines, last].join('\n')}\n`;
}

export default async function bench() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-charts-'));
  try {
    const input = join(dir, 'phase_e3.yaml');
    const text = readFileSync(PHASE_E3, 'utf8').replace(/^repo: (.*)$/m, (_, repo) => `repo: ${join(ROOT, 'data', 'integrate-pytorch-001', repo)}`);
    writeFileSync(input, text);
    const plain = join(dir, 'phase_e3_plain.yaml');
    writeFileSync(plain, text.replace(/^\s+runtime: .*\n/gm, ''));
    const withCharts = join(dir, 'with');
    timeCommand(process.execPath, [BIN, 'run', input, '--out', withCharts, '--now', NOW, '--quiet'], { env });
    const history = join(withCharts, 'phase_e3_handoff.history.jsonl');
    const last = readFileSync(history, 'utf8').trim();

    // Three output folders with the same evidence and logs, their histories differing.
    const copy = (name, historyText) => {
      const out = join(dir, name);
      mkdirSync(join(out, 'logs'), { recursive: true });
      for (const f of ['phase_e3_handoff.evidence.json']) writeFileSync(join(out, f), readFileSync(join(withCharts, f)));
      mkdirSync(join(out, 'logs', 'phase_e3_handoff'), { recursive: true });
      for (const f of readdirSync(join(withCharts, 'logs', 'phase_e3_handoff'))) {
        writeFileSync(join(out, 'logs', 'phase_e3_handoff', f), readFileSync(join(withCharts, 'logs', 'phase_e3_handoff', f)));
      }
      writeFileSync(join(out, 'phase_e3_handoff.history.jsonl'), historyText);
      return out;
    };
    const hundred = copy('hundred', growHistory(last, 100));
    const two = copy('two', growHistory(last, 2));
    const tenThousand = copy('ten-thousand', growHistory(last, 10_000));
    // The worst case for reading: a selector that ran once, in the newest line only. Its chart
    // would want 30 runs: the history is read back to the cap (charts/trend-runs.ts) and no further.
    const newSelector = copy('new-selector', growHistory(last, 10_000, { without: 'tf-baseline' }));

    const render = (file, out) => () => cpuCommand([BIN, 'render', file, '--out', out, '--now', NOW]);
    // Once each first: the charts are written then, and later renders only compare them.
    for (const [file, out] of [[input, hundred], [plain, two], [input, tenThousand], [input, newSelector]]) render(file, out)();
    const charts = readdirSync(join(hundred, 'charts', 'phase_e3_handoff')).length;
    const samples = { with: [], without: [], long: [], capped: [] };
    for (let i = 0; i < 21; i++) {
      samples.with.push(render(input, hundred)());
      samples.without.push(render(plain, two)());
      samples.long.push(render(input, tenThousand)());
      if (i % 3 === 0) samples.capped.push(render(input, newSelector)());
    }
    const m = (list, key) => median(list.map((s) => s[key]));
    line(`charts: render with ${charts} runtime charts (100-run history), CPU ms`, m(samples.with, 'cpu').toFixed(0));
    line('charts: the same brief without charts, CPU ms', m(samples.without, 'cpu').toFixed(0));
    line('charts: ratio with / without (CPU)', (m(samples.with, 'cpu') / m(samples.without, 'cpu')).toFixed(2), '<= 1.10');
    line('charts: ratio with / without (wall)', (m(samples.with, 'wall') / m(samples.without, 'wall')).toFixed(2));
    line('charts: with charts, a 10,000-run history, CPU ms', m(samples.long, 'cpu').toFixed(0));
    line('  the same, one selector new (history read to the cap), CPU ms', m(samples.capped, 'cpu').toFixed(0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
