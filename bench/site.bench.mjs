// `handoff site` (issue 18) over 200 inputs, each with evidence (5 selectors, their logs) and a
// run history of 100 runs, through the built CLI: the whole site, index and 200 brief pages with
// their logs copied. Side by side: `due` over the same inputs, and bare Node start-up.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, line, timeCommand } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');
const NOW = '2025-10-25T08:00:00Z';
const INPUTS = 200;
const RUNS = 100;
const SELECTORS = Array.from({ length: 5 }, (_, i) => `sel-${i}`);
const CADENCES = ['nightly', 'weekly', 'every 2 weeks', 'per-pr'];

function input(k) {
  const out = [
    'version: 1',
    `brief: {id: site_${k}, title: "Site bench ${k}", initiative: INIT-${String(k).padStart(3, '0')}, phase: "E${k % 5}", recipient: {initiative: NEXT-${k}, phase: "D1"}, date: 2025-09-01}`,
    'selectors:',
    ...SELECTORS.map((id, i) => `  - {id: ${id}, run: pytest tests/test_${i}.py -q, purpose: "Selector ${i} of brief ${k}", owner: "Team ${k % 7}", runtime: {max: ${20 + i * 10}s, warn: ${15 + i * 8}s}}`),
    'followups:',
    ...SELECTORS.slice(0, 4).map((id, i) => `  - {id: fu-${i}, check: "Re-run ${id}", selectors: [${id}], cadence: "${CADENCES[i]}", owner: "Team ${(k + i) % 7}"}`),
    '',
  ];
  return out.join('\n');
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function history(k) {
  const lines = [];
  for (let j = 0; j < RUNS; j++) {
    lines.push(
      JSON.stringify({
        version: 1, time: iso(Date.parse(NOW) - (RUNS - j) * 6 * 3600_000), tool: '0.2.0', source: 'run', input: null, manifest_sha256: createHash('sha256').update(`${k}-${j}`).digest('hex'),
        commit: 'c371daefa80ba291dfd155789d552934225ec16a', dirty: false,
        selectors: SELECTORS.map((id, i) => ({ id, outcome: 'passed', expect: 'pass', met: true, duration_s: Math.round((5 + i * 3 + j * 0.05 * (k % 3)) * 100) / 100, counts: { passed: 3 + i } })),
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

function evidence(k, out) {
  const selectors = SELECTORS.map((id, i) => {
    const log = `============================= test session starts ==============================\ncollected ${3 + i} items\n\ntests/test_${i}.py ${'.'.repeat(3 + i)}\n\n============================== ${3 + i} passed in 5.00s ==============================\n`;
    mkdirSync(join(out, 'logs', `site_${k}`), { recursive: true });
    writeFileSync(join(out, 'logs', `site_${k}`, `${id}.log`), log);
    return {
      id, run: `pytest tests/test_${i}.py -q`, argv: [], outcome: i === 4 && k % 10 === 0 ? 'failed' : 'passed', expect: 'pass', met: !(i === 4 && k % 10 === 0), exit_code: 0, attempts: 1,
      started_at: NOW, duration_s: 5 + i * 3, counts: { passed: 3 + i, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 },
      runtime_findings: [], log: `logs/site_${k}/${id}.log`, log_sha256: createHash('sha256').update(log).digest('hex'), junit: null, failures: [],
    };
  });
  return `${JSON.stringify({
    version: 1, generated_at: iso(Date.parse(NOW) - 6 * 3600_000), tool: { name: 'handoff-brief', version: '0.2.0' },
    input: { brief_id: `site_${k}`, file: `in_${k}.yaml`, sha256: 'a'.repeat(64) },
    repo: { path: '.', commit: null, dirty: null }, environment: { python: '3.11', pytest: '9.0', platform: 'linux' }, selectors,
  }, null, 2)}\n`;
}

/** The 200 inputs in `dir`, their evidence, logs and histories in `dir`/out. */
export function prepareSiteBench(dir) {
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  for (let k = 0; k < INPUTS; k++) {
    writeFileSync(join(dir, `in_${k}.yaml`), input(k));
    writeFileSync(join(out, `site_${k}.evidence.json`), evidence(k, out));
    writeFileSync(join(out, `site_${k}.history.jsonl`), history(k));
  }
  return out;
}

export default async function benchSite() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-site-'));
  try {
    const out = prepareSiteBench(dir);
    const siteDir = join(dir, 'site');
    const site = () => timeCommand(process.execPath, [BIN, 'site', join(dir, 'in_*.yaml'), '--from', out, '--out', siteDir, '--now', NOW]);
    const due = () => timeCommand(process.execPath, [BIN, 'due', join(dir, 'in_*.yaml'), '--out', out, '--now', NOW], { okCodes: [0, 1] });
    const node = () => timeCommand(process.execPath, ['-e', '0']);
    site();
    const t = alternate({ site, due, node }, 5);
    line(`site: ${INPUTS} inputs, ${RUNS}-run histories, 5 selectors each, ms`, t.site.toFixed(0), '<= 2000');
    line('due: the same inputs, ms', t.due.toFixed(0));
    line('node -e 0 alongside, ms', t.node.toFixed(0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
