// validate --collect against real pytest, in-process: the fault fixtures' cases and shared
// workers against --isolate. The Phase E3 case (the hand-written brief's two node ids) and a
// missing interpreter are tested through the CLI, in collect-cli.test.ts.
import { join } from 'node:path';
import { collectFindings, explainCollection } from '../../src/evidence/collect.js';
import { formatProblem } from '../../src/errors.js';
import { ROOT } from '../helpers/cli.js';
import { PYTHON } from '../helpers/python.js';
import { makeLoaded } from './loaded.js';

const MINI = join(ROOT, 'examples/ptychopinn-mini');
const FAULTS = join(ROOT, 'test/fixtures/pyprojects/faults');
const options = { python: PYTHON, jobs: 2, env: process.env, cwd: ROOT };

test('every Phase E3 selector collects against examples/ptychopinn-mini', async () => {
  const loaded = makeLoaded(MINI, [
    { id: 'integration', run: 'pytest tests/torch/test_integration_workflow_torch.py::test_run_pytorch_train_save_load_infer -vv' },
    { id: 'tf-baseline', run: 'pytest tests/test_integration_workflow.py::TestFullWorkflow::test_train_save_load_infer_cycle -vv' },
    { id: 'lightning-orchestration', run: 'pytest tests/torch/test_workflows_components.py::TestTrainWithLightningRed -vv' },
    { id: 'stitching', run: 'pytest tests/torch/test_workflows_components.py -k ReassembleCdiImageTorch -vv' },
    { id: 'checkpoint', run: 'pytest tests/torch/test_lightning_checkpoint.py -vv' },
    { id: 'decoder-parity', run: 'pytest tests/torch/test_workflows_components.py::TestDecoderLastShapeParity -vv' },
  ]);
  expect(await collectFindings(loaded, options)).toEqual([]);
});

test('selecting nothing, a missing file and a collection error are each reported with the selector id', async () => {
  const loaded = makeLoaded(FAULTS, [
    { id: 'none', run: 'pytest tests/test_pass.py -k nomatch' },
    { id: 'nofile', run: 'pytest tests/does_not_exist.py' },
    { id: 'broken', run: 'pytest tests/test_collect_error.py' },
    { id: 'param', run: 'pytest "tests/test_params.py::test_ids[one [a b]]"' },
  ]);
  const messages = (await collectFindings(loaded, options)).map((p) => `${p.path}: ${p.message}`);
  expect(messages).toEqual([
    'selectors[0].run: selector "none" collects no tests (no tests collected (3 deselected))',
    'selectors[1].run: selector "nofile" names a node id that does not exist: tests/does_not_exist.py',
    'selectors[2].run: selector "broken" collection fails: ModuleNotFoundError: No module named \'module_that_does_not_exist\'',
  ]);
});

test('collecting in processes of their own (--isolate) reports the same', async () => {
  const loaded = makeLoaded(FAULTS, [
    { id: 'none', run: 'pytest tests/test_pass.py -k nomatch' },
    { id: 'nofile', run: 'pytest tests/does_not_exist.py' },
    { id: 'broken', run: 'pytest tests/test_collect_error.py' },
    { id: 'ok', run: 'pytest tests/test_pass.py' },
  ]);
  const [shared, isolated] = [await collectFindings(loaded, options), await collectFindings(loaded, { ...options, isolate: true })];
  expect(shared.map(formatProblem)).toHaveLength(3);
  expect(isolated.map(formatProblem)).toEqual(shared.map(formatProblem));
});

test('explainCollection is null for a collection that found tests', () => {
  expect(explainCollection(0, '3 tests collected in 0.01s', '/r', '/')).toBeNull();
});
