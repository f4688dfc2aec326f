// What `handoff site` reads for every input: the input, its evidence where `render` and `due`
// find it (the output folder, else the newest published hand-over), the brief as `render` makes
// it, the tail of its run history (trends and follow-up due dates), and its logs. Everything is
// read before anything is written: any problem in any input or history is reported, all
// together, with exit 2.
import { dirname, resolve } from 'node:path';
import { InputError, problemsOfInputs, type Problem } from '../errors.js';
import { findLastRuns, type HistoryEntry, type LastRuns } from '../evidence/history.js';
import { findEvidence, type LoadedEvidence } from '../evidence/load-evidence.js';
import { mapLimit } from '../evidence/map-limit.js';
import { loadInput } from '../input/load-input.js';
import { displayPath } from '../input/repo-dir.js';
import type { LoadedInput } from '../input/model.js';
import { resolveOutDir } from '../input/out-dir.js';
import { findGitTop } from '../io/git-top.js';
import { isFile } from '../io/path-stat.js';
import { expandInputPatterns } from '../io/input-patterns.js';
import { describeOrigin } from '../render/input-brief.js';
import { prepareBrief, type PreparedBrief, type TemplateCache } from '../render/pipeline.js';
import { toPosix } from '../io/posix-path.js';

/** Runs of the history a brief page charts (the newest). */
const CHARTED_RUNS = 100;

/** Where a brief's evidence came from, named from the top of its repository. */
export type EvidenceSource =
  | { kind: 'out'; path: string }
  | { kind: 'handover'; folder: string; path: string }
  | { kind: 'none'; looked: string };

export interface SiteLog {
  selectorId: string;
  /** Absolute path of the log the manifest names. */
  path: string;
  exists: boolean;
}

/**
 * What the site keeps of a brief: not the rest of what was read (the input's text and YAML
 * positions, the brief's view model and charts), which for 200 briefs kept alive through the
 * build made every garbage collection copy it.
 */
export interface SiteBrief {
  loaded: Pick<LoadedInput, 'file' | 'absPath' | 'data'>;
  brief: Pick<PreparedBrief, 'path' | 'text'> & { verdict: string };
  evidence?: Pick<LoadedEvidence, 'path' | 'manifest'>;
  source: EvidenceSource;
  /** The newest runs of the history, oldest first (at most CHARTED_RUNS). */
  history: HistoryEntry[];
  /** Each selector's last run, however far back the history holds it. */
  lastRuns: LastRuns;
  logs: SiteLog[];
  /** What the user should know that did not stop the site (a manifest of another brief, history lines skipped). */
  notes: string[];
}

export interface LoadSiteOptions {
  /** Input files or glob patterns, as typed. */
  inputs: readonly string[];
  /** The output folder holding the evidence and histories, as typed; default: out/ at the top of each input's git repository. */
  from?: string;
  repo?: string;
  now: Date;
  cwd: string;
}

async function describeSource(loaded: LoadedInput, outDir: string, evidence: LoadedEvidence | undefined, origin: ReturnType<typeof describeOrigin>): Promise<EvidenceSource> {
  const top = (await findGitTop(loaded.repoDir)) ?? loaded.repoDir;
  const fromTop = (path: string): string => toPosix(displayPath(path, top));
  if (!evidence) return { kind: 'none', looked: fromTop(outDir) };
  if (origin?.kind === 'handover') return { kind: 'handover', folder: origin.folder, path: fromTop(evidence.path) };
  return { kind: 'out', path: fromTop(evidence.path) };
}

async function loadOne(loaded: LoadedInput, options: LoadSiteOptions, templateCache: TemplateCache, problems: Problem[]): Promise<SiteBrief | null> {
  const outDir = await resolveOutDir(options.from, loaded.absPath, options.cwd);
  const keep = (error: unknown): null => {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
    return null;
  };
  try {
    const found = await findEvidence({ choice: undefined, cwd: options.cwd, outDir, loaded });
    const evidence = found.evidence;
    const historyDir = found.historyDir === false ? outDir : found.historyDir;
    const origin = describeOrigin(found, outDir);
    // One read of the history, for the brief and for the page's trends: its newest 100 runs, and
    // (as the brief reads in any case) every selector's last run, however far back.
    const [brief, source] = await Promise.all([
      prepareBrief({
        loaded,
        outDir,
        now: options.now,
        cwd: options.cwd,
        evidence,
        historyDir,
        evidenceFrom: origin,
        templateCache,
        historyReadOn: (records) => records.length >= CHARTED_RUNS,
      }),
      describeSource(loaded, outDir, evidence, origin),
    ]);
    const newestFirst = brief.historyLines.map((r) => r.entry);
    const base = evidence ? dirname(evidence.path) : outDir;
    const logs = (evidence?.manifest.selectors ?? []).map((s) => {
      const logPath = resolve(base, s.log);
      return { selectorId: s.id, path: logPath, exists: isFile(logPath) };
    });
    return {
      loaded: { file: loaded.file, absPath: loaded.absPath, data: loaded.data },
      brief: { path: brief.path, text: brief.text, verdict: brief.view.verdict },
      ...(evidence ? { evidence: { path: evidence.path, manifest: evidence.manifest } } : {}),
      source,
      history: newestFirst.slice(0, CHARTED_RUNS).reverse(),
      lastRuns: findLastRuns(newestFirst),
      logs,
      notes: [...(found.note ? [found.note] : []), ...brief.notes],
    };
  } catch (error) {
    return keep(error);
  }
}

/** Every input given, loaded with its evidence, brief, history and logs; notes say what did not stop it. */
export async function loadSite(options: LoadSiteOptions): Promise<{ briefs: SiteBrief[]; notes: string[] }> {
  const inputs = await expandInputPatterns(options.inputs, options.cwd);
  const inputProblems: Problem[][] = inputs.map((a) => (a.problem ? [a.problem] : []));
  // A few at once: with every input read before the first is parsed, the texts of all of them
  // stayed alive through every garbage collection of the parses (docs/performance.md).
  const loaded = await mapLimit(inputs, 8, ({ file, problem }, i) =>
    problem
      ? Promise.resolve(null)
      : loadInput({ file, cwd: options.cwd, repo: options.repo }).catch((error: unknown) => {
          if (!(error instanceof InputError)) throw error;
          inputProblems[i]!.push(...error.problems);
          return null;
        }),
  );
  const laterProblems: Problem[][] = inputs.map(() => []);
  // Enough at once to keep the disk busy, not so many that 200 briefs hold 200 histories open.
  // Most briefs share a template: read and compiled once.
  const templateCache: TemplateCache = new Map();
  const briefs = await mapLimit(loaded, 16, (l, i) => (l ? loadOne(l, options, templateCache, laterProblems[i]!) : Promise.resolve(null)));
  const problems = [...inputProblems.flat(), ...laterProblems.flat()];
  if (problems.length > 0) throw problemsOfInputs(problems);
  const found = briefs.filter((b): b is SiteBrief => b !== null);
  return { briefs: found, notes: found.flatMap((b) => b.notes) };
}
