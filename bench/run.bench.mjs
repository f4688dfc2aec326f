// `handoff run` figures: the cost of evidence against one plain pytest run over the same tests
// (the example project, and a project whose tests import a 1 s library), --isolate against the
// same pytest commands from a shell, parallel speed-up, and the CLI's peak memory while a
// selector prints 200 MB. Ratios come from runs alternated side by side.
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
const PROJECTS = join(ROOT, 'test', 'fixtures', 'pyprojects');
const FAULTS = join(PROJECTS, 'faults');
const HEAVY = join(PROJECTS, 'heavy');
const env = { ...process.env, NODE_OPTIONS: '' };

function writeInput(dir, name, selectors, environment = [], repo) {
  const file = join(dir, `${name}.yaml`);
  const rows = selectors.map(([id, run]) => `  - {id: ${id}, run: "${run}", purpose: bench}`).join('\n');
  const envRows = environment.map(([k, v]) => `{name: ${k}, value: "${v}"}`).join(', ');
  writeFileSync(
    file,
    `version: 1\nbrief: {id: ${name}, title: Bench, initiative: A, phase: "1", recipient: {initiative: B, phase: "2"}}\n${repo ? `repo: ${repo}\n` : ''}selectors:\n${rows}\nci:\n  environment: [${envRows}]\n`,
  );
  return file;
}

/**
 * Wall and CPU seconds (user + sys of the process and every child it waited for) of a command,
 * via GNU time. CPU time is what stays comparable on a loaded, shared machine.
 */
function timeWithCpu(cmd, args, options = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', cmd, ...args], { env: options.env ?? env, cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const m = /TIME ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (!(options.okCodes ?? [0]).includes(r.status) || !m) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

/** Runs each command `runs` times, alternated; returns {name: {wall, cpu}} medians in seconds. */
function alternateCpu(commands, runs) {
  const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) for (const [k, f] of Object.entries(commands)) samples[k].push(f());
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, { wall: median(v.map((x) => x.wall)), cpu: median(v.map((x) => x.cpu)) }]));
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

/** The node ids a selector's pytest arguments select, from `pytest --collect-only -q`. */
function collectIds(cwd, args, environment) {
  const quiet = args.filter((a) => !/^(-v+|-q+|--verbose|--quiet)$/.test(a));
  const r = spawnSync('python3', ['-m', 'pytest', '--collect-only', '-q', '-p', 'no:cacheprovider', ...quiet], {
    cwd,
    env: { ...env, ...Object.fromEntries(environment) },
    encoding: 'utf8',
  });
  const ids = r.stdout.split('\n').filter((l) => l.includes('::'));
  if (ids.length === 0) throw new Error(`collecting ${args.join(' ')} found no tests: ${r.stdout}${r.stderr}`);
  return ids;
}

/** The pytest arguments of each selector of an input, as `run --dry-run` prints them (shell-quoted). */
function dryRunArgs(input, out) {
  const dry = spawnSync(process.execPath, [BIN, 'run', input, '--dry-run', '--out', out], { env, encoding: 'utf8' });
  if (dry.status !== 0) throw new Error(`run --dry-run failed: ${dry.stderr}`);
  return dry.stdout.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.slice(l.indexOf(': ') + 2));
}

const ratio = (a, b) => (a / b).toFixed(2);
const s = (x) => x.toFixed(2);

