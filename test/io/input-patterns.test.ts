// Input arguments as `due` and `site` take them: names and quoted globs, each file once.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expandInputPatterns } from '../../src/io/input-patterns.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-input-patterns-');
  mkdirSync(join(tmp.dir, 'data', 'b'), { recursive: true });
  for (const file of ['data/a.yaml', 'data/b/c.yaml', 'data/b/d.yaml']) writeFileSync(join(tmp.dir, file), 'version: 1\n');
});
afterEach(() => tmp.cleanup());

test('a glob expands sorted at any depth; a file named and matched again comes once, where it first appears', async () => {
  const args = await expandInputPatterns(['data/b/d.yaml', 'data/**/*.yaml', './data/a.yaml'], tmp.dir);
  expect(args).toEqual([{ file: 'data/b/d.yaml' }, { file: 'data/a.yaml' }, { file: 'data/b/c.yaml' }]);
});

test('a pattern that matches nothing stays in its place as a problem; a missing plain name is left to the loader', async () => {
  const args = await expandInputPatterns(['missing.yaml', 'plans/*.yaml', 'data/a.yaml'], tmp.dir);
  expect(args.map((a) => a.file)).toEqual(['missing.yaml', 'plans/*.yaml', 'data/a.yaml']);
  expect(args[0]!.problem).toBeUndefined();
  expect(args[1]!.problem?.message).toBe(`no input file matches this pattern (looked in ${tmp.dir})`);
});
