// Runtime charts in the brief, through `handoff render` in-process: a manifest, its logs and a run
// history written by hand (no pytest), so the numbers are known. The charts go beside the brief,
// the brief links them from the selector's row and shows them under "Runtime trends", `--check`
// fails on a chart that is stale or missing, and a brief without charts is the brief it was.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EvidenceManifest } from '../../src/evidence/manifest.js';
import { formatHistoryLine, type HistoryEntry } from '../../src/evidence/history.js';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { lintMarkdown } from '../render/lint.js';
import { byClass, readSvg } from './svg.js';

const NOW = '2025-10-19T20:58:32Z';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('handoff-brief-charts-');
});
afterEach(() => temp.cleanup());

const INPUT = `version: 1
brief: {id: trends, title: Trends, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}, date: 2025-10-19}
repo: repo
selectors:
  - {id: integration, run: "pytest tests/test_i.py", purpose: End to end, runtime: {max: 90s, warn: 60s, expected: 36s, tolerance: 5s, min: 20s}}
  - {id: unit, run: "pytest tests/test_u.py", purpose: Units}
`;

interface Setup {
  input: string;
  out: string;
  brief: string;
  chart: (id: string) => string;
}

/**
 * An input, its evidence in `out/` (manifest, logs) and a history of `runs` runs ending with the
 * manifest's own; `unit` runs only in the last `unitRuns` of them.
 */
function setUp(options: { runs: number; unitRuns?: number; input?: string }): Setup {
  const dir = temp.dir;
  mkdirSync(join(dir, 'repo'), { recursive: true });
  const input = join(dir, 'trends.yaml');
  writeFileSync(input, options.input ?? INPUT);
  const out = join(dir, 'out');
  mkdirSync(join(out, 'logs', 'trends'), { recursive: true });
  const selectors = ['integration', 'unit'].map((id) => {
    const log = `${id}: 1 passed\n`;
    writeFileSync(join(out, 'logs', 'trends', `${id}.log`), log);
    return {
      id, run: `pytest tests/test_${id[0]}.py`, argv: ['python3', '-m', 'pytest'], outcome: 'passed', expect: 'pass', met: true, exit_code: 0, attempts: 1, started_at: NOW,
      duration_s: id === 'integration' ? 38 : 0.5, counts: { passed: 1, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 },
      runtime_findings: [], log: `logs/trends/${id}.log`, log_sha256: sha256(log), junit: null, failures: [],
    };
  });
  const manifest = { version: 1, generated_at: NOW, tool: { name: 'handoff-brief', version: '0.2.0' }, repo: { path: '../repo', commit: null, dirty: null }, environment: { python: '3.11', pytest: '9.0', platform: 'linux' }, selectors } as unknown as EvidenceManifest;
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(join(out, 'trends.evidence.json'), manifestText);
  const lines: string[] = [];
  const unitRuns = options.unitRuns ?? options.runs;
  for (let i = 0; i < options.runs; i++) {
    const last = i === options.runs - 1;
    const entry: HistoryEntry = {
      version: 1, time: last ? NOW : new Date(Date.parse(NOW) - (options.runs - 1 - i) * 86_400_000).toISOString().replace('.000Z', 'Z'), tool: '0.2.0', source: 'run', input: null,
      manifest_sha256: last ? sha256(manifestText) : `older-${i}`, commit: null, dirty: null,
      selectors: [
        { id: 'integration', outcome: i === 3 ? 'failed' : 'passed', expect: 'pass', met: i !== 3, duration_s: last ? 38 : 30 + i, counts: { passed: 1 } },
        ...(i >= options.runs - unitRuns ? [{ id: 'unit', outcome: 'passed' as const, expect: 'pass' as const, met: true, duration_s: last ? 0.5 : 0.4, counts: { passed: 1 } }] : []),
      ],
    };
    lines.push(formatHistoryLine(entry));
  }
  writeFileSync(join(out, 'trends.history.jsonl'), `${lines.join('\n')}\n`);
  return { input, out, brief: join(out, 'trends.md'), chart: (id) => join(out, 'charts', 'trends', `runtime-${id}.svg`) };
}

