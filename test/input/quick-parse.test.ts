// The quick reading of valid data must give exactly zod's output (values, types, key order) and
// must accept nothing zod refuses: on every input the repository has, on histories, and on
// thousands of variations of them with one field broken, dropped, added or retyped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { HistoryEntrySchema } from '../../src/evidence/history.js';
import { quickParse } from '../../src/input/quick-parse.js';
import { InputSchema } from '../../src/input/schema.js';
import { readFrontMatter } from '../../src/text/front-matter.js';
import { parseYaml } from '../../src/text/yaml-document.js';
import { ROOT } from '../helpers/cli.js';

/** Values and key order: what toStrictEqual checks, and the order JSON and templates see. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, shapeOf(v)]);
  return value === undefined ? '(undefined)' : value;
}

/**
 * Whether zod and the quick reading agree on `data`. The comparison runs first with node's deep
 * equality and JSON (thousands of variations: jest's matchers cost most of the test's time); the
 * matchers run on a difference, to show it.
 */
function agree(schema: z.core.$ZodType, data: unknown, what: string): boolean {
  const zod = z.safeParse(schema, data, { jitless: true });
  const quick = quickParse(schema, data);
  if (!zod.success) {
    if (quick !== undefined) expect([what, quick]).toEqual([what, undefined]);
    return false;
  }
  if (quick === undefined) expect([what, 'left to zod']).toEqual([what, 'read quickly']);
  const same = isDeepStrictEqual(quick!.value, zod.data) && JSON.stringify(shapeOf(quick!.value)) === JSON.stringify(shapeOf(zod.data));
  if (!same) {
    expect(quick!.value).toStrictEqual(zod.data);
    expect([what, shapeOf(quick!.value)]).toEqual([what, shapeOf(zod.data)]);
  }
  return true;
}

async function inputs(): Promise<[string, unknown][]> {
  const files = [
    ...['good', 'bad'].flatMap((d) => readdirSync(join(ROOT, 'test/fixtures/inputs', d)).map((f) => join('test/fixtures/inputs', d, f))),
    'data/integrate-pytorch-001/phase_e3.yaml',
    'test/fixtures/pyprojects/team/handoff/alpha.yaml',
    'test/fixtures/pyprojects/team/handoff/beta.yaml',
  ];
  const found: [string, unknown][] = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    if (file.endsWith('.md')) {
      const front = await readFrontMatter(text);
      if (front.kind === 'ok') found.push([file, front.data]);
      continue;
    }
    const parsed = parseYaml(text);
    if (parsed.ok) found.push([file, parsed.data]);
  }
  return found;
}

/** Deterministic variations of a value: each changes one place (a field dropped, retyped, added). */
function* variations(value: unknown, seed: number): Generator<unknown> {
  let state = seed;
  const next = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
  const replacements = [undefined, null, '', 'text', 0, -1, 1.5, 90, Infinity, Number.NaN, true, [], [''], {}, { id: 'x' }, '2025-02-30', 'every 0 days', '90s', 'pytest a.py | tee x'];
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  for (let n = 0; n < 400; n++) {
    const path = paths[next(paths.length)]!;
    const copy = structuredClone(value) as Record<string | number, unknown>;
    if (path.length === 0) continue;
    let parent: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const kind = next(4);
    if (kind === 0 && !Array.isArray(parent)) delete parent[last];
    else if (kind === 1 && !Array.isArray(parent)) parent[`extra_${next(3)}`] = 'x';
    else parent[last] = replacements[next(replacements.length)];
    yield copy;
  }
}

test('inputs: the same output as zod, and nothing zod refuses', async () => {
  let valid = 0;
  for (const [file, data] of await inputs()) if (agree(InputSchema, data, file)) valid++;
  expect(valid).toBeGreaterThan(5);
});

test('inputs with one place changed: the same answer as zod', async () => {
  let valid = 0;
  let refused = 0;
  for (const [file, data] of (await inputs()).filter(([f]) => /good|phase_e3|alpha/.test(f))) {
    let n = 0;
    for (const variant of variations(data, file.length)) (agree(InputSchema, variant, `${file} variant ${n++}`) ? valid++ : refused++);
  }
  // Both answers are exercised.
  expect(valid).toBeGreaterThan(100);
  expect(refused).toBeGreaterThan(100);
});

test('the Phase E3 input with any one value made infinite, not a number, null or empty: the same answer as zod', async () => {
  const [, data] = (await inputs()).find(([f]) => f.includes('phase_e3'))!;
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (path.length > 0) paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(data, []);
  for (const path of paths) {
    for (const replacement of [Infinity, Number.NaN, null, '']) {
      const copy = structuredClone(data) as Record<string | number, unknown>;
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
      parent[path[path.length - 1]!] = replacement;
      agree(InputSchema, copy, `${path.join('.')} = ${String(replacement)}`);
    }
  }
});

test('history lines, and lines with one place changed: the same answer as zod', () => {
  const line = {
    version: 1, time: '2025-10-19T20:58:32Z', tool: '0.2.0', source: 'run', input: { file: 'in.yaml', sha256: 'e'.repeat(64) }, manifest_sha256: 'f'.repeat(64),
    commit: null, dirty: false, newer_field: 'kept out',
    selectors: [
      { id: 'a', outcome: 'passed', expect: 'pass', met: true, duration_s: 1.5, counts: { passed: 3 } },
      { id: 'b', outcome: 'failed', expect: 'pass', met: false, duration_s: 0, counts: { passed: 1, failed: 2 }, extra: 1 },
    ],
  };
  expect(agree(HistoryEntrySchema, line, 'a line')).toBe(true);
  expect(agree(HistoryEntrySchema, { ...line, input: null, commit: 'c'.repeat(40), dirty: null }, 'nulls')).toBe(true);
  let n = 0;
  for (const variant of variations(line, 7)) agree(HistoryEntrySchema, variant, `variant ${n++}`);
});

test('a schema with a part it does not read is left to zod', () => {
  const schema = z.object({ files: z.record(z.string(), z.string()), n: z.number().default(3) });
  expect(quickParse(schema, { files: {} })).toBeUndefined();
  expect(schema.safeParse({ files: {} }).success).toBe(true);
  // A check that changes the value (trim) is not followed either.
  expect(quickParse(z.object({ a: z.string().trim() }), { a: ' x ' })).toBeUndefined();
});
