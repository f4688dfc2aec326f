// A selector's runtime trend as a small SVG (issue 18): its duration in each of its last runs (up
// to 30, newest at the right), the guardrail band (expected ± tolerance) and lines (min, warn,
// max), runs that did not go as expected drawn as crosses rather than dots. Drawn here, by
// hand, rather than by a charting library: one chart is a few dozen elements, and the libraries
// that render SVG in Node without a DOM cost more to load than a whole render (docs/charts.md).
//
// Pure and deterministic: the same input gives the same bytes (no clock, no random ids, numbers
// at a fixed precision). No script, no link, no external font or image: a `<style>` with generic
// font families only, and its own background, so it reads on GitHub's light and dark themes
// whichever the viewer's system prefers. `<title>` and `<desc>` (with every run) for screen
// readers; the alt text the brief puts beside it states the numbers.
import { createHash } from 'node:crypto';
import { escapeXml, formatCoordinate as n, formatSeconds } from './svg-text.js';

export interface RuntimeChartRun {
  /** ISO 8601 UTC. */
  time: string;
  durationS: number;
  met: boolean;
  outcome: string;
}

export interface RuntimeChartInput {
  selectorId: string;
  /** Oldest first; the last 30 are drawn. */
  runs: RuntimeChartRun[];
  runtime?: { min?: number; warn?: number; max?: number; expected?: number; tolerance?: number };
}

export interface RuntimeChart {
  /** Drawn when first read: a brief that only links its charts (`site`'s) never draws them. */
  readonly svg: string;
  /** One sentence with the numbers: last duration, median of the last 10, nearest guardrail. */
  alt: string;
  /** `runtime-<selector id>.svg`. */
  fileName: string;
}

/** Runs drawn at most. */
export const CHART_RUNS = 30;
/** Runs the median in the alt text is taken over. */
const MEDIAN_RUNS = 10;

// Layout, in SVG units (= CSS pixels at 100%): the plot on the left, guardrail labels on the right.
const WIDTH = 480;
const HEIGHT = 120;
const PLOT = { left: 34, right: 392, top: 20, bottom: 96 };
const LABEL_X = 398;
const LABEL_GAP = 11;

/** The `<style>`: GitHub's own light and dark colours, each a pair that reads on its own background. */
const STYLE = [
  '.rt-bg{fill:#ffffff;stroke:#d0d7de}',
  '.rt-text{fill:#1f2328;font-family:sans-serif;font-size:10px}',
  '.rt-id{font-weight:bold}',
  '.rt-axis{fill:none;stroke:#8c959f;stroke-width:1}',
  '.rt-line{fill:none;stroke:#0969da;stroke-width:1.5}',
  '.rt-met{fill:#0969da}',
  '.rt-unmet{fill:none;stroke:#cf222e;stroke-width:2}',
  '.rt-band{fill:#1a7f37;fill-opacity:0.16}',
  '.rt-expected{stroke:#1a7f37;stroke-width:1;stroke-dasharray:2 2}',
  '.rt-max{stroke:#cf222e;stroke-width:1.5}',
  '.rt-warn{stroke:#9a6700;stroke-width:1.5;stroke-dasharray:5 3}',
  '.rt-min{stroke:#8250df;stroke-width:1.5;stroke-dasharray:5 3}',
  '@media (prefers-color-scheme: dark){',
  '.rt-bg{fill:#0d1117;stroke:#30363d}',
  '.rt-text{fill:#e6edf3}',
  '.rt-axis{stroke:#6e7681}',
  '.rt-line{stroke:#4493f8}',
  '.rt-met{fill:#4493f8}',
  '.rt-unmet{stroke:#f85149}',
  '.rt-band{fill:#3fb950;fill-opacity:0.2}',
  '.rt-expected{stroke:#3fb950}',
  '.rt-max{stroke:#f85149}',
  '.rt-warn{stroke:#d29922}',
  '.rt-min{stroke:#a371f7}',
  '}',
].join('');

/** A guardrail the alt text can name: a limit, or an edge of the expected band. */
interface Limit {
  name: string;
  value: number;
}

