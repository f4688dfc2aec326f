// A selector's runtime chart (src/charts/runtime-chart.ts), read back as XML: the same bytes for
// the same runs, the guardrail band and lines where the scale puts them, a dot per run that met its
// expect and a cross per run that did not, the numbers in the alt text, and nothing a browser
// would fetch or run, whatever the selector id or outcome holds.
import { CHART_RUNS, renderRuntimeChart, type RuntimeChartInput } from '../../src/charts/runtime-chart.js';
import { escapeXml, formatCoordinate, formatSeconds } from '../../src/charts/svg-text.js';
import { byClass, readSvg } from './svg.js';

const GUARDRAILS = { max: 90, warn: 60, expected: 36, tolerance: 5, min: 20 };

function runs(durations: readonly number[], unmet: readonly number[] = []): RuntimeChartInput['runs'] {
  return durations.map((durationS, i) => ({
    time: new Date(Date.UTC(2025, 8, 1 + i, 2)).toISOString().replace('.000Z', 'Z'),
    durationS,
    met: !unmet.includes(i),
    outcome: unmet.includes(i) ? 'failed' : 'passed',
  }));
}

/**
 * The plot's scale for these tests: every run and guardrail is at most 90 s, so the y axis runs
 * from 0 to 100 s (a round number above 90 × 1.1) over y = 96 (0 s) to y = 20 (100 s).
 */
const yOf = (seconds: number): string => formatCoordinate(96 - (seconds / 100) * 76);

test('the same runs give the same bytes, without reading the clock or drawing a random number', () => {
  const input: RuntimeChartInput = { selectorId: 'integration', runs: runs([36, 38, 41, 35], [2]), runtime: GUARDRAILS };
  const first = renderRuntimeChart(input);
  const realDate = globalThis.Date;
  const realRandom = Math.random;
  try {
    globalThis.Date = class {
      constructor() {
        throw new Error('the chart read the clock');
      }
      static now(): number {
        throw new Error('the chart read the clock');
      }
    } as unknown as DateConstructor;
    Math.random = () => {
      throw new Error('the chart drew a random number');
    };
    const again = renderRuntimeChart(structuredClone(input));
    expect(again).toEqual(first);
  } finally {
    globalThis.Date = realDate;
    Math.random = realRandom;
  }
  expect(renderRuntimeChart({ ...input, runs: runs([36, 38, 41, 36], [2]) }).svg).not.toBe(first.svg);
});

test('a small, labelled image: viewBox, a width that fits a brief, role img, title and desc named by aria-labelledby', () => {
  const chart = renderRuntimeChart({ selectorId: 'integration', runs: runs([36, 38]), runtime: GUARDRAILS });
  const elements = readSvg(chart.svg);
  const svg = elements[0]!;
  expect(svg.name).toBe('svg');
  expect(svg.attributes).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 480 120', width: '480', height: '120', role: 'img' });
  const [titleId, descId] = svg.attributes['aria-labelledby']!.split(' ');
  const title = elements.find((e) => e.attributes.id === titleId)!;
  const desc = elements.find((e) => e.attributes.id === descId)!;
  expect([title.name, desc.name]).toEqual(['title', 'desc']);
  expect(title.text).toBe('Runtime of integration, last 2 runs, 2025-09-01 to 2025-09-02');
  expect(desc.text).toBe(
    `${chart.alt}. Guardrails: max 90 s, warn 60 s, min 20 s, expected 36 s ± 5 s. Runs, oldest first: 2025-09-01T02:00:00Z 36 s passed; 2025-09-02T02:00:00Z 38 s passed.`,
  );
  expect(chart.fileName).toBe('runtime-integration.svg');
  // Readable on a light and a dark page: its own background, and a dark palette for a dark system.
  expect(byClass(elements, 'rt-bg')).toHaveLength(1);
  expect(elements.find((e) => e.name === 'style')!.text).toContain('@media (prefers-color-scheme: dark){.rt-bg{fill:#0d1117');
});

