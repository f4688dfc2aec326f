// The suite's one conditional skip (helpers/optional.ts): the test function itself when nothing is
// missing; otherwise every test is registered skipped, with why in its name.
import { unlessMissing } from './helpers/optional.js';

type Fn = (name: string, body: () => void) => void;

function recorder(): { fn: Fn; calls: string[] } {
  const calls: string[] = [];
  return { fn: (name) => calls.push(name), calls };
}

test('nothing missing: the test function itself', () => {
  const run = recorder();
  const skip = recorder();
  expect(unlessMissing<Fn>(run.fn, skip.fn, undefined)).toBe(run.fn);
});

test('something missing: each test is skipped, the reason and the install line in its name', () => {
  const run = recorder();
  const skip = recorder();
  const body = (): void => undefined;
  const t = unlessMissing<Fn>(run.fn, skip.fn, 'needs pytest-xdist for python3: python3 -m pip install pytest-xdist');
  t('runs with -n 2', body);
  t('counts xdist workers', body);
  expect(run.calls).toEqual([]);
  expect(skip.calls).toEqual([
    'runs with -n 2 [skipped: needs pytest-xdist for python3: python3 -m pip install pytest-xdist]',
    'counts xdist workers [skipped: needs pytest-xdist for python3: python3 -m pip install pytest-xdist]',
  ]);
});