/** The band and lines drawn, from the input's `runtime` (tolerance: 10% of expected when not given, as the run's own check takes it). */
/** The expected runtime's band: expected ± tolerance. */
type Band = { low: number; high: number; expected: number; tolerance: number };
/** A guardrail drawn as a line. */
type GuardrailLine = Limit & { kind: 'max' | 'warn' | 'min' };

function describeGuardrails(runtime: RuntimeChartInput['runtime']): { band: Band | null; lines: GuardrailLine[]; limits: Limit[] } {
  const g = runtime ?? {};
  const lines: Array<Limit & { kind: 'max' | 'warn' | 'min' }> = [];
  const limits: Limit[] = [];
  const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v >= 0;
  if (finite(g.max)) lines.push({ kind: 'max', name: `max ${formatSeconds(g.max)} s`, value: g.max });
  if (finite(g.warn)) lines.push({ kind: 'warn', name: `warn ${formatSeconds(g.warn)} s`, value: g.warn });
  if (finite(g.min)) lines.push({ kind: 'min', name: `min ${formatSeconds(g.min)} s`, value: g.min });
  let band = null;
  if (finite(g.expected)) {
    const tolerance = finite(g.tolerance) ? g.tolerance : g.expected * 0.1;
    band = { expected: g.expected, tolerance, low: Math.max(0, g.expected - tolerance), high: g.expected + tolerance };
    const named = `expected ${formatSeconds(g.expected)} s ± ${formatSeconds(tolerance)} s`;
    limits.push({ name: `${named}, upper edge ${formatSeconds(band.high)} s`, value: band.high });
    if (g.expected - tolerance > 0) limits.push({ name: `${named}, lower edge ${formatSeconds(band.low)} s`, value: band.low });
  }
  // The order ties are settled in: the limits that fail a run first.
  return { band, lines, limits: [...lines.filter((l) => l.kind !== 'min'), ...limits, ...lines.filter((l) => l.kind === 'min')] };
}

/** 1, 2, 2.5 or 5 times a power of ten, at or above `value`: the top of the y axis. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * (1 - 1e-12)) return step * power;
  return 10 * power;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest guardrail to a duration, and which side of it the duration is on. */
function describeNearest(last: number, limits: readonly Limit[]): string {
  let best: Limit | null = null;
  for (const limit of limits) if (best === null || Math.abs(last - limit.value) < Math.abs(last - best.value)) best = limit;
  if (best === null) return 'no runtime guardrail';
  const gap = Math.abs(last - best.value);
  const side = formatSeconds(gap) === '0' ? 'at it' : `${formatSeconds(gap)} s ${last > best.value ? 'above' : 'below'} it`;
  return `nearest guardrail: ${best.name} (${side})`;
}

/** The alt text's numbers: the last duration, the median of the last 10, the nearest guardrail, the runs not as expected. */
function describeNumbers(runs: readonly RuntimeChartRun[], limits: readonly Limit[]): string {
  // As shown: the distance to the nearest guardrail adds up with the numbers the reader sees.
  const last = Number(formatSeconds(runs[runs.length - 1]!.durationS));
  const recent = runs.slice(-MEDIAN_RUNS);
  const over = recent.length === 1 ? 'the last run' : `the last ${recent.length} runs`;
  const unmet = runs.filter((r) => !r.met).length;
  const unmetText = unmet > 0 ? `; ${unmet} of the ${runs.length} runs shown did not go as expected` : '';
  return `last ${formatSeconds(last)} s, median ${formatSeconds(median(recent.map((r) => r.durationS)))} s over ${over}; ${describeNearest(last, limits)}${unmetText}`;
}

/** `last 12 runs, 2025-09-20 to 2025-10-19`, below the plot. */
function describeSpan(runs: readonly RuntimeChartRun[]): string {
  if (runs.length === 0) return 'no runs yet';
  const [first, last] = [runs[0]!.time.slice(0, 10), runs[runs.length - 1]!.time.slice(0, 10)];
  if (runs.length === 1) return `1 run, ${first}`;
  return first === last ? `last ${runs.length} runs, all on ${first}` : `last ${runs.length} runs, ${first} to ${last}`;
}

