// What a run (or a merge) tells CI once its evidence is in place: the job summary file, and on
// GitHub Actions the annotations and each unmet selector's log tail in a collapsed group; off
// GitHub, a plain tail of each unmet selector's log. Reporting never changes the exit code: a
// summary file that cannot be written is a warning.
import { appendFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { EvidenceManifest } from '../evidence/manifest.js';
import { readTail } from '../evidence/log-file.js';
import type { Console } from '../io/console.js';
import { formatAnnotations, formatLogGroup } from './annotations.js';
import { formatJobSummary } from './job-summary.js';

export interface ReportRunOptions {
  title: string;
  verdict: string;
  manifest: EvidenceManifest;
  /** Absolute folder of the manifest (its log paths are relative to it). */
  manifestDir: string;
  repoDir: string;
  /** --summary FILE; undefined: $GITHUB_STEP_SUMMARY when set. */
  summary?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  quiet: boolean;
  /** stdout holds a JSON document: workflow commands go to stderr. */
  json: boolean;
}

const TAIL_LINES = 40;

async function lastLines(path: string, n: number): Promise<string> {
  const text = await readTail(path, 0, 64 * 1024).catch(() => '');
  return text.replace(/\s+$/, '').split(/\r?\n/).slice(-n).join('\n');
}

export async function reportRun(options: ReportRunOptions): Promise<void> {
  const { manifest, env } = options;
  const show = (p: string): string => relative(options.cwd, p) || '.';
  const summaryPath = options.summary ?? (env.GITHUB_STEP_SUMMARY || undefined);
  if (summaryPath !== undefined) {
    const text = formatJobSummary({ title: options.title, verdict: options.verdict, manifest, logPath: (s) => show(join(options.manifestDir, s.log)) });
    try {
      // $GITHUB_STEP_SUMMARY collects every step's summary: append. A file named with --summary is this run's.
      if (options.summary === undefined) await appendFile(resolve(options.cwd, summaryPath), text);
      else await writeFile(resolve(options.cwd, summaryPath), text);
    } catch (error) {
      options.console.err(`warning: cannot write the job summary ${summaryPath} (${(error as NodeJS.ErrnoException).code ?? String(error)}); the run's result is unchanged\n`);
    }
  }
  const unmet = manifest.selectors.filter((s) => !s.met);
  if (env.GITHUB_ACTIONS === 'true') {
    const print = options.json ? options.console.err : options.console.out;
    const workspace = env.GITHUB_WORKSPACE || options.cwd;
    const lines = formatAnnotations(manifest.selectors, { fileOf: (file) => relative(workspace, resolve(options.repoDir, file)) });
    for (const s of unmet) {
      const log = join(options.manifestDir, s.log);
      lines.push(...formatLogGroup(`${s.id} (${s.outcome}): last lines of ${show(log)}`, await lastLines(log, TAIL_LINES)));
    }
    if (lines.length > 0) print(`${lines.join('\n')}\n`);
  } else if (!options.quiet) {
    for (const s of unmet) {
      const log = join(options.manifestDir, s.log);
      options.console.err(`\n--- ${s.id} (${s.outcome}): last lines of ${show(log)} ---\n${await lastLines(log, 20)}\n---\n`);
    }
  }
}
