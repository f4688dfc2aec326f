// The layer order of src/, held by a test: dependencies point one way, from the CLI down to text.
// A folder (or a single file at the top of src/) may import only what stands on a lower layer;
// two folders on one layer know nothing of each other. Bottom to top:
//
//   errors, version   the error classes and the version: imported by everything
//   text              strings, dates, durations, Markdown cells and code spans, the YAML reader
//   io, clock         files (atomic writes, locks, transactions, console) and the time of a run
//   plan              plan files and the ledger: checklist rows and attempts, read and edited
//   input             the hand-over input: read, validate (its plan rows too), start one from a plan
//   evidence          pytest runs, their manifest and history, the reader's wording of a result
//   followups, charts cadences, due dates, the due list, the calendar, what `run --due` picks; and
//                     a selector's runtime trend as an SVG, and which selectors get one
//   render, ci        the brief (view model, templates), and what CI gets (workflow, job summary)
//   run               one run into the output folder: run the selectors, render, swap, report
//   publish, site     a hand-over into the repo: what to write, check, and write it all at once;
//                     the static site of every hand-over (index, a page per brief, trends, logs)
//   commands          one file per command: a sequence of the calls above
//   cli               the command line: parsing, options, help (src/cli.ts and src/cli/)
//   main              the one entry, argv in and exit code out (src/main.ts)
//
// Run it alone: NODE_OPTIONS=--experimental-vm-modules npx jest test/architecture
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { findCycles, readImports } from './import-graph.js';

const LAYERS: ReadonlyArray<readonly string[]> = [
  ['errors', 'version'],
  ['text'],
  ['io', 'clock'],
  ['plan'],
  ['input'],
  ['evidence'],
  ['followups', 'charts'],
  ['render', 'ci'],
  ['run'],
  ['publish', 'site'],
  ['commands'],
  ['cli'],
  ['main'],
];

const RANK = new Map(LAYERS.flatMap((units, rank) => units.map((unit) => [unit, rank] as const)));

/** A file's folder under src/ (`render/view-model.ts` → `render`), or its own name at the top (`clock.ts` → `clock`). */
function unitOf(file: string): string {
  return file.split('/')[0]!.replace(/\.ts$/, '');
}

const { files, edges } = readImports(join(ROOT, 'src'));

test('every folder and top-level file of src/ has its place in the layer order', () => {
  const unplaced = [...new Set(files.map(unitOf))].filter((unit) => !RANK.has(unit));
  expect(unplaced).toEqual([]);
});

/** Why an import from one file to another breaks the order ('up', 'sideways'), or null when it keeps it. */
function breach(from: string, to: string): 'up' | 'sideways' | null {
  const [a, b] = [unitOf(from), unitOf(to)];
  const [ra, rb] = [RANK.get(a), RANK.get(b)];
  if (a === b || ra === undefined || rb === undefined || rb < ra) return null;
  return rb > ra ? 'up' : 'sideways';
}

test('no import runs up the layers, or sideways between two folders of one layer', () => {
  const wrong = edges.flatMap(({ from, to, line }) => {
    const how = breach(from, to);
    if (how === null) return [];
    const [a, b] = [unitOf(from), unitOf(to)];
    return [`src/${from}:${line} imports src/${to}: ${a} (layer ${RANK.get(a)}) may not import ${b} (layer ${RANK.get(b)}, ${how})`];
  });
  expect(wrong).toEqual([]);
});

test('no two folders import each other, however far round', () => {
  const units = [...new Set(files.map(unitOf))];
  const between = edges.map(({ from, to }) => [unitOf(from), unitOf(to)] as const);
  expect(findCycles(units, between).map((cycle) => cycle.join(' ↔ '))).toEqual([]);
});

test('no two files import each other, however far round, inside a folder or across', () => {
  const cycles = findCycles(
    files,
    edges.map(({ from, to }) => [from, to] as const),
  );
  expect(cycles.map((cycle) => cycle.map((f) => `src/${f}`).join(' ↔ '))).toEqual([]);
});

test('a command calls no other command: what two commands share lives below them (run/, render/, publish/ …)', () => {
  const calls = edges.filter((e) => unitOf(e.from) === 'commands' && unitOf(e.to) === 'commands' && !e.typeOnly);
  expect(calls.map(({ from, to, line }) => `src/${from}:${line} imports src/${to}`)).toEqual([]);
});

test('the check sees an upward import, a sideways one and a loop when there is one', () => {
  // A guard for the check itself: a reader that found no imports, or a rule that let all
  // through, would pass everything above.
  expect(edges.some((e) => e.from === 'commands/run.ts' && unitOf(e.to) === 'input')).toBe(true);
  expect(edges.find((e) => e.from === 'commands/watch.ts' && e.to === 'commands/render.ts')?.typeOnly).toBe(true);
  expect(edges.find((e) => e.from === 'commands/run.ts' && e.to === 'run/run-selectors.ts')?.typeOnly).toBe(false);
  expect(breach('evidence/select-due.ts', 'render/followups.ts')).toBe('up');
  expect(breach('ci/job-summary.ts', 'render/evidence-view.ts')).toBe('sideways');
  expect(breach('clock.ts', 'input/grammars.ts')).toBe('up');
  expect(breach('commands/run.ts', 'input/load-input.ts')).toBeNull();
  expect(breach('commands/watch.ts', 'commands/render.ts')).toBeNull();
  expect(findCycles(['a', 'b', 'c'], [['a', 'b'], ['b', 'c'], ['c', 'a']])).toEqual([['a', 'b', 'c']]);
  expect(findCycles(['a', 'b'], [['a', 'b']])).toEqual([]);
});