/** `runtime-<id>.svg`; an id that is not a plain file name (never one the input accepts) gets a safe name and a hash. */
function chartFileName(selectorId: string): string {
  if (/^[a-z0-9][a-z0-9_-]{0,99}$/.test(selectorId)) return `runtime-${selectorId}.svg`;
  const safe = selectorId.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  const hash = createHash('sha256').update(selectorId).digest('hex').slice(0, 8);
  return `runtime-${safe ? `${safe}-` : ''}${hash}.svg`;
}

/** Labels on the right, each at its line, moved apart where lines are closer than a label is tall. */
function placeLabels(wanted: ReadonlyArray<{ y: number }>): number[] {
  const order = wanted.map((w, i) => ({ y: w.y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed: number[] = new Array<number>(wanted.length);
  let previous = -Infinity;
  for (const o of order) {
    const y = Math.max(o.y, previous + LABEL_GAP);
    placed[o.i] = y;
    previous = y;
  }
  // Pushed below the plot: shift the whole stack up, keeping the gaps.
  const lowest = Math.max(...placed, -Infinity);
  const overflow = lowest - PLOT.bottom;
  return overflow > 0 ? placed.map((y) => y - overflow) : placed;
}

export function renderRuntimeChart(input: RuntimeChartInput): RuntimeChart {
  const id = input.selectorId;
  const runs = input.runs.filter((r) => Number.isFinite(r.durationS) && r.durationS >= 0).slice(-CHART_RUNS);
  const { band, lines, limits } = describeGuardrails(input.runtime);
  const fileName = chartFileName(id);
  const ref = fileName.replace(/\.svg$/, '');

  const alt = `${id}: ${runs.length > 0 ? describeNumbers(runs, limits) : 'no runs yet'}`;
  let svg: string | undefined;
  return {
    alt,
    fileName,
    get svg(): string {
      return (svg ??= drawChart(id, ref, alt, runs, band, lines));
    },
  };
}

function drawChart(id: string, ref: string, alt: string, runs: RuntimeChartRun[], band: Band | null, lines: GuardrailLine[]): string {
  const span = describeSpan(runs);

  // The y axis from 0 to a round number above every run and guardrail.
  const top = niceCeiling(Math.max(...runs.map((r) => r.durationS), ...lines.map((l) => l.value), band?.high ?? 0, 0) * 1.1);
  const y = (seconds: number): number => PLOT.bottom - (Math.min(seconds, top) / top) * (PLOT.bottom - PLOT.top);
  // Fixed slots, newest at the right edge: charts of one brief compare at a glance, and a young
  // selector's few runs sit at the right with room for the ones to come.
  const slot = (PLOT.right - PLOT.left) / CHART_RUNS;
  const x = (index: number): number => PLOT.right - (runs.length - 1 - index + 0.5) * slot;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${ref}-title ${ref}-desc">`,
    `<title id="${ref}-title">${escapeXml(`Runtime of ${id}, ${span}`)}</title>`,
    `<desc id="${ref}-desc">${escapeXml(describeChart(alt, band, lines, runs))}</desc>`,
    `<style>${STYLE}</style>`,
    `<rect class="rt-bg" x="0.5" y="0.5" width="${WIDTH - 1}" height="${HEIGHT - 1}" rx="4"/>`,
  );
  // Guardrails under the runs, so a run on a line stays visible.
  out.push('<g class="rt-guardrails">');
  if (band) {
    out.push(`<rect class="rt-band" x="${PLOT.left}" y="${n(y(band.high))}" width="${PLOT.right - PLOT.left}" height="${n(y(band.low) - y(band.high))}"/>`);
    out.push(`<line class="rt-expected" x1="${PLOT.left}" y1="${n(y(band.expected))}" x2="${PLOT.right}" y2="${n(y(band.expected))}"/>`);
  }
  for (const line of lines) out.push(`<line class="rt-${line.kind}" x1="${PLOT.left}" y1="${n(y(line.value))}" x2="${PLOT.right}" y2="${n(y(line.value))}"/>`);
  out.push('</g>', `<path class="rt-axis" d="M${PLOT.left} ${PLOT.top}V${PLOT.bottom}H${PLOT.right}"/>`, '<g class="rt-runs">');
  if (runs.length > 1) out.push(`<polyline class="rt-line" points="${runs.map((r, i) => `${n(x(i))},${n(y(r.durationS))}`).join(' ')}"/>`);
  runs.forEach((r, i) => out.push(r.met ? drawDot(x(i), y(r.durationS)) : drawCross(x(i), y(r.durationS))));
  out.push('</g>');

  // Text: the y axis's ends, each guardrail's name at the right, the runs' span and a legend below.
  const text = (tx: number, ty: number, content: string, anchor = 'start'): string =>
    `<text class="rt-text" x="${n(tx)}" y="${n(ty)}"${anchor === 'start' ? '' : ` text-anchor="${anchor}"`}>${escapeXml(content)}</text>`;
  // The selector's id, visible: the brief shows the charts one after another without captions.
  out.push(`<text class="rt-text rt-id" x="8" y="13">${escapeXml(id.length > 60 ? `${id.slice(0, 59)}…` : id)}</text>`);
  out.push(text(PLOT.left - 4, PLOT.top + 7, `${formatSeconds(top)} s`, 'end'), text(PLOT.left - 4, PLOT.bottom, '0', 'end'));
  const labelled = [...lines.map((l) => ({ y: y(l.value), name: l.name })), ...(band ? [{ y: y(band.expected), name: shortExpected(band.expected) }] : [])];
  placeLabels(labelled).forEach((ly, i) => out.push(text(LABEL_X, ly + 3.5, labelled[i]!.name)));
  out.push(text(PLOT.left, HEIGHT - 8, span));
  const legendY = HEIGHT - 11.5;
  out.push('<g class="rt-legend">', drawDot(LABEL_X - 150, legendY), text(LABEL_X - 144, HEIGHT - 8, 'as expected'));
  out.push(drawCross(LABEL_X - 78, legendY), text(LABEL_X - 71, HEIGHT - 8, 'not as expected'), '</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** A run that met its expect. */
function drawDot(cx: number, cy: number): string {
  return `<circle class="rt-met" cx="${n(cx)}" cy="${n(cy)}" r="2.5"/>`;
}

/** A run that did not: a cross, told apart by its shape as well as its colour. */
function drawCross(cx: number, cy: number): string {
  return `<path class="rt-unmet" d="M${n(cx - 3)} ${n(cy - 3)}L${n(cx + 3)} ${n(cy + 3)}M${n(cx - 3)} ${n(cy + 3)}L${n(cx + 3)} ${n(cy - 3)}"/>`;
}

/** The expected runtime's label, within the right margin: `expected 36 s`, or `exp. 3600 s` when that is too long. */
function shortExpected(seconds: number): string {
  const long = `expected ${formatSeconds(seconds)} s`;
  return long.length <= 14 ? long : `exp. ${formatSeconds(seconds)} s`;
}

/** The description: the alt sentence, the guardrails, then every run drawn (a screen reader's table). */
function describeChart(
  alt: string,
  band: { expected: number; tolerance: number } | null,
  lines: readonly Limit[],
  runs: readonly RuntimeChartRun[],
): string {
  const guardrails = [...lines.map((l) => l.name), ...(band ? [`expected ${formatSeconds(band.expected)} s ± ${formatSeconds(band.tolerance)} s`] : [])];
  const each = runs.map((r) => `${r.time} ${formatSeconds(r.durationS)} s ${r.outcome}${r.met ? '' : ' (not as expected)'}`);
  return [
    `${alt}.`,
    guardrails.length > 0 ? ` Guardrails: ${guardrails.join(', ')}.` : '',
    each.length > 0 ? ` Runs, oldest first: ${each.join('; ')}.` : '',
  ].join('');
}
