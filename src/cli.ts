// The command line: parse flags (yargs), call one command, print, map errors to exit codes.
// This is the only place that catches errors and the only place that sets the exit code.
// Each command module is imported when it runs, so `handoff render` never loads execa or
// chokidar (cold start, see README "Performance").
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isHandoffError, UsageError } from './errors.js';
import { processConsole } from './io/console.js';

declare const __HANDOFF_VERSION__: string;
const VERSION = typeof __HANDOFF_VERSION__ === 'string' ? __HANDOFF_VERSION__ : '0.0.0-dev';

const common = {
  cwd: process.cwd(),
  env: process.env,
  console: processConsole,
};

function withRepo<T>(y: Argv<T>) {
  return y.option('repo', {
    type: 'string',
    describe: "where the input's relative paths resolve and pytest runs (default: the input's `repo`, else the current folder)",
  });
}

function withOut<T>(y: Argv<T>) {
  return y
    .option('out', { type: 'string', default: 'out', describe: 'output folder' })
    .option('now', { type: 'string', describe: 'generation time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' });
}

/** An AbortSignal that fires on the first Ctrl-C / SIGTERM; a second one exits at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return controller.signal;
}

function buildParser(argv: string[]) {
  return yargs(argv)
    .scriptName('handoff')
    .version(VERSION)
    .strict()
    .recommendCommands()
    .demandCommand(1, 'name a command; see `handoff --help`')
    .option('debug', { type: 'boolean', default: false, describe: 'show stack traces of internal errors' })
    .command(
      'render <input>',
      'validate the input and write the brief',
      (y) =>
        withOut(withRepo(y.positional('input', { type: 'string', demandOption: true, describe: 'YAML or Markdown input' })))
          .option('template', { type: 'string', describe: 'template name (templates/<name>.md.hbs) or path to a .hbs file' })
          .option('evidence', { type: 'string', describe: 'evidence manifest from an earlier `handoff run`' })
          .option('stdout', { type: 'boolean', default: false, describe: 'print the brief instead of writing it' })
          .option('check', { type: 'boolean', default: false, describe: 'write nothing; exit 1 with a diff if the brief on disk is stale' })
          .example('$0 render data/integrate-pytorch-001/phase_e3.yaml --now 2025-10-19T20:58:32Z', ''),
      async (a) => {
        const { runRender } = await import('./commands/render.js');
        const result = await runRender({
          ...common,
          input: a.input,
          out: a.out,
          repo: a.repo,
          template: a.template,
          evidence: a.evidence,
          now: a.now,
          stdout: a.stdout,
          check: a.check,
        });
        if (result.stale) process.exitCode = 1;
      },
    )
    .command(
      'run <input>',
      "run the input's pytest selectors, write logs and an evidence manifest, then render the brief",
      (y) =>
        withOut(withRepo(y.positional('input', { type: 'string', demandOption: true, describe: 'YAML or Markdown input' })))
          .option('jobs', { type: 'number', describe: 'selectors run at once (default: number of CPUs)' })
          .option('timeout', { type: 'string', describe: 'per-selector timeout, e.g. 90s, 2m (overrides ci.timeout)' })
          .option('retries', { type: 'number', describe: 're-runs per ci.retry_on (overrides ci.retries)' })
          .option('only', { type: 'string', array: true, describe: 'run only these selector ids' })
          .option('python', { type: 'string', default: 'python3', describe: 'interpreter; pytest runs as `EXE -m pytest`' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'print each argv, run nothing' })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
          .option('template', { type: 'string', describe: 'template name or path' })
          .example('$0 run data/integrate-pytorch-001/phase_e3.yaml --jobs 2', ''),
      async (a) => {
        const { runRun } = await import('./commands/run.js');
        const result = await runRun({
          ...common,
          input: a.input,
          out: a.out,
          repo: a.repo,
          jobs: a.jobs,
          timeout: a.timeout,
          retries: a.retries,
          only: a.only,
          python: a.python,
          dryRun: a['dry-run'],
          quiet: a.quiet,
          now: a.now,
          template: a.template,
          signal: interruptSignal(),
        });
        if (!result.allMet) process.exitCode = 1;
      },
    )
    .command(
      'validate <input>',
      'check the input, then that everything it cites exists in the repo',
      (y) =>
        withRepo(y.positional('input', { type: 'string', demandOption: true, describe: 'YAML or Markdown input' }))
          .option('collect', { type: 'boolean', default: false, describe: 'also collect each selector with pytest --collect-only' })
          .option('python', { type: 'string', default: 'python3', describe: 'interpreter for --collect' })
          .option('jobs', { type: 'number', describe: 'collections run at once (default: number of CPUs)' })
          .example('$0 validate data/integrate-pytorch-001/phase_e3.yaml --collect', ''),
      async (a) => {
        const { runValidate } = await import('./commands/validate.js');
        const result = await runValidate({
          ...common,
          input: a.input,
          repo: a.repo,
          collect: a.collect,
          python: a.python,
          jobs: a.jobs,
        });
        if (result.findings.length > 0) process.exitCode = 1;
      },
    )
    .command('plan', 'read and edit plan checklist tables', (y) =>
      y
        .command(
          'status <plan>',
          'list the checklist rows (ID, state, task) of a plan file',
          (yy) =>
            yy
              .positional('plan', { type: 'string', demandOption: true, describe: 'plan Markdown file' })
              .option('json', { type: 'boolean', default: false, describe: 'print JSON' })
              .example('$0 plan status plans/phase_e3_docs_plan.md', ''),
          async (a) => {
            const { runPlanStatus } = await import('./commands/plan-status.js');
            await runPlanStatus({ ...common, plan: a.plan, json: a.json });
          },
        )
        .command(
          'mark <plan> <ids..>',
          'set the State cell of checklist rows; every other byte is kept',
          (yy) =>
            yy
              .positional('plan', { type: 'string', demandOption: true, describe: 'plan Markdown file' })
              .positional('ids', { type: 'string', array: true, demandOption: true, describe: 'row ids' })
              .option('state', { type: 'string', default: 'x', describe: 'new state: x, P or " "' })
              .option('note', { type: 'string', describe: 'text to prefix to the guidance cell' })
              .option('table', { type: 'number', describe: 'which checklist table (1-based) when an id is in several' })
              .option('dry-run', { type: 'boolean', default: false, describe: 'print the diff, write nothing' })
              .example('$0 plan mark plan.md D1 D2 D3 --note "✅ 2025-10-19"', ''),
          async (a) => {
            const { runPlanMark } = await import('./commands/plan-mark.js');
            await runPlanMark({
              ...common,
              plan: a.plan,
              ids: (a.ids ?? []).map(String),
              state: a.state,
              note: a.note,
              table: a.table,
              dryRun: a['dry-run'],
            });
          },
        )
        .demandCommand(1, 'name a plan command: status or mark'),
    )
    .command('ledger', 'edit the attempts ledger (fix_plan.md)', (y) =>
      y
        .command(
          'append <ledger>',
          'append an Attempts History entry under an item',
          (yy) =>
            yy
              .positional('ledger', { type: 'string', demandOption: true, describe: 'ledger Markdown file' })
              .option('item', { type: 'string', demandOption: true, describe: 'item id, as in `## [ID] …`' })
              .option('summary', { type: 'string', demandOption: true, describe: 'one-line summary' })
              .option('artifact', { type: 'string', array: true, default: [] as string[], describe: 'artifact path (repeatable)' })
              .option('date', { type: 'string', describe: 'YYYY-MM-DD (default: today, UTC)' })
              .option('now', { type: 'string', describe: 'the current time, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock)' })
              .option('dry-run', { type: 'boolean', default: false, describe: 'print the diff, write nothing' })
              .example('$0 ledger append docs/fix_plan.md --item INTEGRATE-PYTORCH-001-STUBS --summary "Phase E3 handoff" --artifact out/phase_e3_handoff.md', ''),
          async (a) => {
            const { runLedgerAppend } = await import('./commands/ledger-append.js');
            await runLedgerAppend({
              ...common,
              ledger: a.ledger,
              item: a.item,
              summary: a.summary,
              artifacts: a.artifact.map(String),
              date: a.date,
              now: a.now,
              dryRun: a['dry-run'],
            });
          },
        )
        .demandCommand(1, 'name a ledger command: append'),
    )
    .command(
      'watch <input>',
      'render, then re-render whenever the input, a template or a plan file changes',
      (y) =>
        withOut(withRepo(y.positional('input', { type: 'string', demandOption: true, describe: 'YAML or Markdown input' })))
          .option('template', { type: 'string', describe: 'template name or path' })
          .option('evidence', { type: 'string', describe: 'evidence manifest to render with (also watched)' })
          .option('debounce', { type: 'number', default: 50, describe: 'milliseconds to wait for more changes' })
          .example('$0 watch data/integrate-pytorch-001/phase_e3.yaml', ''),
      async (a) => {
        const { runWatch } = await import('./commands/watch.js');
        await runWatch({
          ...common,
          input: a.input,
          out: a.out,
          repo: a.repo,
          template: a.template,
          evidence: a.evidence,
          now: a.now,
          debounceMs: a.debounce,
          signal: interruptSignal(),
        });
      },
    )
    .command(
      'schema',
      false, // hidden: prints the JSON Schema of the input format (npm run schema)
      (y) => y,
      async () => {
        const { inputJsonSchema } = await import('./input/json-schema.js');
        process.stdout.write(`${JSON.stringify(inputJsonSchema(), null, 2)}\n`);
      },
    )
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message);
    })
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100));
}

async function main(): Promise<void> {
  const argv = hideBin(process.argv);
  const debug = argv.includes('--debug');
  try {
    await buildParser(argv).parseAsync();
  } catch (error) {
    if (isHandoffError(error)) {
      process.stderr.write(`${error instanceof UsageError ? 'handoff: ' : ''}${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const err = error as NodeJS.ErrnoException;
    process.stderr.write(`handoff: internal error: ${err?.message ?? String(error)}\n`);
    if (debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('(run again with --debug for the stack trace, and report it)\n');
    process.exitCode = 70;
  }
}

await main();
