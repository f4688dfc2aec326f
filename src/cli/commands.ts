// Every command of the CLI, described once: its words, positionals, options (types, limits,
// defaults and help text), examples, and the handler that lazy-imports the command module.
// parse-argv.ts reads this table to decide what a command line means; help.ts renders it.
import type { Console } from '../io/console.js';

/**
 * `duration`: text such as 90s, 2m, 1h30m, given to the command as seconds. `shard`: `K/N`
 * with 1 ≤ K ≤ N, given as `{index, count}`.
 */
export type OptionType = 'string' | 'boolean' | 'number' | 'duration' | 'shard';

export interface OptionSpec {
  type: OptionType;
  describe: string;
  /** Repeatable; the command gets a list. */
  array?: boolean;
  /** With array: one value may hold several, split on this (`--only a,b`). */
  separator?: string;
  /**
   * With array, on a command without positionals: the words after it, up to the next option,
   * are its values too (`--rows D1 D2 D3`, as SPEC writes `--rows ID…`).
   */
  variadic?: boolean;
  default?: string | boolean | number | string[];
  demand?: boolean;
  /** number: must be a whole number. */
  integer?: boolean;
  /** number: the smallest value allowed. */
  min?: number;
  /** number: the largest value allowed. */
  max?: number;
  /** string: the values allowed. */
  choices?: string[];
  /** string: `--no-NAME` turns it off (the command gets false), e.g. --no-evidence. */
  negatable?: boolean;
}

export interface PositionalSpec {
  name: string;
  describe: string;
  array?: boolean;
}

/** Parsed arguments, keyed by option name as typed (`dry-run`), positionals by name. */
export type Args = Record<string, unknown>;

export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
  /** An AbortSignal for Ctrl-C / SIGTERM, installed only by commands that need one. */
  interruptSignal(): AbortSignal;
}

export interface CommandSpec {
  /** Command words, e.g. ['plan', 'mark']. */
  words: string[];
  describe: string;
  positionals: PositionalSpec[];
  options: Record<string, OptionSpec>;
  /** Command lines after `handoff`, shown in --help; they work for an installed package. */
  examples?: string[];
  /** Sets process.exitCode through its return value: 0 or 1. */
  run(args: Args, context: CommandContext): Promise<number>;
}

export const GROUPS: Record<string, string> = {
  plan: 'read and edit plan checklists (tables and task lists)',
  ledger: 'edit the attempts ledger (fix_plan.md)',
  ci: 'generate CI workflows from the follow-ups',
};

const INPUT: PositionalSpec = { name: 'input', describe: 'YAML input, or Markdown with YAML front matter' };

const repo: Record<string, OptionSpec> = {
  repo: {
    type: 'string',
    describe: "where the input's relative paths resolve and pytest runs (default: the input's `repo`, else the current folder)",
  },
};
const out: Record<string, OptionSpec> = {
  out: { type: 'string', describe: 'output folder (default: out/ at the top of the git repository that holds the input, else in the current folder)' },
  now: { type: 'string', describe: 'generation time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' },
};
const template: Record<string, OptionSpec> = {
  template: { type: 'string', describe: 'template name (templates/<name>.md.hbs) or path to a .hbs file' },
};

const str = (a: Args, k: string): string => a[k] as string;
const opt = <T>(a: Args, k: string): T | undefined => a[k] as T | undefined;

