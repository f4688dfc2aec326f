// `handoff watch`: render, then re-render when any file the last render read changes (the
// input, the template and its partials, plan files named in `plans:`, the evidence manifest).
// We watch the folders that hold those files, not the files themselves, so that editors that
// save by writing a temp file and renaming it, and files deleted then created again, are seen.
import { dirname, resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { formatProblem, InputError, isHandoffError } from '../errors.js';
import { prepareInputBrief, writeBrief } from '../render/input-brief.js';
import type { RenderOptions } from './render.js';

export interface WatchOptions extends Omit<RenderOptions, 'stdout' | 'check'> {
  /** Milliseconds to wait for more changes before rendering. */
  debounceMs: number;
  /** Aborted on Ctrl-C: stop watching and resolve. */
  signal: AbortSignal;
}

export async function runWatch(options: WatchOptions): Promise<void> {
  const { watch } = await import('chokidar');
  const inputPath = resolve(options.cwd, options.input);
  const log = (text: string): void => options.console.err(`${text}\n`);

  // Files whose change triggers a render. Starts with the input; each good render replaces it
  // with what that render read, so a new plan file or template named in the input is picked up.
  let sources = new Set<string>([inputPath]);
  if (typeof options.evidence === 'string') sources.add(resolve(options.cwd, options.evidence));

  let watcher: ReturnType<typeof watch> | undefined;
  const watchedDirs = new Set<string>();
  const syncWatchedDirs = (): void => {
    const dirs = new Set([...sources].map((file) => dirname(file)));
    const added = [...dirs].filter((dir) => !watchedDirs.has(dir));
    const removed = [...watchedDirs].filter((dir) => !dirs.has(dir));
    if (added.length) watcher?.add(added);
    if (removed.length) watcher?.unwatch(removed);
    watchedDirs.clear();
    for (const dir of dirs) watchedDirs.add(dir);
  };

  const renderOnce = async (): Promise<void> => {
    try {
      // The same brief `handoff render` writes, from the clock (or --now) of this render.
      const { brief, sources: read } = await prepareInputBrief({ ...options, now: resolveNow(options.now, options.env) });
      await writeBrief(brief, options.cwd, options.console);
      sources = new Set([inputPath, ...read]);
    } catch (error) {
      // A broken edit: say what is wrong, keep the last good brief, keep watching. Even an
      // internal error must not end the watch (it would be an unhandled rejection here).
      const text = !isHandoffError(error)
        ? `handoff: internal error: ${(error as Error)?.message ?? String(error)}`
        : error instanceof InputError
          ? error.problems.map(formatProblem).join('\n') || error.message
          : error.message;
      log(`${text}\nnot rendered; the last good brief is kept. Watching for the next change…`);
    }
    syncWatchedDirs();
  };

  // One render at a time; changes during a render schedule exactly one more.
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = renderOnce().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, options.debounceMs);
  };

  await renderOnce();
  // Start watching only after the first render, and say so only once the watcher is ready, so
  // that a save right after the message is never missed.
  watcher = watch([...watchedDirs], { ignoreInitial: true, depth: 0 });
  watcher.on('all', (_event, path) => {
    if (sources.has(resolve(path))) schedule();
  });
  const active = watcher;
  await new Promise<void>((ready) => active.once('ready', () => ready()));
  log(`watching ${sources.size} files for changes (Ctrl-C to stop)`);
  await new Promise<void>((resolvePromise, reject) => {
    active.on('error', (error) => reject(error));
    if (options.signal.aborted) resolvePromise();
    options.signal.addEventListener('abort', () => resolvePromise(), { once: true });
  });
  clearTimeout(timer);
  await running;
  await active.close();
  log('stopped watching');
}
