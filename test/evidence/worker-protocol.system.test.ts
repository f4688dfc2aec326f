// The JSON-lines protocol between worker-pool.ts and the Python worker, across its two
// definitions (src/evidence/worker-protocol.ts, python/handoff_worker_protocol.py), with the real
// interpreter: every kind encoded on one side is decoded on the other, encoded again and decoded
// back equal, both ways; both sides know the same kinds and refuse the same broken lines.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CLI_KINDS,
  decodeCliMessage,
  decodeMessage,
  decodeVersionsReport,
  decodeWorkerMessage,
  encodeMessage,
  MESSAGE_KINDS,
  ProtocolError,
  WORKER_KINDS,
  type Message,
} from '../../src/evidence/worker-protocol.js';
import { ROOT } from '../helpers/cli.js';
import { PYTHON } from '../helpers/python.js';

/** The Python side (test/fixtures/protocol/roundtrip.py, on python/handoff_worker_protocol.py). */
function python(mode: string, input = ''): string {
  return execFileSync(PYTHON, [join(ROOT, 'test/fixtures/protocol/roundtrip.py'), join(ROOT, 'python'), mode], { input, encoding: 'utf8' });
}

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

const SAMPLES: Message[] = [
  { kind: 'run', args: ['tests/test_params.py::test_ids[one [a b]]', '-k', 'not slow and é', '--junitxml=/tmp/x y.xml'], log: '/tmp/out dir/logs/b/ü.log', grace_ms: 3000 },
  { kind: 'run', args: [], log: 'l', grace_ms: 0 },
  { kind: 'started', python: '3.11.7', pytest: '9.0.3', platform: 'linux-x86_64', executable: '/root/.pyenv/versions/3.11.7/bin/python3', pid: 31337 },
  { kind: 'failed', error: "ModuleNotFoundError: No module named 'pytest' \"quoted\"\ttab" },
  { kind: 'done', exit: 5, duration_s: 0.1 },
  { kind: 'done', exit: 0, duration_s: 3 },
  { kind: 'done', exit: 2, duration_s: 1e-7 },
  { kind: 'ready', retire: false },
  { kind: 'ready', retire: true },
  { kind: 'versions', python: '3.8.10', pytest: '7.4.0', platform: 'linux-aarch64', executable: '/usr/bin/python3' },
];

test('both sides define the same kinds, each going the same way', () => {
  const way = (kind: string): string => ((CLI_KINDS as readonly string[]).includes(kind) ? 'cli' : (WORKER_KINDS as readonly string[]).includes(kind) ? 'worker' : 'probe');
  expect(JSON.parse(python('kinds'))).toEqual(Object.fromEntries([...MESSAGE_KINDS].sort().map((k) => [k, way(k)])));
  expect(new Set(SAMPLES.map((m) => m.kind))).toEqual(new Set(MESSAGE_KINDS));
});

test('every kind: TypeScript encodes, Python decodes and encodes again, TypeScript decodes it equal', () => {
  const sent = SAMPLES.map(encodeMessage);
  const back = lines(python('reencode', sent.join('')));
  expect(back.map(decodeMessage)).toEqual(SAMPLES);
});

test('every kind: Python encodes, TypeScript decodes and encodes again, Python decodes it equal', () => {
  const fromPython = lines(python('samples'));
  expect(new Set(fromPython.map((l) => decodeMessage(l).kind))).toEqual(new Set(MESSAGE_KINDS));
  const reencoded = fromPython.map((l) => encodeMessage(decodeMessage(l)));
  const equal = JSON.parse(python('check', reencoded.join(''))) as boolean[];
  expect(equal).toEqual(fromPython.map(() => true).concat(true));
});

test('each side decodes only what goes its way', () => {
  const run = encodeMessage(SAMPLES[0]!);
  const done = encodeMessage({ kind: 'done', exit: 0, duration_s: 1 });
  expect(decodeCliMessage(run).kind).toBe('run');
  expect(() => decodeWorkerMessage(run)).toThrow(new ProtocolError('run: not a message a worker sends'));
  expect(decodeWorkerMessage(done).kind).toBe('done');
  expect(() => decodeCliMessage(done)).toThrow(ProtocolError);
  expect(() => decodeVersionsReport(done)).toThrow(ProtocolError);
});

describe('a line that is no message is refused, the same on both sides', () => {
  const BROKEN: Array<[string, string]> = [
    ['not JSON', '{"kind": "done", "exit": 0'],
    ['a JSON array', '["done", 0, 1.5]'],
    ['no kind', '{"exit": 0, "duration_s": 1}'],
    ['an unknown kind', '{"kind": "shutdown"}'],
    ['a field missing', '{"kind": "done", "exit": 0}'],
    ['a field too many', '{"kind": "ready", "retire": false, "pid": 1}'],
    ['an exit code that is no integer', '{"kind": "done", "exit": 1.5, "duration_s": 1}'],
    ['a number as a string', '{"kind": "run", "args": [], "log": "l", "grace_ms": "3000"}'],
    ['an argument that is no string', '{"kind": "run", "args": ["-k", 1], "log": "l", "grace_ms": 0}'],
    ['a boolean as a number', '{"kind": "ready", "retire": 0}'],
    ['a pid as a boolean', '{"kind": "started", "python": "3", "pytest": "8", "platform": "p", "executable": "e", "pid": true}'],
  ];

  test.each(BROKEN)('%s', (_, line) => {
    expect(() => decodeMessage(line)).toThrow(ProtocolError);
  });

  test('Python refuses each of them too, in the same words', () => {
    const refusal = (line: string): string | null => {
      try {
        decodeMessage(line);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    };
    const fromPython = JSON.parse(python('reject', BROKEN.map(([, line]) => `${line}\n`).join(''))) as Array<string | null>;
    expect(fromPython).toEqual(BROKEN.map(([, line]) => refusal(line)));
    expect(fromPython).not.toContain(null);
  });

  test("and the CLI's side encodes nothing it would refuse", () => {
    expect(() => encodeMessage({ kind: 'run', args: [], log: 'l', grace_ms: 1.5 })).toThrow(ProtocolError);
    expect(() => encodeMessage({ kind: 'done', exit: 0, duration_s: Number.NaN })).toThrow(ProtocolError);
  });
});
