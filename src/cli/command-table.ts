// Every command of the CLI, described once: its words, positionals and options (types, limits,
// defaults, help text), examples, and a handler that imports the command module when it runs and
// hands it the typed arguments. parse.ts builds yargs from this table; main.ts runs the handler
// and decides the exit code from its result (`failed`) or its error.
import type { Console } from '../io/console.js';
import * as o from './options.js';
import type { ArgsOf, OptionTable, PositionalTable } from './options.js';

/** What every command gets from the entry: the process's world, passed down, never read from globals. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  /** The clock (`--now` and SOURCE_DATE_EPOCH win over it). */
  clock: () => Date;
  /** Terminal width of stderr, when it is a terminal (progress lines are cut to it). */
  columns?: number;
  /** An AbortSignal for Ctrl-C / SIGTERM, installed only by the commands that need one. */
  interruptSignal(): AbortSignal;
}

export interface CommandDef<O extends OptionTable, P extends PositionalTable, R> {
  /** Command words, e.g. ['plan', 'mark']. */
  words: string[];
  describe: string;
  positionals: P;
  options: O;
  /** Command lines after `handoff`, shown in --help; they work for an installed package. */
  examples?: string[];
  run(args: ArgsOf<O, P>, context: CommandContext): Promise<R>;
  /** Whether the result is a failed check (exit 1): a stale file, a finding, an unmet selector. */
  failed?(result: R): boolean;
}

// The table holds commands of many shapes; each is checked where it is defined.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandDef<any, any, any>;

function command<O extends OptionTable, P extends PositionalTable, R>(def: CommandDef<O, P, R>): CommandDef<O, P, R> {
  return def;
}

export const GROUPS: Record<string, string> = {
  plan: 'read and edit plan checklists (tables and task lists)',
  ledger: 'edit the attempts ledger (fix_plan.md)',
  ci: 'generate CI workflows from the follow-ups',
};

const input = { input: o.positional('YAML input, or Markdown with YAML front matter') };
/** `due` and `site`: many inputs, expanded by io/input-patterns.ts. */
const inputs = { inputs: o.positionals("inputs (YAML, or Markdown with YAML front matter), or quoted globs, e.g. 'plans/**/handoff.yaml'") };
/** Where `due` and `site` look for each input's output folder by default (input/out-dir.ts). */
const EACH_INPUTS_OUT = "default: out/ at the top of the git repository that holds each input, else in the current folder";
const repo = {
  repo: o.string({ describe: "where the input's relative paths resolve and pytest runs (default: the input's `repo`, else the current folder)" }),
};
const out = {
  out: o.string({ describe: 'output folder (default: out/ at the top of the git repository that holds the input, else in the current folder)' }),
  now: o.string({ describe: 'generation time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' }),
};
const template = { template: o.string({ describe: 'template name (templates/<name>.md.hbs) or path to a .hbs file' }) };
const reports = {
  summary: o.string({ describe: 'write a Markdown job summary here (default: $GITHUB_STEP_SUMMARY when set)' }),
  failOn: o.choice({ choices: ['guardrail'], describe: 'also exit 1 when a runtime guardrail is breached (above max, below min)' }),
};
const evidenceFlag = (also: string) =>
  o.negatableString({
    describe: `evidence manifest to render with${also} (default: <out>/<brief id>.evidence.json, else the newest published hand-over of the brief; --no-evidence: none, nor the run history)`,
  });