test('the band is expected ± tolerance and the lines min, warn and max, each at its height on the scale', () => {
  const elements = readSvg(renderRuntimeChart({ selectorId: 'integration', runs: runs([36, 50, 38]), runtime: GUARDRAILS }).svg);
  const [band] = byClass(elements, 'rt-band', 'rt-guardrails');
  expect(band!.attributes).toMatchObject({ y: yOf(41), height: formatCoordinate(Number(yOf(31)) - Number(yOf(41))) });
  const lineAt = (cls: string) => byClass(elements, cls, 'rt-guardrails').map((e) => [e.attributes.y1, e.attributes.y2]);
  expect(lineAt('rt-max')).toEqual([[yOf(90), yOf(90)]]);
  expect(lineAt('rt-warn')).toEqual([[yOf(60), yOf(60)]]);
  expect(lineAt('rt-min')).toEqual([[yOf(20), yOf(20)]]);
  expect(lineAt('rt-expected')).toEqual([[yOf(36), yOf(36)]]);
  expect(byClass(elements, 'rt-met', 'rt-runs').map((e) => e.attributes.cy)).toEqual([yOf(36), yOf(50), yOf(38)]);
  // Each guardrail named at the right.
  expect(elements.filter((e) => e.name === 'text').map((e) => e.text)).toEqual(expect.arrayContaining(['max 90 s', 'warn 60 s', 'min 20 s', 'expected 36 s', '100 s', '0']));
});

test('without a tolerance the band is expected ± 10%, as the run checks it; without guardrails there is no band and no line', () => {
  const tenPercent = readSvg(renderRuntimeChart({ selectorId: 's', runs: runs([40]), runtime: { expected: 50 } }).svg);
  // The top: 55 s × 1.1 is above 50, so the axis runs to 100 s as in the other tests.
  expect(byClass(tenPercent, 'rt-band')[0]!.attributes.y).toBe(yOf(55));
  const plain = readSvg(renderRuntimeChart({ selectorId: 's', runs: runs([1, 2, 3]) }).svg);
  expect(byClass(plain, 'rt-band')).toEqual([]);
  expect(plain.filter((e) => e.groups.includes('rt-guardrails'))).toEqual([]);
});

test('one mark per run, newest at the right; runs that did not go as expected are crosses, not dots', () => {
  const elements = readSvg(renderRuntimeChart({ selectorId: 'integration', runs: runs([36, 37, 80, 38, 12], [2, 4]), runtime: GUARDRAILS }).svg);
  const dots = byClass(elements, 'rt-met', 'rt-runs');
  const crosses = byClass(elements, 'rt-unmet', 'rt-runs');
  expect(dots).toHaveLength(3);
  expect(crosses).toHaveLength(2);
  expect(crosses.every((c) => c.name === 'path')).toBe(true);
  // The line joins all five, met or not, in order; the newest sits half a slot from the right edge.
  const points = byClass(elements, 'rt-line', 'rt-runs')[0]!.attributes.points!.split(' ');
  expect(points).toHaveLength(5);
  expect(points[4]).toBe(`386,${yOf(12)}`);
  expect(points.map((p) => Number(p.split(',')[0]))).toEqual([...points.map((p) => Number(p.split(',')[0]))].sort((a, b) => a - b));
  // The legend says which is which, apart from the runs.
  expect(byClass(elements, 'rt-met', 'rt-legend')).toHaveLength(1);
  expect(byClass(elements, 'rt-unmet', 'rt-legend')).toHaveLength(1);
});

test(`only the last ${CHART_RUNS} runs are drawn`, () => {
  const durations = Array.from({ length: 40 }, (_, i) => 30 + (i % 7));
  const chart = renderRuntimeChart({ selectorId: 'integration', runs: runs(durations, [5, 35]), runtime: GUARDRAILS });
  const elements = readSvg(chart.svg);
  expect(byClass(elements, 'rt-met', 'rt-runs').length + byClass(elements, 'rt-unmet', 'rt-runs').length).toBe(30);
  expect(byClass(elements, 'rt-unmet', 'rt-runs')).toHaveLength(1); // run 5 is older than the 30
  const desc = elements.find((e) => e.name === 'desc')!.text;
  expect(desc).toContain('2025-09-11T02:00:00Z'); // run 10, the oldest drawn
  expect(desc).not.toContain('2025-09-10T02:00:00Z');
  expect(elements.find((e) => e.name === 'title')!.text).toBe('Runtime of integration, last 30 runs, 2025-09-11 to 2025-10-10');
});

