// One YAML reading: each text below means the same whether the file is otherwise valid or has
// another problem (0.1.0 read valid files with js-yaml and problem files with the `yaml`
// package, and they disagreed on exactly these), and the same in an input, in a Markdown
// input's front matter and in a template's front matter.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { loadInput } from '../../src/input/load-input.js';
import { loadTemplateSet } from '../../src/render/templates.js';
import { makeTempDir } from '../helpers/cli.js';

const tmp = makeTempDir('handoff-yaml-');
afterAll(() => tmp.cleanup());

const BASE = `version: 1
brief: {id: b, title: T, initiative: I, phase: P, recipient: {initiative: R, phase: Q}}
`;
/** A second, unrelated problem, so the file is not valid as a whole. */
const OTHER_PROBLEM = 'open_questions: {not: a list}\n';

let n = 0;
async function load(text: string, extension = '.yaml'): Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; messages: string[] }> {
  const file = join(tmp.dir, `in-${n++}${extension}`);
  await writeFile(file, text);
  try {
    const loaded = await loadInput({ file, cwd: tmp.dir });
    return { ok: true, data: loaded.data as unknown as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { ok: false, messages: error.problems.map((p) => `${p.line}:${p.col}: ${p.path}: ${p.message}`) };
  }
}

describe.each([
  ['alone', ''],
  ['beside another problem', OTHER_PROBLEM],
])('the same meaning %s', (_name, other) => {
  test('0b111100 is text, so it is not a duration', async () => {
    const r = await load(`${BASE}ci: {timeout: 0b111100}\n${other}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messages).toContainEqual(expect.stringMatching(/^3:\d+: ci\.timeout: "0b111100" is not a duration/));
  });

  test('a %YAML 1.1 directive does not change the schema: yes stays text', async () => {
    const r = await load(`%YAML 1.1\n---\n${BASE}purpose: yes\n${other}`);
    if (other === '') expect(r).toMatchObject({ ok: true, data: { purpose: 'yes' } });
    else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.messages.join('\n')).not.toContain('purpose');
    }
  });

  test('!!float 90: a value the core tag does not read, reported at its position', async () => {
    const r = await load(`${BASE}ci: {retries: !!float 90}\n${other}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messages[0]).toMatch(/^3:15: : YAML: the value does not read as !!float; write the value without a tag/);
  });

  test('a tag outside the core schema (!!python/object) is refused, reported at its position', async () => {
    const r = await load(`${BASE}purpose: !!python/object x\n${other}`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messages[0]).toMatch(/^3:10: : YAML: the tag !!python\/object is not supported; write the value without a tag/);
  });

  test('a number where text belongs: the hint quotes it as written (4.10, 1.0, 007)', async () => {
    const r = await load(`${BASE}references: [{path: a.md, anchor: 4.10}, {path: b.md, anchor: 007}]\nplan_extension: {recommend: true, phase: 1.0}\n${other}`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.messages).toContainEqual(expect.stringContaining('references[0].anchor: expected text, got the number 4.1; quote it ("4.10")'));
    expect(r.messages).toContainEqual(expect.stringContaining('references[1].anchor: expected text, got the number 7; quote it ("007")'));
    expect(r.messages).toContainEqual(expect.stringContaining('plan_extension.phase: expected text, got the number 1; quote it ("1.0")'));
  });
});

test('!!str keeps a value as text', async () => {
  expect(await load(`${BASE}references: [{path: a.md, anchor: !!str 4.10}]\n`)).toMatchObject({ ok: true, data: { references: [{ anchor: '4.10' }] } });
});

test('a mapping of the wrong shape names the keys it should have', async () => {
  const r = await load(`${BASE}ci:\n  environment: [CUDA_VISIBLE_DEVICES]\n`);
  expect(r).toEqual({ ok: false, messages: [expect.stringContaining('ci.environment[0]: expected {name, value, why}, got text "CUDA_VISIBLE_DEVICES"')] });
});

test('Markdown front matter reads YAML the same way', async () => {
  const r = await load(`---\n${BASE}purpose: yes\nci: {timeout: 0b111100}\n---\nNotes\n`, '.md');
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.messages).toEqual([expect.stringMatching(/^5:\d+: ci\.timeout: "0b111100" is not a duration/)]);
});

test('a template\'s front matter reads YAML the same way: a date is text', async () => {
  const path = join(tmp.dir, 'dated.md.hbs');
  await writeFile(path, '---\ndescription: 2025-10-19\n---\n# {{brief.title}}\n');
  const set = await loadTemplateSet({ spec: path, baseDir: tmp.dir, origin: '--template' });
  expect(set.description).toBe('2025-10-19');
});

// The reader moved from the `yaml` package to js-yaml 5's event stream (issue 17). js-yaml on its
// own would refuse control characters, read a second document, and read 1e400 as text; inputs
// keep 0.2.0's meanings (test/text/yaml-reader-matrix.test.ts holds the whole matrix).
test('control characters of a pasted coloured log stay in the text', async () => {
  const r = await load(`${BASE}purpose: |\n  \u001b[31mFAILED\u001b[0m tests/test_a.py\n`);
  expect(r).toMatchObject({ ok: true, data: { purpose: '\u001b[31mFAILED\u001b[0m tests/test_a.py\n' } });
});

test('a second document is a problem at its ---', async () => {
  expect(await load(`${BASE}---\nversion: 1\n`)).toEqual({ ok: false, messages: ['3:1: : YAML: a second YAML document starts here (---); a file holds one document'] });
});

test('1e400 is a number (too large: Infinity), so it is not text', async () => {
  const r = await load(`${BASE}purpose: 1e400\n`);
  expect(r).toEqual({ ok: false, messages: ['3:10: purpose: expected text, got the number Infinity; quote it ("1e400") so YAML keeps it as text'] });
});

test('an alias that names no anchor says so, at the alias', async () => {
  expect(await load(`${BASE}purpose: *nowhere\n`)).toEqual({
    ok: false,
    messages: ['3:10: : YAML: the alias *nowhere names no anchor before it; write &nowhere on the value first, or write the value out'],
  });
});