export const COMMANDS: AnyCommand[] = [
  command({
    words: ['render'],
    describe: 'validate the input and write the brief',
    positionals: input,
    options: {
      ...out,
      ...repo,
      ...template,
      evidence: evidenceFlag(''),
      compare: o.string({ describe: 'evidence manifest of an earlier run: "Changes since" compares with it (default: the previous run in <out>/<brief id>.history.jsonl)' }),
      stdout: o.flag({ describe: 'print the brief instead of writing it' }),
      check: o.flag({ describe: 'write nothing; exit 1 with a diff if the brief on disk is stale' }),
    },
    examples: ['render handoff.yaml', 'render handoff.yaml --check', 'render handoff.yaml --compare last-week/brief.evidence.json', 'render handoff.yaml --template ./brief.md.hbs --stdout'],
    run: async (args, c) => (await import('../commands/render.js')).runRender({ ...c, ...args }),
    failed: (r) => r.stale === true,
  }),
  command({
    words: ['run'],
    describe: "run the input's pytest selectors, write logs and an evidence manifest, then render the brief",
    positionals: input,
    options: {
      ...out,
      ...repo,
      jobs: o.number({ integer: true, min: 1, describe: 'selectors run at once (default: number of CPUs)' }),
      timeout: o.duration({ describe: 'per-selector timeout, e.g. 90s, 2m (overrides ci.timeout)' }),
      retries: o.number({ integer: true, min: 0, describe: 're-runs per ci.retry_on (overrides ci.retries)' }),
      only: o.list({ separator: ',', describe: 'run only these selector ids (repeat, or a,b)' }),
      due: o.flag({ describe: 'run only the selectors of the follow-ups due now, by the run history (with --only: the due ones among those)' }),
      python: o.string({ default: 'python3', describe: 'interpreter; pytest runs as `EXE -m pytest`' }),
      isolate: o.flag({ describe: 'run every selector in a pytest process of its own (no shared workers)' }),
      dryRun: o.flag({ describe: 'print each argv, run nothing' }),
      quiet: o.flag({ describe: 'no progress output' }),
      shard: o.shard({
        describe: 'run only shard K of N of the selected selectors (K/N, weighed by runtime.expected, else the durations of the last run in --out); writes <out>/<id>.evidence.shard-K-of-N.json for `handoff merge`',
      }),
      ...reports,
      json: o.flag({ describe: 'print one JSON document on stdout (progress stays on stderr)' }),
      ...template,
    },
    examples: ['run handoff.yaml --jobs 2', 'run handoff.yaml --only backend-selection,checkpoint --dry-run', 'run handoff.yaml --due', 'run handoff.yaml --shard 1/2 --summary summary.md --fail-on guardrail'],
    run: async (args, c) => (await import('../commands/run.js')).runRun({ ...c, ...args, signal: c.interruptSignal() }),
    failed: (r) => r.exitCode === 1,
  }),
  command({
    words: ['merge'],
    describe: 'merge the manifests of a sharded run (run --shard K/N on several machines) into the manifest and brief one run would write',
    positionals: { ...input, manifests: o.positionals("the shards' <id>.evidence.shard-K-of-N.json files, their logs/ beside them") },
    options: {
      ...out,
      ...repo,
      ...template,
      ...reports,
      json: o.flag({ describe: 'print one JSON document on stdout' }),
      quiet: o.flag({ describe: 'print nothing but errors' }),
    },
    examples: ['merge handoff.yaml out/*.evidence.shard-*.json --out out'],
    run: async (args, c) => (await import('../commands/merge.js')).runMerge({ ...c, ...args }),
    failed: (r) => r.exitCode === 1,
  }),
  command({
    words: ['publish'],
    describe: 'write the hand-over into the repo: the artifact folder (brief, logs, manifest, summary.md), the publish.mark plan rows and the publish.ledger attempt, all or nothing',
    positionals: input,
    options: {
      ...out,
      ...repo,
      ...template,
      dryRun: o.flag({ describe: 'list the files it would create and print a diff of every file it would change; write nothing' }),
      run: o.tristate({ describe: 'run the selectors first even when the evidence in --out (else in the newest published hand-over) is usable (--no-run: never run; publish only existing evidence)' }),
      allowUnmet: o.flag({ describe: 'publish even when a selector did not go as expected' }),
      python: o.string({ default: 'python3', describe: 'interpreter, when publish runs the selectors' }),
      jobs: o.number({ integer: true, min: 1, describe: 'selectors run at once, when publish runs them (default: number of CPUs)' }),
    },
    examples: ['publish handoff.yaml --dry-run', 'publish handoff.yaml --no-run'],
    run: async (args, c) => (await import('../commands/publish.js')).runPublish({ ...c, ...args, signal: c.interruptSignal() }),
    failed: (r) => r.exitCode === 1,
  }),
  command({
    words: ['due'],
    describe: 'list the follow-ups of every input given with their last run and next due date; exit 1 when one is overdue',
    positionals: inputs,
    options: {
      out: o.string({
        describe:
          `output folder holding the run histories (<out>/<brief id>.history.jsonl; without one there, the newest published hand-over's); ${EACH_INPUTS_OUT}`,
      }),
      repo: o.string({ describe: "where the inputs' relative paths resolve (default: each input's `repo`); due runs nothing there" }),
      now: o.string({ describe: 'the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' }),
      within: o.string({ describe: 'list only what is due within this time, e.g. 7d, 2w, 36h (overdue ones always)' }),
      json: o.flag({ describe: 'print one JSON document' }),
      ics: o.string({ describe: 'also write an iCalendar file (- prints it instead of the table): one recurring event per dated follow-up' }),
    },
    examples: ['due data/*/*.yaml', 'due data/*/*.yaml --within 7d', 'due data/*/*.yaml --json --ics follow-ups.ics'],
    run: async (args, c) => (await import('../commands/due.js')).runDue({ ...c, ...args }),
    failed: (r) => r.late > 0,
  }),
  command({
    words: ['site'],
    describe: 'write a static site of every hand-over given: an index (status, follow-ups due, drifting selectors) and a page per brief with its trends and logs',
    positionals: inputs,
    options: {
      out: o.string({ describe: 'the site folder, replaced whole (default: site/ in the output folder of the first input)' }),
      from: o.string({
        describe:
          `output folder holding the evidence and run histories (without one there, the newest published hand-over's); ${EACH_INPUTS_OUT}`,
      }),
      repo: o.string({ describe: "where the inputs' relative paths resolve (default: each input's `repo`); site runs nothing there" }),
      now: o.string({ describe: 'generation time and the day follow-ups are judged on, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' }),
      json: o.flag({ describe: 'also print one JSON document: each hand-over, its page, status and evidence' }),
    },
    examples: ["site 'plans/active/*/handoff.yaml' --out site", 'site data/*.yaml --from out --out out/site --now 2025-10-25'],
    run: async (args, c) => (await import('../commands/site.js')).runSite({ ...c, ...args }),
  }),
  command({
    words: ['validate'],
    describe: 'check the input, then that everything it cites exists in the repo',
    positionals: input,
    options: {
      ...repo,
      collect: o.flag({ describe: 'also collect each selector with pytest --collect-only' }),
      python: o.string({ default: 'python3', describe: 'interpreter for --collect' }),
      jobs: o.number({ integer: true, min: 1, describe: 'collections run at once (default: number of CPUs)' }),
      isolate: o.flag({ describe: 'with --collect: each collection in a pytest process of its own' }),
      json: o.flag({ describe: 'print one JSON document on stdout ({file, repo, collected, ok, findings})' }),
    },
    examples: ['validate handoff.yaml', 'validate handoff.yaml --collect'],
    // Only --collect runs processes that Ctrl-C must end; otherwise keep Node's default.
    run: async (args, c) => (await import('../commands/validate.js')).runValidate({ ...c, ...args, signal: args.collect ? c.interruptSignal() : undefined }),
    failed: (r) => r.findings.length > 0,
  }),
  command({
    words: ['plan', 'status'],
    describe: 'list the checklist rows and task items (line, format, ID, state, task) of a plan file',
    positionals: { plan: o.positional('plan Markdown file') },
    options: { json: o.flag({ describe: 'print JSON' }) },
    examples: ['plan status plans/active/X/phase_plan.md --json'],
    run: async (args, c) => (await import('../commands/plan-status.js')).runPlanStatus({ ...c, ...args }),
  }),
  command({
    words: ['plan', 'mark'],
    describe: "set the state of checklist rows or task items, in the file's own symbols; every other byte is kept",
    positionals: { plan: o.positional('plan Markdown file'), ids: o.positionals('row ids') },
    options: {
      state: o.string({ default: 'done', describe: 'new state: done, partial or open (x, P, " " too)' }),
      note: o.string({ describe: 'text to prefix to the guidance cell (or the task text)' }),
      table: o.number({ integer: true, min: 1, describe: 'which checklist table (1-based) when an id is in several' }),
      line: o.number({ integer: true, min: 1, describe: 'the line of the row meant, when its id is on several rows' }),
      dryRun: o.flag({ describe: 'print the diff, write nothing' }),
    },
    examples: ['plan mark plan.md D1 D2 D3 --note "✅ 2025-10-19:"'],
    run: async (args, c) => (await import('../commands/plan-mark.js')).runPlanMark({ ...c, ...args }),
  }),
  command({
    words: ['ledger', 'append'],
    describe: "append an Attempts History entry under an item, in the item's own style",
    positionals: { ledger: o.positional('ledger Markdown file') },
    options: {
      item: o.string({ describe: 'item id, as in `## [ID] …`; without it, a new section of the top-level `## Attempts History`' }),
      summary: o.string({ demand: true, describe: 'one-line summary' }),
      artifacts: o.list({ flag: 'artifact', default: [], describe: 'artifact path (repeatable)' }),
      label: o.string({ describe: 'names a timestamped entry `*TIME (label):*`, or titles a history section' }),
      date: o.string({ describe: 'YYYY-MM-DD of a numbered entry (default: today, UTC)' }),
      now: o.string({ describe: 'the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' }),
      dryRun: o.flag({ describe: 'print the diff, write nothing' }),
    },
    examples: ['ledger append docs/fix_plan.md --item INTEGRATE-PYTORCH-001-STUBS --summary "Phase E3 handoff" --artifact out/phase_e3_handoff.md'],
    run: async (args, c) => (await import('../commands/ledger-append.js')).runLedgerAppend({ ...c, ...args }),
  }),
  command({
    words: ['init'],
    describe: "write a starting input from a plan: brief fields, the plan's rows, a selector per pytest command they quote",
    positionals: {},
    options: {
      fromPlan: o.string({ demand: true, describe: 'plan Markdown file to start from' }),
      rows: o.list({ separator: ',', variadic: true, describe: 'row ids to hand over: --rows D1 D2, --rows D1,D2 or repeated (default: every row that is not done)' }),
      out: o.string({ describe: 'write the input here (.yaml, .yml, or .md for front matter) instead of stdout' }),
      force: o.flag({ describe: 'replace --out when it exists' }),
      repo: o.string({ describe: "the repo the plan and its tests live in (default: the folder above the plan path's plans/, else the current folder)" }),
      now: o.string({ describe: "today, ISO 8601, for brief.date when the plan's path has no report stamp (default: SOURCE_DATE_EPOCH, else the clock)" }),
    },
    examples: ['init --from-plan plans/active/X/reports/2025-10-19T205832Z/phase_plan.md --rows D1,D2,D3 --out handoff.yaml'],
    run: async (args, c) => (await import('../commands/init.js')).runInit({ ...c, ...args }),
  }),
  command({
    words: ['watch'],
    describe: 'render, then re-render whenever the input, a template, a plan file or the evidence changes',
    positionals: input,
    options: {
      ...out,
      now: o.string({ describe: 'generation time of every render, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock at each render)' }),
      ...repo,
      ...template,
      evidence: evidenceFlag(', also watched'),
      debounceMs: o.number({ flag: 'debounce', integer: true, min: 0, default: 50, describe: 'milliseconds to wait for more changes' }),
    },
    examples: ['watch handoff.yaml'],
    run: async (args, c) => (await import('../commands/watch.js')).runWatch({ ...c, ...args, signal: c.interruptSignal() }),
  }),
  command({
    words: ['ci', 'github'],
    describe: 'write a GitHub Actions workflow that runs the selectors on the triggers the follow-ups name',
    positionals: input,
    options: {
      // A GitHub matrix holds at most 256 jobs.
      shards: o.number({ integer: true, min: 1, max: 256, default: 1, describe: 'most shards a run uses: a matrix of `handoff run --shard K/N` jobs and a `handoff merge` job' }),
      output: o.string({ describe: 'workflow file, or - to print it (default: .github/workflows/handoff-<brief.id>.yml in the repository, the git top of the input)' }),
      check: o.flag({ describe: 'write nothing; exit 1 with a diff if the workflow on disk is stale' }),
      package: o.string({
        describe: "what the workflow installs to get handoff: a git URL (github:<owner>/handoff-brief#v<version>) or a tarball URL; needed unless the repository's package.json lists handoff-brief (then the workflow runs npm ci)",
      }),
      site: o.flag({ describe: 'add a job that builds the hand-over site (handoff site) after the run and uploads it as an artifact' }),
      pages: o.flag({ describe: 'with the site, also deploy it to GitHub Pages (not from pull requests); implies --site' }),
    },
    examples: ['ci github handoff.yaml --shards 2', 'ci github handoff.yaml --check', 'ci github handoff.yaml --site'],
    run: async (args, c) => (await import('../commands/ci-github.js')).runCiGithub({ ...c, ...args }),
    failed: (r) => r.stale === true,
  }),
  command({
    words: ['schema'],
    describe: "print the JSON Schema of the input format (for an editor's YAML language server)",
    positionals: {},
    options: {},
    examples: ['schema > handoff.schema.json'],
    run: async (_args, c) => {
      const { inputJsonSchema } = await import('../input/json-schema.js');
      c.console.out(`${JSON.stringify(inputJsonSchema(), null, 2)}\n`);
    },
  }),
];

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  debug: o.flag({ describe: 'show stack traces of internal errors' }),
};
