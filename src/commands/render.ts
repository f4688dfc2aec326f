// `handoff render`: load and validate the input, render the brief (render/input-brief.ts), then
// write it, print it (--stdout) or compare it with the file on disk (--check).
import { relative } from 'node:path';
import { resolveNow } from '../clock.js';
import { UsageError } from '../errors.js';
import { readIfExists } from '../io/atomic-write.js';
import type { Console } from '../io/console.js';
import { compareCharts } from '../render/chart-files.js';
import { displayBriefPath, prepareInputBrief, writeBrief } from '../render/input-brief.js';
import { sameButGenerated } from '../render/pipeline.js';

export interface RenderOptions {
  input: string;
  /** --out as typed; default: out/ at the top of the input's git repository (input/out-dir.ts). */
  out?: string;
  repo?: string;
  template?: string;
  /** --evidence FILE; false for --no-evidence; default: `<out>/<brief.id>.evidence.json` if it is there. */
  evidence?: string | false;
  now?: string;
  /** --compare MANIFEST: "Changes since" against it rather than the previous run in the history. */
  compare?: string;
  stdout: boolean;
  check: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface RenderResult {
  /** Absolute path of the brief (written, or compared with --check). */
  briefPath: string;
  /** With --check: whether the file on disk differs. */
  stale?: boolean;
  /**
   * Absolute paths of every file this render read (input, template, partials, plan files,
   * evidence manifest, or where the default one would be): `handoff watch` re-renders when one
   * of them changes.
   */
  sources?: string[];
}

export async function runRender(options: RenderOptions): Promise<RenderResult> {
  if (options.stdout && options.check) {
    // A CI step written this way could never fail: say so instead of ignoring one of them.
    throw new UsageError('--stdout and --check cannot be combined: --check compares with the brief on disk and prints a diff');
  }
  const now = resolveNow(options.now, options.env);
  const { brief, sources } = await prepareInputBrief({ ...options, now });
  const display = displayBriefPath(brief, options.cwd);
  const result: RenderResult = { briefPath: brief.path, sources };

  if (options.stdout) {
    options.console.out(brief.text);
    return result;
  }
  if (options.check) {
    const current = await readIfExists(brief.path);
    // The charts the brief links are part of it: one missing or out of date fails the check too.
    const charts = (await compareCharts(brief)).filter((c) => c.state !== 'same');
    for (const c of charts) {
      options.console.err(`${relative(options.cwd, c.chart.path) || c.chart.path} is ${c.state}; run \`handoff render\` without --check to update it\n`);
    }
    if (current !== null && sameButGenerated(current, brief.text)) {
      options.console.err(`${display} is up to date${charts.length > 0 ? ', but not its charts' : ''}\n`);
      return { ...result, stale: charts.length > 0 };
    }
    // The diff module is only needed here; keep it off the plain render path.
    const { formatDiff } = await import('../io/show-diff.js');
    options.console.out(
      formatDiff(display, current ?? '', brief.text, { oldHeader: current === null ? '(missing)' : '(on disk)', newHeader: '(would be written)', context: 4, keepRule: true }),
    );
    options.console.err(`${display} is ${current === null ? 'missing' : 'stale'}; run \`handoff render\` without --check to update it\n`);
    return { ...result, stale: true };
  }
  await writeBrief(brief, options.cwd, options.console);
  return result;
}
