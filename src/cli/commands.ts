// Every command of the CLI, described once: its words, positionals, options (with defaults and
// help text), one example, and the handler that lazy-imports the command module. Both parsers
// read this table: the fast one used on every ordinary run (fast-parse.ts) and yargs, loaded
// only for --help and for usage errors (yargs-parser.ts).
import type { Console } from '../io/console.js';

export type OptionType = 'string' | 'boolean' | 'number';

export interface OptionSpec {
  type: OptionType;
  describe: string;
  array?: boolean;
  default?: string | boolean | number | string[];
  demand?: boolean;
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
  example?: string;
  hidden?: boolean;
  /** Sets process.exitCode through its return value: 0 or 1. */
  run(args: Args, context: CommandContext): Promise<number>;
}

export const GROUPS: Record<string, string> = {
  plan: 'read and edit plan checklist tables',
  ledger: 'edit the attempts ledger (fix_plan.md)',
};

const INPUT: PositionalSpec = { name: 'input', describe: 'YAML input, or Markdown with YAML front matter' };

const repo: Record<string, OptionSpec> = {
  repo: {
    type: 'string',
    describe: "where the input's relative paths resolve and pytest runs (default: the input's `repo`, else the current folder)",
  },
};
const out: Record<string, OptionSpec> = {
  out: { type: 'string', default: 'out', describe: 'output folder' },
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
      evidence: { type: 'string', describe: 'evidence manifest from an earlier `handoff run`' },
      stdout: { type: 'boolean', default: false, describe: 'print the brief instead of writing it' },
      check: { type: 'boolean', default: false, describe: 'write nothing; exit 1 with a diff if the brief on disk is stale' },
    },
    example: 'render data/integrate-pytorch-001/phase_e3.yaml --now 2025-10-19T20:58:32Z',
    async run(a, c) {
      const { runRender } = await import('../commands/render.js');
      const result = await runRender({
        ...c,
        input: str(a, 'input'),
        out: str(a, 'out'),
        repo: opt(a, 'repo'),
        template: opt(a, 'template'),
        evidence: opt(a, 'evidence'),
        now: opt(a, 'now'),
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
      jobs: { type: 'number', describe: 'selectors run at once (default: number of CPUs)' },
      timeout: { type: 'string', describe: 'per-selector timeout, e.g. 90s, 2m (overrides ci.timeout)' },
      retries: { type: 'number', describe: 're-runs per ci.retry_on (overrides ci.retries)' },
      only: { type: 'string', array: true, describe: 'run only these selector ids' },
      python: { type: 'string', default: 'python3', describe: 'interpreter; pytest runs as `EXE -m pytest`' },
      isolate: { type: 'boolean', default: false, describe: 'run every selector in a pytest process of its own (no shared workers)' },
      'dry-run': { type: 'boolean', default: false, describe: 'print each argv, run nothing' },
      quiet: { type: 'boolean', default: false, describe: 'no progress output' },
      ...template,
    },
    example: 'run data/integrate-pytorch-001/phase_e3.yaml --jobs 2',
    async run(a, c) {
      const { runRun } = await import('../commands/run.js');
      const result = await runRun({
        ...c,
        input: str(a, 'input'),
        out: str(a, 'out'),
        repo: opt(a, 'repo'),
        jobs: opt(a, 'jobs'),
        timeout: opt(a, 'timeout'),
        retries: opt(a, 'retries'),
        only: opt(a, 'only'),
        python: str(a, 'python'),
        isolate: a.isolate === true,
        dryRun: a['dry-run'] === true,
        quiet: a.quiet === true,
        now: opt(a, 'now'),
        template: opt(a, 'template'),
        signal: c.interruptSignal(),
      });
      return result.allMet ? 0 : 1;
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
      jobs: { type: 'number', describe: 'collections run at once (default: number of CPUs)' },
      isolate: { type: 'boolean', default: false, describe: 'with --collect: each collection in a pytest process of its own' },
    },
    example: 'validate data/integrate-pytorch-001/phase_e3.yaml --collect',
    async run(a, c) {
      const { runValidate } = await import('../commands/validate.js');
      const result = await runValidate({
        ...c,
        input: str(a, 'input'),
        repo: opt(a, 'repo'),
        collect: a.collect === true,
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
    describe: 'list the checklist rows (ID, state, task) of a plan file',
    positionals: [{ name: 'plan', describe: 'plan Markdown file' }],
    options: { json: { type: 'boolean', default: false, describe: 'print JSON' } },
    example: 'plan status plans/phase_e3_docs_plan.md',
    async run(a, c) {
      const { runPlanStatus } = await import('../commands/plan-status.js');
      await runPlanStatus({ ...c, plan: str(a, 'plan'), json: a.json === true });
      return 0;
    },
  },
  {
    words: ['plan', 'mark'],
    describe: 'set the State cell of checklist rows; every other byte is kept',
    positionals: [
      { name: 'plan', describe: 'plan Markdown file' },
      { name: 'ids', describe: 'row ids', array: true },
    ],
    options: {
      state: { type: 'string', default: 'x', describe: 'new state: x, P or " "' },
      note: { type: 'string', describe: 'text to prefix to the guidance cell' },
      table: { type: 'number', describe: 'which checklist table (1-based) when an id is in several' },
      'dry-run': { type: 'boolean', default: false, describe: 'print the diff, write nothing' },
    },
    example: 'plan mark plan.md D1 D2 D3 --note "✅ 2025-10-19:"',
    async run(a, c) {
      const { runPlanMark } = await import('../commands/plan-mark.js');
      await runPlanMark({
        ...c,
        plan: str(a, 'plan'),
        ids: (a.ids as unknown[]).map(String),
        state: str(a, 'state'),
        note: opt(a, 'note'),
        table: opt(a, 'table'),
        dryRun: a['dry-run'] === true,
      });
      return 0;
    },
  },
  {
    words: ['ledger', 'append'],
    describe: 'append an Attempts History entry under an item',
    positionals: [{ name: 'ledger', describe: 'ledger Markdown file' }],
    options: {
      item: { type: 'string', demand: true, describe: 'item id, as in `## [ID] …`' },
      summary: { type: 'string', demand: true, describe: 'one-line summary' },
      artifact: { type: 'string', array: true, default: [], describe: 'artifact path (repeatable)' },
      date: { type: 'string', describe: 'YYYY-MM-DD (default: today, UTC)' },
      now: { type: 'string', describe: 'the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' },
      'dry-run': { type: 'boolean', default: false, describe: 'print the diff, write nothing' },
    },
    example: 'ledger append docs/fix_plan.md --item INTEGRATE-PYTORCH-001-STUBS --summary "Phase E3 handoff" --artifact out/phase_e3_handoff.md',
    async run(a, c) {
      const { runLedgerAppend } = await import('../commands/ledger-append.js');
      await runLedgerAppend({
        ...c,
        ledger: str(a, 'ledger'),
        item: str(a, 'item'),
        summary: str(a, 'summary'),
        artifacts: (a.artifact as unknown[]).map(String),
        date: opt(a, 'date'),
        now: opt(a, 'now'),
        dryRun: a['dry-run'] === true,
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
      ...repo,
      ...template,
      evidence: { type: 'string', describe: 'evidence manifest to render with (also watched)' },
      debounce: { type: 'number', default: 50, describe: 'milliseconds to wait for more changes' },
    },
    example: 'watch data/integrate-pytorch-001/phase_e3.yaml',
    async run(a, c) {
      const { runWatch } = await import('../commands/watch.js');
      await runWatch({
        ...c,
        input: str(a, 'input'),
        out: str(a, 'out'),
        repo: opt(a, 'repo'),
        template: opt(a, 'template'),
        evidence: opt(a, 'evidence'),
        now: opt(a, 'now'),
        debounceMs: a.debounce as number,
        signal: c.interruptSignal(),
      });
      return 0;
    },
  },
  {
    words: ['schema'],
    describe: 'print the JSON Schema of the input format',
    hidden: true,
    positionals: [],
    options: {},
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
