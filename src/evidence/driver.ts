// Where the Python driver (python/handoff_worker.py, shipped in the package) is, and the argv
// that starts it in each of its modes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/** The driver script: `python/` at the package root, one level above dist/ (two above src/evidence/). */
export function driverPath(): string {
  if (found) return found;
  for (const up of ['../python/handoff_worker.py', '../../python/handoff_worker.py']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return (found = path);
  }
  throw new Error('python/handoff_worker.py is missing from the handoff-brief package; reinstall it');
}

/** `python -m pytest ARGS`, run by the driver so that it ends its process group if the CLI dies. */
export function ownProcessArgs(args: readonly string[]): string[] {
  return [driverPath(), 'own', ...args];
}

export function serveArgs(): string[] {
  return [driverPath(), 'serve'];
}

export function probeArgs(): string[] {
  return [driverPath(), 'probe'];
}
