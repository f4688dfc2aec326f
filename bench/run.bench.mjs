// `handoff run` figures: overhead over plain pytest, parallel speed-up, and the CLI's peak
// memory while a selector prints 200 MB. Ratios come from runs alternated side by side.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { alternate, line, median, timeCommand } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');
const INPUT = join(ROOT, 'data', 'integrate-pytorch-001', 'phase_e3.yaml');
const MINI = join(ROOT, 'examples', 'ptychopinn-mini');
const FAULTS = join(ROOT, 'test', 'fixtures', 'pyprojects', 'faults');
const env = { ...process.env, NODE_OPTIONS: '' };

function faultsInput(dir, selectors, environment) {
  const file = join(dir, 'bench.yaml');
  const rows = selectors.map(([id, run]) => `  - {id: ${id}, run: "${run}", purpose: bench}`).join('\n');
  const envRows = environment.map(([k, v]) => `{name: ${k}, value: "${v}"}`).join(', ');
  writeFileSync(file, `version: 1\nbrief: {id: bench, title: Bench, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\nselectors:\n${rows}\nci:\n  environment: [${envRows}]\n`);
  return file;
}

/**
 * Wall and CPU seconds (user + sys of the process and every child it waited for) of a command,
 * via GNU time. CPU time is what stays comparable on a loaded, shared machine.
 */
function timeWithCpu(cmd, args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', cmd, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

/** Peak RSS (VmHWM, MB) of a process while it runs, polled from /proc. */
function peakRss(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: 'ignore' });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {
        // exited between polls
      }
    }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`exited ${code}`));
      else resolve(peak / 1024);
    });
  });
}

export default async function benchRun() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-run-'));
  try {
    // 1. Overhead: the Phase E3 selectors one at a time, vs the same pytest commands from a shell.
    // Like for like: the shell runs the exact argv handoff runs (taken from --dry-run, so with
    // the same `-o junit_family=xunit1 --junitxml=…`), with the input's ci.environment.
    const data = parse(readFileSync(INPUT, 'utf8'));
    const script = join(dir, 'plain.sh');
    const shellOut = join(dir, 'o-shell');
    mkdirSync(join(shellOut, 'logs'), { recursive: true });
    const dry = spawnSync(process.execPath, [BIN, 'run', INPUT, '--dry-run', '--out', shellOut], { env, encoding: 'utf8' });
    if (dry.status !== 0) throw new Error(`run --dry-run failed: ${dry.stderr}`);
    // Lines are `ID: ARGV` with ARGV already shell-quoted; `#` lines are comments.
    const argvs = dry.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.slice(l.indexOf(': ') + 2));
    if (argvs.length !== data.selectors.length) throw new Error(`run --dry-run printed ${argvs.length} commands for ${data.selectors.length} selectors`);
    const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
    const envWords = (data.ci?.environment ?? []).map((v) => `${v.name}=${quote(v.value)}`).join(' ');
    const commands = argvs.map((argv, i) => `${envWords ? `${envWords} ` : ''}${argv} > ${join(shellOut, 'logs', `plain-${i}.log`)} 2>&1 || true`);
    writeFileSync(script, `#!/bin/sh\ncd ${quote(MINI)}\n${commands.join('\n')}\n`);
    const samples = { handoff: [], shell: [] };
    for (let i = 0; i < 5; i++) {
      samples.handoff.push(timeWithCpu(process.execPath, [BIN, 'run', INPUT, '--jobs', '1', '--quiet', '--out', join(dir, 'o1')]));
      samples.shell.push(timeWithCpu('sh', [script]));
    }
    const med = (k, f) => median(samples[k].map((x) => x[f]));
    line(`overhead: run --jobs 1, ${commands.length} selectors, wall (s)`, med('handoff', 'wall').toFixed(2));
    line('overhead: same pytest commands from a shell script, wall (s)', med('shell', 'wall').toFixed(2));
    line('overhead ratio handoff / shell, wall', (med('handoff', 'wall') / med('shell', 'wall')).toFixed(2), '≤ 1.10');
    line('overhead ratio handoff / shell, CPU (user+sys)', (med('handoff', 'cpu') / med('shell', 'cpu')).toFixed(2), '≤ 1.10');

    // 2. Parallelism: 4 selectors that each sleep 2 s.
    const sleepy = faultsInput(
      dir,
      [1, 2, 3, 4].map((i) => [`sleep-${i}`, 'pytest tests/test_sleep.py']),
      [['HANDOFF_SLEEP_S', '2']],
    );
    const par = alternate(
      {
        jobs1: () => timeCommand(process.execPath, [BIN, 'run', sleepy, '--repo', FAULTS, '--jobs', '1', '--quiet', '--out', join(dir, 'o2')], { env }),
        jobs2: () => timeCommand(process.execPath, [BIN, 'run', sleepy, '--repo', FAULTS, '--jobs', '2', '--quiet', '--out', join(dir, 'o3')], { env }),
      },
      5,
    );
    line('parallelism: 4 × sleep 2 s, --jobs 1, median of 5 (ms)', Math.round(par.jobs1));
    line('parallelism: 4 × sleep 2 s, --jobs 2, median of 5 (ms)', Math.round(par.jobs2));
    line('parallelism ratio jobs2 / jobs1', (par.jobs2 / par.jobs1).toFixed(2), '≤ 0.60');

    // 3. Memory: peak RSS of the CLI while its selector prints 200 MB.
    const big = faultsInput(dir, [['big', 'pytest tests/test_big_output.py -s -q']], [['HANDOFF_OUTPUT_MB', '200']]);
    const mb = await peakRss(process.execPath, [BIN, 'run', big, '--repo', FAULTS, '--quiet', '--out', join(dir, 'o4')]);
    line('memory: CLI peak RSS while a selector prints 200 MB (MB)', mb.toFixed(1), '≤ 150');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
