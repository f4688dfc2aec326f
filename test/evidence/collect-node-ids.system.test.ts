// `validate --collect` names a missing node id as the selector wrote it, from wherever it is run,
// and suggests the test one edit away. Real pytest on a two-test project in a temp folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, runCli } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('handoff-collect-ids-');
  const repo = join(tmp.dir, 'repo');
  mkdirSync(join(repo, 'tests'), { recursive: true });
  // _offset first: 0.2's word match took the first test that shares two of the three words.
  writeFileSync(join(repo, 'tests', 'test_stitch.py'), 'def test_reassemble_offset():\n    pass\n\n\ndef test_reassemble_complex():\n    pass\n');
  const selectors = 'selectors:\n  - {id: stitch, run: "pytest tests/test_stitch.py::test_reassemble_complx", purpose: P}\n';
  const brief = 'version: 1\nbrief: {id: s, title: S, initiative: A-001, phase: E3, recipient: {initiative: B-002, phase: D3}}\n';
  writeFileSync(join(repo, 'in.yaml'), `${brief}${selectors}`);
  writeFileSync(join(tmp.dir, 'in.yaml'), `${brief}repo: repo\n${selectors}`);
});
afterAll(() => tmp.cleanup());

const FINDING =
  'selectors[0].run: selector "stitch" names a node id that does not exist: tests/test_stitch.py::test_reassemble_complx (did you mean tests/test_stitch.py::test_reassemble_complex?)\n';

test('from the repository root (the input beside the tests, no repo:): the node id is not garbled (0.2: teststest_stitch.py::…)', async () => {
  const r = await runCli(['validate', 'in.yaml', '--collect', '--jobs', '1'], { cwd: join(tmp.dir, 'repo') });
  expect(r.stdout).toBe(`in.yaml:4:23: ${FINDING}`);
  expect(r.code).toBe(1);
});

test('from the folder above, with repo: repo, --isolate: the same finding, the closest test by edit distance', async () => {
  const r = await runCli(['validate', 'in.yaml', '--collect', '--isolate'], { cwd: tmp.dir });
  expect(r.stdout).toBe(`in.yaml:5:23: ${FINDING}`);
  expect(r.code).toBe(1);
});
