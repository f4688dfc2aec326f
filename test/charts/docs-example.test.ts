// The chart docs/charts.md shows is a real one: docs/examples/runtime-integration.svg is what
// renderRuntimeChart draws for the history below (24 nightly runs of the Phase E3 `integration`
// selector drifting towards its warn guardrail, one failed and one flaky). When the drawing
// changes, replace the file with the chart this test receives, and look at it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRuntimeChart } from '../../src/charts/runtime-chart.js';
import { ROOT } from '../helpers/cli.js';

const DURATIONS = [34.2, 35.1, 33.8, 36.4, 35, 36.9, 37.2, 36.1, 38.4, 37.9, 39.3, 38.8, 40.6, 41.2, 40.1, 42.7, 43.5, 44.9, 44.1, 46.3, 47.8, 49.2, 51.5, 54.6];
const OUTCOMES: Record<number, string> = { 9: 'failed', 17: 'flaky' };

const DOCS_EXAMPLE = {
  selectorId: 'integration',
  runs: DURATIONS.map((durationS, i) => ({
    time: new Date(Date.UTC(2025, 8, 26 + i, 2)).toISOString().replace('.000Z', 'Z'),
    durationS,
    met: OUTCOMES[i] === undefined,
    outcome: OUTCOMES[i] ?? 'passed',
  })),
  runtime: { max: 90, warn: 60, expected: 36, tolerance: 5, min: 20 },
};

test('docs/examples/runtime-integration.svg is the chart of the example history, and docs/charts.md quotes its alt text', () => {
  const chart = renderRuntimeChart(DOCS_EXAMPLE);
  expect(readFileSync(join(ROOT, 'docs', 'examples', 'runtime-integration.svg'), 'utf8')).toBe(chart.svg);
  expect(readFileSync(join(ROOT, 'docs', 'charts.md'), 'utf8')).toContain(`![${chart.alt}](examples/runtime-integration.svg)`);
});
