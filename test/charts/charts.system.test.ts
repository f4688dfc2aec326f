// Runtime charts end to end, with real pytest runs of the example project: `run` writes the charts
// `render` would (its own run counted before it is appended), `merge` writes them from the merged
// history, and `publish` puts them into the hand-over folder, linked from the published brief.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';
import { makeScratch, type Scratch } from '../publish/scratch.js';
import { lintMarkdown } from '../render/lint.js';
import { byClass, readSvg } from './svg.js';

const STAMP_DIR = 'plans/active/INTEGRATE-PYTORCH-001/reports/2025-10-19T205832Z';
const ALL = ['backend-selection', 'checkpoint', 'config-bridge-parity', 'decoder-parity', 'integration', 'lightning-orchestration', 'stitching', 'tf-baseline'];

let tmp: ReturnType<typeof makeTempDir>;
let s: Scratch;
beforeEach(() => {
  tmp = makeTempDir('handoff-charts-system-');
  s = makeScratch(tmp.dir);
});
afterEach(() => tmp.cleanup());

const cli = (...args: string[]) => runCli(args, { cwd: s.dir });
const chartDir = (): string => join(s.out, 'charts', 'phase_e3_handoff');
const marks = (svg: string): number => {
  const elements = readSvg(svg);
  return byClass(elements, 'rt-met', 'rt-runs').length + byClass(elements, 'rt-unmet', 'rt-runs').length;
};

test('run writes the charts render would; after 3 runs every selector has one; publish copies them into the hand-over folder, linked', async () => {
  const first = await cli('run', 'handoff.yaml', '--jobs', '2', '--quiet');
  expect(first.code).toBe(0);
  // One run: only `integration`, which has a runtime guardrail, gets a chart.
  expect(readdirSync(chartDir())).toEqual(['runtime-integration.svg']);
  expect(readFileSync(join(s.out, 'phase_e3_handoff.md'), 'utf8')).toContain('[trend](charts/phase_e3_handoff/runtime-integration.svg)');
  expect((await cli('render', 'handoff.yaml', '--check')).code).toBe(0);

  for (let i = 0; i < 2; i++) expect((await cli('run', 'handoff.yaml', '--jobs', '2', '--quiet')).code).toBe(0);
  expect(readdirSync(chartDir()).sort()).toEqual(ALL.map((id) => `runtime-${id}.svg`));
  for (const name of readdirSync(chartDir())) expect([name, marks(readFileSync(join(chartDir(), name), 'utf8'))]).toEqual([name, 3]);
  const check = await cli('render', 'handoff.yaml', '--check');
  expect(check.stderr).toBe('out/phase_e3_handoff.md is up to date\n');
  expect(check.code).toBe(0);
  expect((await lintMarkdown([join(s.out, 'phase_e3_handoff.md')])).code).toBe(0);

  const published = await cli('publish', 'handoff.yaml', '--no-run');
  expect(published.code).toBe(0);
  expect(published.stderr).toContain(`  ${STAMP_DIR}/charts/runtime-integration.svg\n`);
  const folder = join(s.repo, STAMP_DIR);
  // Flat in the hand-over folder (one brief per folder), the same bytes as beside the brief in out/.
  expect(readdirSync(join(folder, 'charts')).sort()).toEqual(ALL.map((id) => `runtime-${id}.svg`));
  for (const id of ALL) {
    expect(readFileSync(join(folder, 'charts', `runtime-${id}.svg`), 'utf8')).toBe(readFileSync(join(chartDir(), `runtime-${id}.svg`), 'utf8'));
  }
  const brief = readFileSync(join(folder, 'phase_e3_handoff.md'), 'utf8');
  expect(brief).toContain('[trend](charts/runtime-integration.svg)');
  expect(brief).toMatch(/^!\[integration: last [\d.]+ s, median [\d.]+ s over the last 3 runs; nearest guardrail: min 20 s \([\d.]+ s below it\)\]\(charts\/runtime-integration\.svg\)$/m);
  expect(brief).not.toContain('charts/phase_e3_handoff/');
  expect(readFileSync(join(folder, 'summary.md'), 'utf8')).toContain('- [`charts/`](charts/) — runtime trend of 8 selectors (SVG), shown in the brief\n');
  expect((await lintMarkdown([join(folder, 'phase_e3_handoff.md')])).code).toBe(0);
  const again = await cli('publish', 'handoff.yaml', '--no-run');
  expect(again.stderr).toContain('nothing to change');
}, 120_000);

test('merge writes the charts from the merged history: the earlier run and the merged one', async () => {
  expect((await cli('run', 'handoff.yaml', '--quiet')).code).toBe(0);
  const [a, b] = await Promise.all([
    cli('run', 'handoff.yaml', '--shard', '1/2', '--out', 'm1', '--quiet'),
    cli('run', 'handoff.yaml', '--shard', '2/2', '--out', 'm2', '--quiet'),
  ]);
  expect([a.code, b.code]).toEqual([0, 0]);
  // The shards draw nothing: they write no brief.
  expect(existsSync(join(s.dir, 'm1', 'charts'))).toBe(false);
  const merged = await cli('merge', 'handoff.yaml', 'm1/phase_e3_handoff.evidence.shard-1-of-2.json', 'm2/phase_e3_handoff.evidence.shard-2-of-2.json', '--quiet');
  expect(merged.code).toBe(0);
  // Two runs in the history: `integration` (a guardrail) is charted with both; the others need a third.
  expect(readdirSync(chartDir())).toEqual(['runtime-integration.svg']);
  expect(marks(readFileSync(join(chartDir(), 'runtime-integration.svg'), 'utf8'))).toBe(2);
  expect((await cli('render', 'handoff.yaml', '--check')).code).toBe(0);
}, 120_000);