export const COMMANDS: CommandSpec[] = [
  {
    words: ['render'],
    describe: 'validate the input and write the brief',
    positionals: [INPUT],
    options: {
      ...out,
      ...repo,
      ...template,
      evidence: { type: 'string', negatable: true, describe: 'evidence manifest to render with (default: <out>/<brief id>.evidence.json, else the newest published hand-over of the brief; --no-evidence: none, nor the run history)' },
      compare: { type: 'string', describe: 'evidence manifest of an earlier run: "Changes since" compares with it (default: the previous run in <out>/<brief id>.history.jsonl)' },
      stdout: { type: 'boolean', default: false, describe: 'print the brief instead of writing it' },
      check: { type: 'boolean', default: false, describe: 'write nothing; exit 1 with a diff if the brief on disk is stale' },
    },
    examples: ['render handoff.yaml', 'render handoff.yaml --check', 'render handoff.yaml --compare last-week/brief.evidence.json', 'render handoff.yaml --template ./brief.md.hbs --stdout'],
    async run(a, c) {
      const { runRender } = await import('../commands/render.js');
      const result = await runRender({
        ...c,
        input: str(a, 'input'),
        out: opt(a, 'out'),
        repo: opt(a, 'repo'),
        template: opt(a, 'template'),
        evidence: opt<string | false>(a, 'evidence'),
        now: opt(a, 'now'),
        compare: opt(a, 'compare'),
        stdout: a.stdout === true,
        check: a.check === true,
      });
      return result.stale ? 1 : 0;
    },
  },
  {
    words: ['run'],
    describe: "run the input's pytest selectors, write logs and an evidence manifest, then render the brief",
    positionals: [INPUT],
    options: {
      ...out,
      ...repo,
      jobs: { type: 'number', integer: true, min: 1, describe: 'selectors run at once (default: number of CPUs)' },
      timeout: { type: 'duration', describe: 'per-selector timeout, e.g. 90s, 2m (overrides ci.timeout)' },
      retries: { type: 'number', integer: true, min: 0, describe: 're-runs per ci.retry_on (overrides ci.retries)' },
      only: { type: 'string', array: true, separator: ',', describe: 'run only these selector ids (repeat, or a,b)' },
      due: { type: 'boolean', default: false, describe: 'run only the selectors of the follow-ups due now, by the run history (with --only: the due ones among those)' },
      python: { type: 'string', default: 'python3', describe: 'interpreter; pytest runs as `EXE -m pytest`' },
      isolate: { type: 'boolean', default: false, describe: 'run every selector in a pytest process of its own (no shared workers)' },
      'dry-run': { type: 'boolean', default: false, describe: 'print each argv, run nothing' },
      quiet: { type: 'boolean', default: false, describe: 'no progress output' },
      shard: { type: 'shard', describe: 'run only shard K of N of the selected selectors (K/N, weighed by runtime.expected, else the durations of the last run in --out); writes <out>/<id>.evidence.shard-K-of-N.json for `handoff merge`' },
      summary: { type: 'string', describe: 'write a Markdown job summary here (default: $GITHUB_STEP_SUMMARY when set)' },
      'fail-on': { type: 'string', choices: ['guardrail'], describe: 'also exit 1 when a runtime guardrail is breached (above max, below min)' },
      json: { type: 'boolean', default: false, describe: 'print one JSON document on stdout (progress stays on stderr)' },
      ...template,
    },
    examples: ['run handoff.yaml --jobs 2', 'run handoff.yaml --only backend-selection,checkpoint --dry-run', 'run handoff.yaml --due', 'run handoff.yaml --shard 1/2 --summary summary.md --fail-on guardrail'],
    async run(a, c) {
      const { runRun } = await import('../commands/run.js');
      const result = await runRun({
        ...c,
        input: str(a, 'input'),
        out: opt(a, 'out'),
        repo: opt(a, 'repo'),
        jobs: opt(a, 'jobs'),
        timeout: opt(a, 'timeout'),
        retries: opt(a, 'retries'),
        only: opt(a, 'only'),
        due: a.due === true,
        python: str(a, 'python'),
        isolate: a.isolate === true,
        dryRun: a['dry-run'] === true,
        quiet: a.quiet === true,
        now: opt(a, 'now'),
        template: opt(a, 'template'),
        shard: opt(a, 'shard'),
        summary: opt(a, 'summary'),
        failOn: opt(a, 'fail-on'),
        json: a.json === true,
        signal: c.interruptSignal(),
      });
      return result.exitCode;
    },
  },
  {
    words: ['merge'],
    describe: 'merge the manifests of a sharded run (run --shard K/N on several machines) into the manifest and brief one run would write',
    positionals: [INPUT, { name: 'manifests', describe: 'the shards\' <id>.evidence.shard-K-of-N.json files, their logs/ beside them', array: true }],
    options: {
      ...out,
      ...repo,
      ...template,
      summary: { type: 'string', describe: 'write a Markdown job summary here (default: $GITHUB_STEP_SUMMARY when set)' },
      'fail-on': { type: 'string', choices: ['guardrail'], describe: 'also exit 1 when a runtime guardrail is breached (above max, below min)' },
      json: { type: 'boolean', default: false, describe: 'print one JSON document on stdout' },
      quiet: { type: 'boolean', default: false, describe: 'print nothing but errors' },
    },
    examples: ['merge handoff.yaml out/*.evidence.shard-*.json --out out'],
    async run(a, c) {
      const { runMerge } = await import('../commands/merge.js');
      const result = await runMerge({
        ...c,
        input: str(a, 'input'),
        manifests: (a.manifests as unknown[]).map(String),
        out: opt(a, 'out'),
        repo: opt(a, 'repo'),
        now: opt(a, 'now'),
        template: opt(a, 'template'),
        summary: opt(a, 'summary'),
        failOn: opt(a, 'fail-on'),
        json: a.json === true,
        quiet: a.quiet === true,
      });
      return result.exitCode;
    },
  },
  {
    words: ['publish'],
    describe: 'write the hand-over into the repo: the artifact folder (brief, logs, manifest, summary.md), the publish.mark plan rows and the publish.ledger attempt, all or nothing',
    positionals: [INPUT],
    options: {
      ...out,
      ...repo,
      ...template,
      'dry-run': { type: 'boolean', default: false, describe: 'list the files it would create and print a diff of every file it would change; write nothing' },
      run: { type: 'boolean', describe: 'run the selectors first even when the evidence in --out (else in the newest published hand-over) is usable (--no-run: never run; publish only existing evidence)' },
      'allow-unmet': { type: 'boolean', default: false, describe: 'publish even when a selector did not go as expected' },
      python: { type: 'string', default: 'python3', describe: 'interpreter, when publish runs the selectors' },
      jobs: { type: 'number', integer: true, min: 1, describe: 'selectors run at once, when publish runs them (default: number of CPUs)' },
    },
    examples: ['publish handoff.yaml --dry-run', 'publish handoff.yaml --no-run'],
    async run(a, c) {
      const { runPublish } = await import('../commands/publish.js');
      const result = await runPublish({
        ...c,
        input: str(a, 'input'),
        out: opt(a, 'out'),
        repo: opt(a, 'repo'),
        template: opt(a, 'template'),
        now: opt(a, 'now'),
        dryRun: a['dry-run'] === true,
        run: opt<boolean>(a, 'run'),
        allowUnmet: a['allow-unmet'] === true,
        python: str(a, 'python'),
        jobs: opt(a, 'jobs'),
        signal: c.interruptSignal(),
      });
      return result.exitCode;
    },
  },
  {
    words: ['due'],
    describe: 'list the follow-ups of every input given with their last run and next due date; exit 1 when one is overdue',
    positionals: [{ name: 'inputs', describe: 'inputs (YAML, or Markdown with YAML front matter), e.g. data/**/*.yaml', array: true }],
    options: {
      out: { type: 'string', describe: 'output folder holding the run histories (<out>/<brief id>.history.jsonl; without one there, the newest published hand-over\'s); default: out/ at the top of the git repository that holds each input, else in the current folder' },
      repo: { type: 'string', describe: "where the inputs' relative paths resolve (default: each input's `repo`); due runs nothing there" },
      now: { type: 'string', describe: 'the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' },
      within: { type: 'string', describe: 'list only what is due within this time, e.g. 7d, 2w, 36h (overdue ones always)' },
      json: { type: 'boolean', default: false, describe: 'print one JSON document' },
      ics: { type: 'string', describe: 'also write an iCalendar file (- prints it instead of the table): one recurring event per dated follow-up' },
    },
    examples: ['due data/*/*.yaml', 'due data/*/*.yaml --within 7d', 'due data/*/*.yaml --json --ics follow-ups.ics'],
    async run(a, c) {
      const { runDue } = await import('../commands/due.js');
      const result = await runDue({
        ...c,
        inputs: (a.inputs as unknown[]).map(String),
        out: opt(a, 'out'),
        repo: opt(a, 'repo'),
        now: opt(a, 'now'),
        within: opt(a, 'within'),
        json: a.json === true,
        ics: opt(a, 'ics'),
      });
      return result.late > 0 ? 1 : 0;
    },
  },
  {
    words: ['validate'],
    describe: 'check the input, then that everything it cites exists in the repo',
    positionals: [INPUT],
    options: {
      ...repo,
      collect: { type: 'boolean', default: false, describe: 'also collect each selector with pytest --collect-only' },
      python: { type: 'string', default: 'python3', describe: 'interpreter for --collect' },
      jobs: { type: 'number', integer: true, min: 1, describe: 'collections run at once (default: number of CPUs)' },
      isolate: { type: 'boolean', default: false, describe: 'with --collect: each collection in a pytest process of its own' },
      json: { type: 'boolean', default: false, describe: 'print one JSON document on stdout ({file, repo, collected, ok, findings})' },
    },
    examples: ['validate handoff.yaml', 'validate handoff.yaml --collect'],
    async run(a, c) {
      const { runValidate } = await import('../commands/validate.js');
      const result = await runValidate({
        ...c,
        input: str(a, 'input'),
        repo: opt(a, 'repo'),
        collect: a.collect === true,
        json: a.json === true,
        python: str(a, 'python'),
        jobs: opt(a, 'jobs'),
        isolate: a.isolate === true,
        // Only --collect runs processes that Ctrl-C must end; otherwise keep Node's default.
        signal: a.collect === true ? c.interruptSignal() : undefined,
      });
      return result.findings.length > 0 ? 1 : 0;
    },
  },
  {
    words: ['plan', 'status'],
    describe: 'list the checklist rows and task items (line, format, ID, state, task) of a plan file',
    positionals: [{ name: 'plan', describe: 'plan Markdown file' }],
    options: { json: { type: 'boolean', default: false, describe: 'print JSON' } },
    examples: ['plan status plans/active/X/phase_plan.md --json'],
    async run(a, c) {
      const { runPlanStatus } = await import('../commands/plan-status.js');
      await runPlanStatus({ ...c, plan: str(a, 'plan'), json: a.json === true });
      return 0;
    },
  },
  {
    words: ['plan', 'mark'],
    describe: "set the state of checklist rows or task items, in the file's own symbols; every other byte is kept",
    positionals: [
      { name: 'plan', describe: 'plan Markdown file' },
      { name: 'ids', describe: 'row ids', array: true },
    ],
    options: {
      state: { type: 'string', default: 'done', describe: 'new state: done, partial or open (x, P, " " too)' },
      note: { type: 'string', describe: 'text to prefix to the guidance cell (or the task text)' },
      table: { type: 'number', integer: true, min: 1, describe: 'which checklist table (1-based) when an id is in several' },
      line: { type: 'number', integer: true, min: 1, describe: 'the line of the row meant, when its id is on several rows' },
      'dry-run': { type: 'boolean', default: false, describe: 'print the diff, write nothing' },
    },
    examples: ['plan mark plan.md D1 D2 D3 --note "✅ 2025-10-19:"'],
    async run(a, c) {
      const { runPlanMark } = await import('../commands/plan-mark.js');
      await runPlanMark({
        ...c,
        plan: str(a, 'plan'),
        ids: (a.ids as unknown[]).map(String),
        state: str(a, 'state'),
        note: opt(a, 'note'),
        table: opt(a, 'table'),
        line: opt(a, 'line'),
        dryRun: a['dry-run'] === true,
      });
      return 0;
    },
  },
  {
    words: ['ledger', 'append'],
    describe: "append an Attempts History entry under an item, in the item's own style",
    positionals: [{ name: 'ledger', describe: 'ledger Markdown file' }],
    options: {
      item: { type: 'string', describe: 'item id, as in `## [ID] …`; without it, a new section of the top-level `## Attempts History`' },
      summary: { type: 'string', demand: true, describe: 'one-line summary' },
      artifact: { type: 'string', array: true, default: [], describe: 'artifact path (repeatable)' },
      label: { type: 'string', describe: 'names a timestamped entry `*TIME (label):*`, or titles a history section' },
      date: { type: 'string', describe: 'YYYY-MM-DD of a numbered entry (default: today, UTC)' },
      now: { type: 'string', describe: 'the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' },
      'dry-run': { type: 'boolean', default: false, describe: 'print the diff, write nothing' },
    },
    examples: ['ledger append docs/fix_plan.md --item INTEGRATE-PYTORCH-001-STUBS --summary "Phase E3 handoff" --artifact out/phase_e3_handoff.md'],
    async run(a, c) {
      const { runLedgerAppend } = await import('../commands/ledger-append.js');
      await runLedgerAppend({
        ...c,
        ledger: str(a, 'ledger'),
        item: opt(a, 'item'),
        summary: str(a, 'summary'),
        artifacts: (a.artifact as unknown[]).map(String),
        label: opt(a, 'label'),
        date: opt(a, 'date'),
        now: opt(a, 'now'),
        dryRun: a['dry-run'] === true,
      });
      return 0;
    },
  },
  {
    words: ['init'],
    describe: "write a starting input from a plan: brief fields, the plan's rows, a selector per pytest command they quote",
    positionals: [],
    options: {
      'from-plan': { type: 'string', demand: true, describe: 'plan Markdown file to start from' },
      rows: { type: 'string', array: true, separator: ',', variadic: true, describe: 'row ids to hand over: --rows D1 D2, --rows D1,D2 or repeated (default: every row that is not done)' },
      out: { type: 'string', describe: 'write the input here (.yaml, .yml, or .md for front matter) instead of stdout' },
      force: { type: 'boolean', default: false, describe: 'replace --out when it exists' },
      repo: { type: 'string', describe: "the repo the plan and its tests live in (default: the folder above the plan path's plans/, else the current folder)" },
      now: { type: 'string', describe: "today, ISO 8601, for brief.date when the plan's path has no report stamp (default: SOURCE_DATE_EPOCH, else the clock)" },
    },
    examples: ['init --from-plan plans/active/X/reports/2025-10-19T205832Z/phase_plan.md --rows D1,D2,D3 --out handoff.yaml'],
    async run(a, c) {
      const { runInit } = await import('../commands/init.js');
      await runInit({
        ...c,
        fromPlan: str(a, 'from-plan'),
        rows: opt<unknown[]>(a, 'rows')?.map(String),
        out: opt(a, 'out'),
        force: a.force === true,
        repo: opt(a, 'repo'),
        now: opt(a, 'now'),
      });
      return 0;
    },
  },
  {
    words: ['watch'],
    describe: 'render, then re-render whenever the input, a template, a plan file or the evidence changes',
    positionals: [INPUT],
    options: {
      ...out,
      now: { type: 'string', describe: 'generation time of every render, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock at each render)' },
      ...repo,
      ...template,
      evidence: { type: 'string', negatable: true, describe: 'evidence manifest to render with, also watched (default: <out>/<brief id>.evidence.json, else the newest published hand-over of the brief; --no-evidence: none, nor the run history)' },
      debounce: { type: 'number', integer: true, min: 0, default: 50, describe: 'milliseconds to wait for more changes' },
    },
    examples: ['watch handoff.yaml'],
    async run(a, c) {
      const { runWatch } = await import('../commands/watch.js');
      await runWatch({
        ...c,
        input: str(a, 'input'),
        out: opt(a, 'out'),
        repo: opt(a, 'repo'),
        template: opt(a, 'template'),
        evidence: opt<string | false>(a, 'evidence'),
        now: opt(a, 'now'),
        debounceMs: a.debounce as number,
        signal: c.interruptSignal(),
      });
      return 0;
    },
  },
  {
    words: ['ci', 'github'],
    describe: 'write a GitHub Actions workflow that runs the selectors on the triggers the follow-ups name',
    positionals: [INPUT],
    options: {
      // A GitHub matrix holds at most 256 jobs.
      shards: { type: 'number', integer: true, min: 1, max: 256, default: 1, describe: 'most shards a run uses: a matrix of `handoff run --shard K/N` jobs and a `handoff merge` job' },
      output: { type: 'string', describe: 'workflow file, or - to print it (default: .github/workflows/handoff-<brief.id>.yml in the repository, the git top of the input)' },
      check: { type: 'boolean', default: false, describe: 'write nothing; exit 1 with a diff if the workflow on disk is stale' },
      package: { type: 'string', describe: "what the workflow installs to get handoff: a git URL (github:<owner>/handoff-brief#v<version>) or a tarball URL; needed unless the repository's package.json lists handoff-brief (then the workflow runs npm ci)" },
    },
    examples: ['ci github handoff.yaml --shards 2', 'ci github handoff.yaml --check'],
    async run(a, c) {
      const { runCiGithub } = await import('../commands/ci-github.js');
      const result = await runCiGithub({
        ...c,
        input: str(a, 'input'),
        shards: opt(a, 'shards'),
        output: opt(a, 'output'),
        check: a.check === true,
        package: opt(a, 'package'),
      });
      return result.stale ? 1 : 0;
    },
  },
  {
    words: ['schema'],
    describe: 'print the JSON Schema of the input format (for an editor\'s YAML language server)',
    positionals: [],
    options: {},
    examples: ['schema > handoff.schema.json'],
    async run(_a, c) {
      const { inputJsonSchema } = await import('../input/json-schema.js');
      c.console.out(`${JSON.stringify(inputJsonSchema(), null, 2)}\n`);
      return 0;
    },
  },
];

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  debug: { type: 'boolean', default: false, describe: 'show stack traces of internal errors' },
};
