// Process checks for tests that make pytest spawn grandchildren: whether one has ended, and
// cleanup so that a failed assertion does not leave a CLI or a `sleep` running on the machine.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Whether `pid` has ended; a zombie counts as ended (only its parent's reaping is left). */
export function processGone(pid: number): boolean {
  try {
    return /^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/** Polls until `pid` has ended or `timeoutMs` has passed; returns whether it ended. */
export async function waitForProcessGone(pid: number, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!processGone(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return processGone(pid);
}

/** Polls until `path` exists or `timeoutMs` has passed; returns whether it exists. */
export async function waitForFile(path: string, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return existsSync(path);
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

/** Polls until `check` returns an empty list or `timeoutMs` has passed; returns the last list. */
export async function waitForNone(check: () => number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = check();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = check();
  }
  return left;
}
