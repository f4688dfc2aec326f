// Watch re-render latency: time from saving the input to the brief on disk showing the edit.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { line, median } from './lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'handoff.js');
const SOURCE = join(ROOT, 'data', 'integrate-pytorch-001', 'phase_e3.yaml');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(predicate, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('watch bench: timed out');
    await sleep(2);
  }
}

export default async function benchWatch() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-watch-'));
  let child;
  try {
    // The Phase E3 input, with its repo pointed back at the bundled example project.
    const text = readFileSync(SOURCE, 'utf8').replace(/^repo: .*$/m, `repo: ${join(ROOT, 'examples', 'ptychopinn-mini')}`);
    const input = join(dir, 'phase_e3.yaml');
    writeFileSync(input, text);
    child = spawn(process.execPath, [BIN, 'watch', input, '--out', join(dir, 'out'), '--now', '2025-10-19T20:58:32Z'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    await until(() => stderr.includes('watching'));
    const brief = join(dir, 'out', 'phase_e3_handoff.md');
    const latencies = [];
    for (let i = 0; i < 10; i++) {
      const marker = `bench-save-${i}`;
      const edited = text.replace(/^purpose: \|\n/m, `purpose: |\n  ${marker}\n`);
      const t0 = performance.now();
      writeFileSync(input, edited);
      await until(() => existsSync(brief) && readFileSync(brief, 'utf8').includes(marker));
      latencies.push(performance.now() - t0);
      await sleep(150);
    }
    line('watch: save → brief updated (median of 10 saves)', `${median(latencies).toFixed(0)} ms`, '≤ 300 ms');
  } finally {
    // Stop the watcher even when a save was never seen, and wait for it to exit.
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