describe('the alt text states the numbers', () => {
  const last10 = [36, 30, 40, 32, 38, 33, 37, 34, 36, 38];

  test('last duration, median of the last 10, the nearest guardrail and how far', () => {
    const chart = renderRuntimeChart({ selectorId: 'integration', runs: runs([70, ...last10]), runtime: { max: 90, warn: 60 } });
    expect(chart.alt).toBe('integration: last 38 s, median 36 s over the last 10 runs; nearest guardrail: warn 60 s (22 s below it)');
  });

  test('a run past a guardrail says it is above it; the edges of the expected band count; runs not met are counted', () => {
    expect(renderRuntimeChart({ selectorId: 'i', runs: runs([36, 95], [1]), runtime: GUARDRAILS }).alt).toBe(
      'i: last 95 s, median 66 s over the last 2 runs; nearest guardrail: max 90 s (5 s above it); 1 of the 2 runs shown did not go as expected',
    );
    expect(renderRuntimeChart({ selectorId: 'i', runs: runs([40]), runtime: GUARDRAILS }).alt).toBe(
      'i: last 40 s, median 40 s over the last run; nearest guardrail: expected 36 s ± 5 s, upper edge 41 s (1 s below it)',
    );
    // The distance is from the duration as shown (12.5 s shows as 13 s): the numbers add up.
    expect(renderRuntimeChart({ selectorId: 'i', runs: runs([12.5]), runtime: GUARDRAILS }).alt).toBe(
      'i: last 13 s, median 13 s over the last run; nearest guardrail: min 20 s (7 s below it)',
    );
    expect(renderRuntimeChart({ selectorId: 'i', runs: runs([7.5]), runtime: { min: 10 } }).alt).toBe(
      'i: last 7.5 s, median 7.5 s over the last run; nearest guardrail: min 10 s (2.5 s below it)',
    );
  });

  test('without guardrails it says so; short runs keep their decimals', () => {
    expect(renderRuntimeChart({ selectorId: 'fast', runs: runs([0.04, 0.05, 0.12]) }).alt).toBe('fast: last 0.12 s, median 0.05 s over the last 3 runs; no runtime guardrail');
  });
});

test('a hostile selector id, outcome or time stays text: well-formed XML, no script, no link, no external reference', () => {
  const hostile = 'x"><script>alert(1)</script><foreignObject><a xlink:href="javascript:alert(1)">&amp;\u0000\uD800';
  const outcome = '</desc><script src="https://evil.example/x.js"></script><image href="https://evil.example/p.png"/><style>@import url(https://evil.example/f.css)</style>';
  const chart = renderRuntimeChart({
    selectorId: hostile,
    runs: [...runs([36, 37]), { time: '2025-09-03T02:00:00Z"><script>', durationS: 38, met: false, outcome }],
    runtime: GUARDRAILS,
  });
  const elements = readSvg(chart.svg); // throws unless well-formed
  const allowed = new Set(['svg', 'title', 'desc', 'style', 'rect', 'g', 'line', 'path', 'polyline', 'circle', 'text']);
  expect(elements.map((e) => e.name).filter((name) => !allowed.has(name))).toEqual([]);
  const attributes = elements.flatMap((e) => Object.entries(e.attributes));
  expect(attributes.filter(([name]) => /href|src|^on/i.test(name))).toEqual([]);
  expect(attributes.filter(([, value]) => /url\(|javascript:|https?:/i.test(value) && value !== 'http://www.w3.org/2000/svg')).toEqual([]);
  expect(elements.filter((e) => e.name === 'style')).toHaveLength(1);
  expect(elements.find((e) => e.name === 'style')!.text).not.toMatch(/@import|url\(|https?:/);
  // The text is there, as text, for a screen reader.
  expect(elements.find((e) => e.name === 'desc')!.text).toContain(outcome);
  expect(elements.find((e) => e.name === 'title')!.text).toContain('x"><script>alert(1)</script>');
  expect(chart.fileName).toMatch(/^runtime-[a-z0-9_-]+\.svg$/);
  expect(renderRuntimeChart({ selectorId: `${hostile}!`, runs: runs([1]) }).fileName).not.toBe(chart.fileName);
  // ids that aria-labelledby names are plain names too.
  expect(elements[0]!.attributes['aria-labelledby']).toMatch(/^runtime-[a-z0-9_-]+-title runtime-[a-z0-9_-]+-desc$/);
});

test('no runs (a caller that asks anyway): an empty plot that says so', () => {
  const chart = renderRuntimeChart({ selectorId: 'never', runs: [], runtime: GUARDRAILS });
  expect(chart.alt).toBe('never: no runs yet');
  expect(byClass(readSvg(chart.svg), 'rt-met', 'rt-runs')).toEqual([]);
});

test('numbers and text in the file', () => {
  expect([36, 36.4, 9.96, 3.45, 0.05, 0.004, 0].map(formatSeconds)).toEqual(['36', '36', '10', '3.5', '0.05', '0', '0']);
  expect([27.6, 27.64, -0.01, 386.03, 40].map(formatCoordinate)).toEqual(['27.6', '27.6', '0', '386', '40']);
  expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;');
  expect(escapeXml('plain')).toBe('plain');
  expect(escapeXml('😀')).toBe('😀');
});
