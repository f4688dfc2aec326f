// Which selectors share a warm worker and which need a pytest process of their own (docs/evidence.md#how-selectors-are-run).
import { ownProcessReason } from '../../src/evidence/sharing.js';
import { makeSelector } from './loaded.js';

const reason = (run: string): string | null => ownProcessReason(makeSelector({ id: 'x', run }).pytestArgs);

test.each([
  ['pytest tests/test_x.py -vv'],
  ['pytest tests -k "not slow and not p" -m integration'],
  ['pytest tests -o junit_family=xunit2 --override-ini=log_cli=true'],
  ['pytest tests -x -s --tb=short -W error::DeprecationWarning --maxfail 2'],
  ['pytest tests -k -p'], // -k's value, however it looks
  ['pytest tests --deselect tests/test_x.py::test_y --basetemp=/tmp/b'],
  ['pytest tests -- -p'], // after --, a file name
])('%s shares a worker', (run) => {
  expect(reason(run)).toBeNull();
});

test.each([
  ['pytest tests -p no:randomly', '-p: its own -p plugins'],
  ['pytest tests -pno:randomly', '-p: its own -p plugins'],
  ['pytest tests -c other.ini', '-c: its own ini file'],
  ['pytest tests --config-file=other.ini', '--config-file: its own ini file'],
  ['pytest tests --rootdir=sub', '--rootdir: its own rootdir'],
  ['pytest tests -n 2', '-n: xdist workers'],
  ['pytest tests -n2', '-n: xdist workers'],
  ['pytest tests -xn 2', '-n: xdist workers'],
  ['pytest tests --numprocesses=auto', '--numprocesses: xdist workers'],
  ['pytest tests --dist=loadfile', '--dist: xdist workers'],
  ['pytest tests --forked', '--forked: a fork per test (pytest-forked)'],
  ['pytest tests --import-mode=importlib', '--import-mode: its own import mode'],
  ['pytest --pyargs mypkg.tests', '--pyargs: test modules imported by package name, from outside the repo'],
  ['pytest tests --cov=mypkg --cov-report=term', '--cov: coverage, which must see the first import of every module'],
])('%s runs in its own process (%s)', (run, why) => {
  expect(reason(run)).toBe(why);
});
