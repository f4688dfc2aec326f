// Process checks for tests that make pytest spawn grandchildren: whether one has ended, and
// cleanup so that a failed assertion does not leave a CLI or a `sleep` running on the machine.
// No polling: a test waits on what the process itself does — a file it writes (a watcher) or
// its own end (a pidfd, which the kernel makes readable when the process ends).
import { execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { PYTHON } from './python.js';

/** Whether `pid` has ended; a zombie counts as ended (only its parent's reaping is left). */
export function processGone(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

// Waits on a pidfd per process (Linux 5.3+, Python 3.9+): readable once the process has ended.
// Prints the pids still running at the deadline. Started with -I -S: no site, so it starts at once.
const EXIT_WAITER = `
import json, os, select, sys, time
deadline = time.monotonic() + float(sys.argv[1])
fds = {}
for pid in map(int, sys.argv[2:]):
    try:
        fds[os.pidfd_open(pid)] = pid
    except ProcessLookupError:
        pass
while fds:
    left = deadline - time.monotonic()
    if left <= 0:
        break
    for fd in select.select(list(fds), [], [], left)[0]:
        del fds[fd]
print(json.dumps(sorted(fds.values())))
`;

/**
 * Resolves once every one of `pids` has ended, or at `timeoutMs`, with those still running then
 * (so `expect(await processesEnded(…)).toEqual([])` names the survivors).
 */
export async function processesEnded(pids: readonly number[], timeoutMs = 5000): Promise<number[]> {
  const running = pids.filter((pid) => !processGone(pid));
  if (running.length === 0) return [];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(PYTHON, ['-I', '-S', '-c', EXIT_WAITER, String(timeoutMs / 1000), ...running.map(String)], { encoding: 'utf8' }, (error, out) => (error ? reject(error) : resolve(out))),
  );
  // A zombie's pidfd is readable too; one still running at the deadline may have ended since.
  return (JSON.parse(stdout) as number[]).filter((pid) => !processGone(pid));
}

/**
 * Resolves with the text of `path` once it holds what `ready` accepts (by default: anything),
 * or with undefined at `timeoutMs`. A watcher on its folder, so the folder must exist.
 */
export function fileWritten(path: string, options: { timeoutMs?: number; ready?: (text: string) => boolean } = {}): Promise<string | undefined> {
  const ready = options.ready ?? ((text: string) => text.trim() !== '');
  return new Promise((resolve) => {
    let done = false;
    const finish = (text: string | undefined): void => {
      if (done) return;
      done = true;
      watcher.close();
      clearTimeout(timer);
      resolve(text);
    };
    const look = (): void => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return; // not there yet
      }
      if (ready(text)) finish(text);
    };
    const watcher = watch(dirname(path), (_, name) => {
      if (name === null || name === basename(path)) look();
    });
    const timer = setTimeout(() => finish(undefined), options.timeoutMs ?? 10_000);
    look(); // written before the watcher started
  });
}

/** The pid a fixture test wrote to `pidfile`, or undefined if there is none (yet). */
export function readPid(pidfile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidfile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The fixtures' grandchildren are `sleep` or a python; anything else is a reused pid. */
function isFixtureProcess(pid: number): boolean {
  try {
    return /\b(sleep|python[\d.]*)\b/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * For afterEach: SIGKILL a CLI child still running and the process whose pid a fixture wrote
 * to `pidfile`. Safe to call when both have long ended.
 */
export function killLeftovers(leftovers: { child?: ChildProcess; pidfiles?: string[] }): void {
  const { child } = leftovers;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const pidfile of leftovers.pidfiles ?? []) {
    const pid = readPid(pidfile);
    if (pid === undefined || processGone(pid) || !isFixtureProcess(pid)) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // ended meanwhile
    }
  }
}

/** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, … (undefined if gone). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** The process group of a live process. */
export function processGroupOf(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[2]) : undefined;
}

/** Pids of the processes still running (zombies are not) that match `test`. */
function liveProcesses(test: (pid: number, fields: string[]) => boolean): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = statFields(pid);
    if (fields && fields[0] !== 'Z' && test(pid, fields)) pids.push(pid);
  }
  return pids;
}

/** The live members of a process group. */
export function liveGroupMembers(pgid: number): number[] {
  return liveProcesses((_, fields) => Number(fields[2]) === pgid);
}

/** Live processes whose environment holds `marker` (set through ci.environment, so inherited by all). */
export function liveProcessesWithEnv(marker: string): number[] {
  return liveProcesses((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker);
    } catch {
      return false;
    }
  });
}