const render = (s: Setup, ...more: string[]) => runCli(['render', s.input, '--out', s.out, '--now', NOW, ...more], { cwd: temp.dir });

test('render writes a chart per charted selector beside the brief, links it from the row, shows it under "Runtime trends"; the brief passes markdownlint', async () => {
  const s = setUp({ runs: 12 });
  const r = await render(s);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('wrote 2 runtime charts in out/charts/trends/\nwrote out/trends.md\n');
  const brief = readFileSync(s.brief, 'utf8');
  expect(brief).toContain('| max 90s, warn 1m, expected 36s ± 5s, min 20s; [trend](charts/trends/runtime-integration.svg) |');
  expect(brief).toContain('| unit | `pytest tests/test_u.py` | Units | pass | [trend](charts/trends/runtime-unit.svg) |');
  expect(brief).toContain(
    '\n## Runtime trends\n\nEach selector\'s duration in its last runs (up to 30, the newest at the right) against its guardrails: the shaded band is the expected runtime ± its tolerance, the lines are min, warn and max; a cross marks a run that did not meet its expect.\n\n' +
      '![integration: last 38 s, median 37 s over the last 10 runs; nearest guardrail: expected 36 s ± 5 s, upper edge 41 s (3 s below it); 1 of the 12 runs shown did not go as expected](charts/trends/runtime-integration.svg)\n\n' +
      '![unit: last 0.5 s, median 0.4 s over the last 10 runs; no runtime guardrail](charts/trends/runtime-unit.svg)\n\n## Evidence appendix\n',
  );
  const integration = readSvg(readFileSync(s.chart('integration'), 'utf8'));
  expect(byClass(integration, 'rt-met', 'rt-runs')).toHaveLength(11);
  expect(byClass(integration, 'rt-unmet', 'rt-runs')).toHaveLength(1);
  expect(readdirSync(join(s.out, 'charts', 'trends')).sort()).toEqual(['runtime-integration.svg', 'runtime-unit.svg']);
  const lint = await lintMarkdown([s.brief]);
  expect(lint.output).toContain('0 error(s)');
  expect(lint.code).toBe(0);
});

test('same history, same bytes; a chart is rewritten only when it changed', async () => {
  const s = setUp({ runs: 12 });
  expect((await render(s)).code).toBe(0);
  const first = { integration: readFileSync(s.chart('integration'), 'utf8'), unit: readFileSync(s.chart('unit'), 'utf8'), brief: readFileSync(s.brief, 'utf8') };
  const written = statSync(s.chart('integration')).mtimeMs;
  await new Promise((r) => setTimeout(r, 20));
  const again = await render(s);
  expect(again.stderr).toBe('wrote out/trends.md\n');
  expect(statSync(s.chart('integration')).mtimeMs).toBe(written);
  // Another output folder with the same history and evidence: the same bytes.
  const out2 = join(temp.dir, 'out2');
  mkdirSync(join(out2, 'logs', 'trends'), { recursive: true });
  for (const f of ['trends.evidence.json', 'trends.history.jsonl', 'logs/trends/integration.log', 'logs/trends/unit.log']) copyFileSync(join(s.out, f), join(out2, f));
  expect((await runCli(['render', s.input, '--out', out2, '--now', NOW], { cwd: temp.dir })).code).toBe(0);
  expect(readFileSync(join(out2, 'charts', 'trends', 'runtime-integration.svg'), 'utf8')).toBe(first.integration);
  expect(readFileSync(join(out2, 'charts', 'trends', 'runtime-unit.svg'), 'utf8')).toBe(first.unit);
  expect(readFileSync(join(out2, 'trends.md'), 'utf8')).toBe(first.brief);
});

test('a selector without a guardrail and fewer than 3 runs gets no chart; one with a guardrail gets one from its first run', async () => {
  const s = setUp({ runs: 3, unitRuns: 2 });
  expect((await render(s)).code).toBe(0);
  const brief = readFileSync(s.brief, 'utf8');
  expect(existsSync(s.chart('integration'))).toBe(true);
  expect(existsSync(s.chart('unit'))).toBe(false);
  expect(brief).not.toContain('runtime-unit.svg');
  expect(brief).toContain('| unit | `pytest tests/test_u.py` | Units | pass | — |');
});

