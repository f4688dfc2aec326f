// Build step (scripts/build.mjs runs it in a child process): loads dist/handoff.cjs the way
// bin/load-cli.js does, runs the everyday commands once each on a small generated hand-over in a
// temporary folder (render with evidence, history and a plan; validate; due; plan status; plan
// mark), then writes V8's code cache of the bundle to dist/handoff.cjs.cache. The cache then holds
// the bytecode of every function those commands ran, so a start skips compiling them. Each
// command must succeed: a failure here means this generated hand-over no longer fits the input
// or manifest format, and the cache would miss the code it is meant to hold.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const require = createRequire(import.meta.url);
const { CACHES, cachePath, loadBundle } = require('../bin/load-cli.js');

const NAME = process.argv[2];
if (!(NAME in CACHES)) throw new Error(`name a cache: ${Object.keys(CACHES).join(', ')}`);

const NOW = '2025-10-19T20:58:32Z';
const IDS = ['backend-selection', 'config-bridge-parity', 'checkpoint', 'stitching'];
const testFile = (id) => `tests/test_${id.replace(/-/g, '_')}.py`;

function input() {
  return `version: 1
brief:
  id: trained
  title: Code cache training brief
  initiative: TRAIN-001
  phase: E3
  recipient: {initiative: TRAIN-002, phase: D3}
  date: 2025-10-19
purpose: |
  Hand over the **backend selection** work; see \`docs/workflow.md\`.
flags:
  - {name: backend, where: config, values: [tensorflow, pytorch], default: tensorflow, notes: Selects the backend.}
contract:
  - "\`backend='pytorch'\` without torch raises \`RuntimeError\`."
selectors:
${IDS.map((id, i) => `  - id: ${id}
    run: pytest ${testFile(id)}${i === 0 ? '::test_one -k "fast and not slow"' : ''} -vv
    purpose: Guards ${id}
    group: ${i < 2 ? 'critical' : 'parity'}
    owner: Team ${i % 2}
    markers: [torch]
    runtime: {max: 90s, warn: 60s, expected: 20s, tolerance: 10s}`).join('\n')}
ci:
  markers: [{name: torch, meaning: needs PyTorch}]
  timeout: 120s
  retries: 1
  retry_on: [timeout]
  python: "3.11"
coordination:
  - {topic: CI guidance, with: TRAIN-002, action: Adopt the markers, status: open}
ownership:
  - {component: pkg/backend.py, owner: Team 0, scope: dispatch, contact: t0@example.org}
escalation:
  path: Raise it in the weekly sync.
  triggers:
    - {id: slow, when: a selector exceeds max, response: open an issue, owner: Team 1}
followups:
${IDS.map((id, i) => `  - {id: fu-${i}, check: Re-run ${id}, selectors: [${id}], cadence: ${['nightly', 'weekly', 'every 3 days', 'on-change'][i]}, owner: Team ${i % 2}${i === 3 ? ', paths: [pkg/]' : ''}}`).join('\n')}
plan_extension: {recommend: true, phase: E4, reason: more parity checks}
open_questions:
  - Which dataset is canonical?
plans:
  - {file: plan.md, rows: [A1, A2, B1]}
references:
  - {path: plan.md, anchor: Phase A, note: the checklist}
checklist:
  - {item: Evidence attached, done: true}
  - {item: Recipient informed}
`;
}

function plan() {
  const rows = (phase, n) =>
    Array.from({ length: n }, (_, r) => `| ${phase}${r + 1} | Task ${phase}${r + 1} with \`code\` | [${r % 2 ? ' ' : 'x'}] | Guidance: run \`pytest tests/test_${r}.py\` \\| see notes. |`).join('\n');
  return `# Training plan

### Phase A — Inventory
| ID | Task Description | State | How/Why & Guidance |
| --- | --- | --- | --- |
${rows('A', 20)}

### Phase B — Tasks
- [x] B1: Write the loader.
- [ ] B2: Re-run the sweep.
  - [ ] a nested item
`;
}

function counts(passed) {
  return { passed, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 };
}

