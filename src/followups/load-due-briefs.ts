// What `handoff due` reads (docs/followups.md): every input named (globs expanded, each file once) and the
// tail of each one's run history, found in --out or, in a fresh clone, in the newest published
// hand-over. Everything is read before anything is judged: any problem in any input or history
// is reported, all together, with exit 2.
import { InputError, problemsOfInputs, type Problem } from '../errors.js';
import { findLastRuns, hasRunOf } from '../evidence/history.js';
import { mapLimit } from '../evidence/map-limit.js';
import { readHistoryTail } from '../evidence/history-read.js';
import { historyPath } from '../evidence/out-layout.js';
import { loadInput } from '../input/load-input.js';
import type { LoadedInput } from '../input/model.js';
import { resolveOutDir } from '../input/out-dir.js';
import { displayPath } from '../input/repo-dir.js';
import { expandInputPatterns } from '../io/input-patterns.js';
import { statOrNull } from '../io/path-stat.js';
import type { DueBrief } from './due-list.js';

export interface LoadDueOptions {
  /** Input files or glob patterns, as typed. */
  inputs: readonly string[];
  /** --out as typed; default: out/ at the top of each input's git repository. */
  out?: string;
  repo?: string;
  cwd: string;
}

/**
 * Where a brief's run history is: `<out>/<brief id>.history.jsonl`, else (a fresh clone, where the
 * output folder is empty) the copy in the newest published hand-over of the brief.
 */
async function findHistory(l: DueInput, options: LoadDueOptions): Promise<string> {
  const outDir = await resolveOutDir(options.out, l.absPath, options.cwd);
  const inOut = historyPath(outDir, l.data.brief.id);
  if (statOrNull(inOut)) return inOut;
  const { findHandovers } = await import('../evidence/find-handovers.js');
  for (const handover of await findHandovers(l)) {
    const published = historyPath(handover.dir, l.data.brief.id);
    if (statOrNull(published)) return published;
  }
  return inOut;
}

/**
 * What `due` keeps of a loaded input. Not the rest (its text, the YAML positions for messages):
 * with 200 inputs read together, keeping all of that alive made every garbage collection of the
 * run copy it.
 */
type DueInput = Pick<LoadedInput, 'file' | 'absPath' | 'repoDir' | 'data'>;

export async function loadDueBriefs(options: LoadDueOptions): Promise<{ briefs: DueBrief[]; notes: string[] }> {
  // Problems per input, reported in the order the inputs were given, inputs before histories.
  // A pattern that matched nothing stays in its place among the inputs, as its problem.
  const inputs = await expandInputPatterns(options.inputs, options.cwd);
  const inputProblems: Problem[][] = inputs.map((a) => (a.problem ? [a.problem] : []));
  const historyProblems: Problem[][] = inputs.map(() => []);
  const keep = (error: unknown, into: Problem[]): null => {
    if (!(error instanceof InputError)) throw error;
    into.push(...error.problems);
    return null;
  };
  // A few at once: with every input read before the first is parsed, the texts of all of them
  // stayed alive through every garbage collection of the parses (docs/performance.md).
  const loaded = await mapLimit(inputs, 8, ({ file, problem }, i) =>
    problem
      ? Promise.resolve(null)
      : loadInput({ file, cwd: options.cwd, repo: options.repo }).then(
          (l): DueInput => ({ file: l.file, absPath: l.absPath, repoDir: l.repoDir, data: l.data }),
          (error: unknown) => keep(error, inputProblems[i]!),
        ),
  );
  const notes: string[] = [];
  const histories = await Promise.all(loaded.map((l) => (l ? findHistory(l, options) : null)));
  const seen = new Map<string, string>();
  for (const [i, l] of loaded.entries()) {
    const path = histories[i];
    if (!l || !path) continue;
    const other = seen.get(path);
    if (other !== undefined) notes.push(`${l.file} and ${other} are both brief "${l.data.brief.id}": they share the history ${displayPath(path, options.cwd)}`);
    else seen.set(path, l.file);
  }
  const tails = await mapLimit(loaded, 8, (l, i) => {
    const path = histories[i];
    if (!l || !path) return Promise.resolve(null);
    const enough = hasRunOf(l.data.followups.flatMap((f) => f.selectors));
    // The last runs are all `due` keeps of a history (not the lines read).
    return readHistoryTail(path, { display: displayPath(path, options.cwd), enough }).then(
      (tail) => ({ notes: tail.notes, lastRuns: findLastRuns([...tail.records].reverse().map((r) => r.entry)) }),
      (error: unknown) => keep(error, historyProblems[i]!),
    );
  });
  const problems = [...inputProblems.flat(), ...historyProblems.flat()];
  if (problems.length > 0) throw problemsOfInputs(problems);
  const briefs: DueBrief[] = [];
  for (const [i, l] of loaded.entries()) {
    const tail = tails[i];
    if (!l || !tail) continue;
    notes.push(...tail.notes);
    briefs.push({ input: l.data, file: l.file, lastRuns: tail.lastRuns });
  }
  return { briefs, notes };
}