export default async function benchRun() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-run-'));
  try {
    const data = parse(readFileSync(INPUT, 'utf8'));
    const miniEnv = (data.ci?.environment ?? []).map((v) => [v.name, String(v.value)]);
    const run = (input, ...extra) => () => timeWithCpu(process.execPath, [BIN, 'run', input, '--quiet', '--out', join(dir, 'o-run'), ...extra]);

    // 1. The example project: `handoff run` over the 8 Phase E3 selectors against ONE plain
    // pytest run over the union of the tests they select (node ids collected beforehand).
    const { parse: parseShell } = await import('shell-quote');
    const selectorArgs = data.selectors.map((sel) => parseShell(sel.run).slice(1));
    const union = [...new Set(selectorArgs.flatMap((args) => collectIds(MINI, args, miniEnv)))];
    const unionOnce = () => timeWithCpu('python3', ['-m', 'pytest', '-q', ...union], { cwd: MINI, env: { ...env, ...Object.fromEntries(miniEnv) } });
    const mini = alternateCpu({ single: unionOnce, jobs1: run(INPUT, '--jobs', '1'), jobs2: run(INPUT, '--jobs', '2'), isolate: run(INPUT, '--jobs', '2', '--isolate') }, 5);
    line(`example: one pytest over the union (${union.length} tests), CPU / wall (s)`, `${s(mini.single.cpu)} / ${s(mini.single.wall)}`);
    line('example: run --jobs 1, CPU / wall (s)', `${s(mini.jobs1.cpu)} / ${s(mini.jobs1.wall)}`);
    line('example: run --jobs 2 (npm run demo), CPU / wall (s)', `${s(mini.jobs2.cpu)} / ${s(mini.jobs2.wall)}`);
    line('example: run --jobs 2 --isolate (0.1 behaviour), CPU / wall (s)', `${s(mini.isolate.cpu)} / ${s(mini.isolate.wall)}`);
    line('example: CPU ratio run --jobs 1 / one pytest', ratio(mini.jobs1.cpu, mini.single.cpu), '≤ 1.5');
    line('example: CPU ratio run --jobs 2 / one pytest (a worker each)', ratio(mini.jobs2.cpu, mini.single.cpu));
    line('example: demo wall, workers / --isolate', ratio(mini.jobs2.wall, mini.isolate.wall));

    // 2. A project whose every test module imports a library costing 1 s of CPU (torch's
    // stand-in): 8 selectors, one per test file, against one pytest run over all of them.
    const heavyInput = writeInput(dir, 'heavy', [1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`part-${i}`, `pytest tests/test_part${i}.py -q`]), [], HEAVY);
    const heavyOnce = () => timeWithCpu('python3', ['-m', 'pytest', '-q', 'tests'], { cwd: HEAVY });
    const heavy = alternateCpu({ single: heavyOnce, jobs1: run(heavyInput, '--jobs', '1'), jobs2: run(heavyInput, '--jobs', '2'), isolate: run(heavyInput, '--jobs', '2', '--isolate') }, 5);
    line('heavy import: one pytest over all 8 files, CPU / wall (s)', `${s(heavy.single.cpu)} / ${s(heavy.single.wall)}`);
    line('heavy import: run --jobs 1, CPU / wall (s)', `${s(heavy.jobs1.cpu)} / ${s(heavy.jobs1.wall)}`);
    line('heavy import: run --jobs 2, CPU / wall (s)', `${s(heavy.jobs2.cpu)} / ${s(heavy.jobs2.wall)}`);
    line('heavy import: run --jobs 2 --isolate, CPU / wall (s)', `${s(heavy.isolate.cpu)} / ${s(heavy.isolate.wall)}`);
    line('heavy import: CPU ratio run --jobs 1 / one pytest', ratio(heavy.jobs1.cpu, heavy.single.cpu), '≤ 1.5');
    line('heavy import: wall ratio run --jobs 2 / one pytest', ratio(heavy.jobs2.wall, heavy.single.wall), '≤ 1.2');

    // 3. --isolate (a process per selector) adds little to the same pytest commands run from a
    // shell: exactly the argv `run --dry-run` prints, with the input's ci.environment.
    const shellOut = join(dir, 'o-shell');
    mkdirSync(join(shellOut, 'logs'), { recursive: true });
    const argvs = dryRunArgs(INPUT, shellOut);
    const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
    const envWords = miniEnv.map(([k, v]) => `${k}=${quote(v)}`).join(' ');
    const script = join(dir, 'plain.sh');
    const commands = argvs.map((argv, i) => `${envWords ? `${envWords} ` : ''}${argv} > ${join(shellOut, 'logs', `plain-${i}.log`)} 2>&1 || true`);
    writeFileSync(script, `#!/bin/sh\ncd ${quote(MINI)}\n${commands.join('\n')}\n`);
    const iso = alternateCpu({ handoff: run(INPUT, '--jobs', '1', '--isolate'), shell: () => timeWithCpu('sh', [script]) }, 3);
    line(`--isolate --jobs 1 vs the same ${commands.length} pytest commands from a shell, wall (s)`, `${s(iso.handoff.wall)} vs ${s(iso.shell.wall)}`);
    line('--isolate overhead ratio handoff / shell, CPU (user+sys)', ratio(iso.handoff.cpu, iso.shell.cpu), '≤ 1.10');

    // 4. Parallelism: 4 selectors that each sleep 2 s.
    const sleepy = writeInput(dir, 'sleepy', [1, 2, 3, 4].map((i) => [`sleep-${i}`, 'pytest tests/test_sleep.py']), [['HANDOFF_SLEEP_S', '2']]);
    const par = alternate(
      {
        jobs1: () => timeCommand(process.execPath, [BIN, 'run', sleepy, '--repo', FAULTS, '--jobs', '1', '--quiet', '--out', join(dir, 'o2')], { env }),
        jobs2: () => timeCommand(process.execPath, [BIN, 'run', sleepy, '--repo', FAULTS, '--jobs', '2', '--quiet', '--out', join(dir, 'o3')], { env }),
      },
      5,
    );
    line('parallelism: 4 × sleep 2 s, --jobs 1, median of 5 (ms)', Math.round(par.jobs1));
    line('parallelism: 4 × sleep 2 s, --jobs 2, median of 5 (ms)', Math.round(par.jobs2));
    line('parallelism ratio jobs2 / jobs1', ratio(par.jobs2, par.jobs1), '≤ 0.60');

    // 5. Memory: peak RSS of the CLI while its selector prints 200 MB.
    const big = writeInput(dir, 'big', [['big', 'pytest tests/test_big_output.py -s -q']], [['HANDOFF_OUTPUT_MB', '200']]);
    const mb = await peakRss(process.execPath, [BIN, 'run', big, '--repo', FAULTS, '--quiet', '--out', join(dir, 'o4')]);
    line('memory: CLI peak RSS while a selector prints 200 MB (MB)', mb.toFixed(1), '≤ 150');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