test('a brief without charts has no chart folder, no "Runtime trends" and no trend link', async () => {
  const s = setUp({ runs: 2, input: INPUT.replace(', runtime: {max: 90s, warn: 60s, expected: 36s, tolerance: 5s, min: 20s}', '') });
  const r = await render(s);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('wrote out/trends.md\n');
  const brief = readFileSync(s.brief, 'utf8');
  expect(brief).not.toMatch(/\[trend\]|Runtime trends|!\[/);
  expect(existsSync(join(s.out, 'charts'))).toBe(false);
});

test('render --no-evidence draws no charts (the brief as if never run) and removes the ones the brief no longer links', async () => {
  const s = setUp({ runs: 12 });
  expect((await render(s)).code).toBe(0);
  writeFileSync(join(s.out, 'charts', 'trends', 'notes.txt'), 'not a chart: left alone\n');
  expect((await render(s, '--no-evidence')).code).toBe(0);
  expect(readFileSync(s.brief, 'utf8')).not.toContain('Runtime trends');
  expect(readdirSync(join(s.out, 'charts', 'trends'))).toEqual(['notes.txt']);
});

test('render --check fails on a chart that is stale or missing, says which, and writes nothing', async () => {
  const s = setUp({ runs: 12 });
  expect((await render(s)).code).toBe(0);
  expect((await render(s, '--check')).code).toBe(0);

  writeFileSync(s.chart('unit'), readFileSync(s.chart('unit'), 'utf8').replace('0.5 s', '9 s'));
  const stale = await render(s, '--check');
  expect(stale.code).toBe(1);
  expect(stale.stderr).toBe('out/charts/trends/runtime-unit.svg is stale; run `handoff render` without --check to update it\nout/trends.md is up to date, but not its charts\n');
  expect(readFileSync(s.chart('unit'), 'utf8')).toContain('9 s');

  rmSync(s.chart('integration'));
  const missing = await render(s, '--check');
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('out/charts/trends/runtime-integration.svg is missing; run `handoff render` without --check to update it\n');
  expect(existsSync(s.chart('integration'))).toBe(false);

  expect((await render(s)).code).toBe(0);
  expect((await render(s, '--check')).code).toBe(0);
});

test('a new run in the history changes the chart, its alt text and the brief\'s inputs hash: --check says both are stale', async () => {
  const s = setUp({ runs: 12 });
  expect((await render(s)).code).toBe(0);
  const history = join(s.out, 'trends.history.jsonl');
  const lines = readFileSync(history, 'utf8').trim().split('\n');
  // An older run slower than it was: only the charts (and the lines they read) change.
  const older = JSON.parse(lines[5]!) as HistoryEntry;
  older.selectors[0]!.duration_s = 88;
  lines[5] = formatHistoryLine(older);
  writeFileSync(history, `${lines.join('\n')}\n`);
  const r = await render(s, '--check');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('out/charts/trends/runtime-integration.svg is stale');
  expect(r.stderr).toContain('out/trends.md is stale');
  expect(r.stdout).toMatch(/^-<!-- generated by handoff-brief .*\n\+<!-- generated by handoff-brief /m);
});

test('a template of its own that shows no chart: no chart file is written, and the ones an earlier render wrote go', async () => {
  const s = setUp({ runs: 12 });
  expect((await render(s)).code).toBe(0);
  expect(existsSync(s.chart('unit'))).toBe(true);
  const template = join(temp.dir, 'plain.md.hbs');
  writeFileSync(template, '# {{brief.title}}\n\n{{#each selectorGroups}}{{#each selectors}}- {{id}}: {{cell runtime}}\n{{/each}}{{/each}}');
  const r = await render(s, '--template', template);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('wrote out/trends.md\n');
  expect(readdirSync(join(s.out, 'charts', 'trends'))).toEqual([]);
  expect((await render(s, '--template', template, '--check')).code).toBe(0);
});