/** A manifest as `run` writes it, its logs beside it, and a history of a few runs. */
function writeEvidence(out) {
  const logs = join(out, 'logs', 'trained');
  mkdirSync(logs, { recursive: true });
  const selectors = IDS.map((id, i) => {
    const log = `============================= test session starts ==============================\ncollected 3 items\n\n${testFile(id)} ...\n============================== 3 passed in 0.1${i}s ===============================\n`;
    writeFileSync(join(logs, `${id}.log`), log);
    return {
      id, run: `pytest ${testFile(id)} -vv`, argv: ['python3', '-m', 'pytest', testFile(id), '-vv'], outcome: 'passed', expect: 'pass', met: true,
      exit_code: 0, attempts: 1, started_at: NOW, duration_s: 0.1 + i, counts: counts(3), runtime_findings: i === 0 ? ['below min (20s)'] : [],
      log: `logs/trained/${id}.log`, log_sha256: createHash('sha256').update(log).digest('hex'), junit: null, failures: [], worker: 'shared',
    };
  });
  const manifest = `${JSON.stringify({
    version: 1, generated_at: NOW, tool: { name: 'handoff-brief', version: '0.0.0' }, input: { brief_id: 'trained', file: '../trained.yaml', sha256: 'a'.repeat(64) },
    repo: { path: '..', commit: null, dirty: null }, environment: { python: '3.11.7', pytest: '9.0.0', platform: 'linux-x86_64' }, shared_workers: 1, selectors,
  }, null, 2)}\n`;
  writeFileSync(join(out, 'trained.evidence.json'), manifest);
  const sha = createHash('sha256').update(manifest).digest('hex');
  const line = (time, manifestSha) => JSON.stringify({
    version: 1, time, tool: '0.0.0', source: 'run', input: { file: '../trained.yaml', sha256: 'a'.repeat(64) }, manifest_sha256: manifestSha, commit: null, dirty: null,
    selectors: selectors.map((s) => ({ id: s.id, outcome: s.outcome, expect: s.expect, met: s.met, duration_s: s.duration_s, counts: { passed: 3 } })),
  });
  writeFileSync(join(out, 'trained.history.jsonl'), `${line('2025-10-18T20:58:32Z', 'f'.repeat(64))}\n${line(NOW, sha)}\n`);
}

const dir = mkdtempSync(join(tmpdir(), 'handoff-train-'));
try {
  writeFileSync(join(dir, 'trained.yaml'), input());
  writeFileSync(join(dir, 'plan.md'), plan());
  mkdirSync(join(dir, 'tests'));
  for (const id of IDS) writeFileSync(join(dir, testFile(id)), 'def test_one():\n    pass\n');
  const out = join(dir, 'out');
  writeEvidence(out);
  const { exports: cli, script } = loadBundle(undefined);
  const run = async (argv, okCodes = [0]) => {
    let output = '';
    const capture = () => new Writable({ write: (chunk, _encoding, done) => ((output += chunk), done()) });
    const io = {
      cwd: dir,
      env: { ...process.env, SOURCE_DATE_EPOCH: '' },
      stdout: capture(),
      stderr: capture(),
      clock: () => new Date(NOW),
      onInterrupt: () => () => {},
      exitNow: (code) => {
        throw new Error(`exit ${code}`);
      },
    };
    const code = await cli.main(argv, io);
    if (!okCodes.includes(code)) throw new Error(`handoff ${argv.join(' ')} exited ${code}:\n${output}`);
  };
  // The `all` cache: every one of them.
  const train = (name) => NAME === name || NAME === 'all';
  if (train('render')) {
    await run(['render', 'trained.yaml', '--out', 'out', '--now', NOW]);
    await run(['render', 'trained.yaml', '--out', 'out', '--now', NOW, '--stdout', '--no-evidence']);
    await run(['validate', 'trained.yaml']);
  }
  if (train('due')) await run(['due', 'trained.yaml', '--out', 'out', '--now', NOW], [0, 1]);
  if (train('plan')) {
    await run(['plan', 'status', 'plan.md', '--json']);
    await run(['plan', 'mark', 'plan.md', 'A2', 'B2', '--state', 'done']);
  }
  writeFileSync(cachePath(NAME), script.createCachedData());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
