// The input format (docs/input-format.md), as one zod schema. It is the single source of validation
// (load-input.ts), of the JSON Schema shipped for editors (json-schema.ts, from the schema's
// input side), and of the model every later stage reads (model.ts, from its output side): the
// transforms here turn durations into seconds, a selector's `run:` into pytest arguments,
// cadences into their parts, and absent lists into []. Grammars are regular expressions a JSON
// Schema can carry; checks that need the whole input (duplicate ids, dangling selector ids)
// live in check-input.ts.
// zod's small build (zod/mini, src/input/zod.ts): a schema is built by functions rather than by
// methods every schema object carries, which made building this one a large part of start-up.
import * as z from './zod.js';
import {
  CADENCE_HELP,
  CADENCE_PATTERN,
  DATE_PATTERN,
  DURATION_PATTERN,
  STAMP_PATTERN,
  isCalendarDate,
  isValidStamp,
  parseCadence,
  parseDuration,
} from './grammars.js';
import { parseSelectorCommand } from './selector-command.js';

/**
 * The fields of `value` but `omit`, in their order: what `{ a, ...rest }` gives, without object
 * rest, which V8 runs slowly until it has run it often, and an input may have thousands of rows.
 */
function fieldsWithout<T extends object, K extends keyof T>(value: T, omit: readonly K[]): Omit<T, K> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (!(omit as readonly string[]).includes(key)) out[key] = (value as Record<string, unknown>)[key];
  return out as Omit<T, K>;
}

/** The schema, with a description (and other metadata) for the JSON Schema. */
function meta<T extends z.ZodMiniType>(schema: T, data: z.core.GlobalMeta): T {
  z.globalRegistry.add(schema, data);
  return schema;
}

const text = (description?: string) => (description ? meta(z.string(), { description }) : z.string());
const required = (description?: string) => meta(z.string().check(z.minLength(1, { error: 'must not be empty' })), description ? { description } : {});
const list = <T extends z.ZodMiniType>(item: T, description?: string) => meta(z.array(item), description ? { description } : {});
/** An optional list that is [] when absent. */
const optionalList = <T extends z.ZodMiniType>(item: T, description?: string) =>
  z.pipe(
    z.optional(list(item, description)),
    z.transform((v: z.output<T>[] | undefined) => v ?? []),
  );

const DURATION_HELP = 'write a number of seconds (90) or text such as 90s, 2m, 1h30m';
const duration = (description: string) =>
  z.pipe(
    meta(
      z.union(
        [
          z.number().check(z.nonnegative({ error: 'a duration cannot be negative' })),
          z.string().check(z.regex(DURATION_PATTERN, { error: (iss) => `"${String(iss.input)}" is not a duration; ${DURATION_HELP}` })),
        ],
        { error: `expected a duration; ${DURATION_HELP}` },
      ),
      { description: `${description} Seconds, or text such as 90s, 2m, 1h30m.` },
    ),
    // Validated by the union above, so it always parses.
    z.transform((v: string | number) => parseDuration(v)!),
  );

const date = (description: string) =>
  meta(
    z
      .string()
      .check(
        z.regex(DATE_PATTERN, { error: 'expected a date YYYY-MM-DD, e.g. 2025-10-19', abort: true }),
        z.refine(isCalendarDate, { error: (iss) => `${String(iss.input)} is not a calendar date (month 01-12, day within the month)` }),
      ),
    { description },
  );

const BriefSchema = z.strictObject({
  id: meta(
    z.string().check(
      z.regex(/^[a-z0-9_-]+$/, {
        error: 'use only lower-case letters, digits, _ and - (the brief is written to <out>/<id>.md, so no / or ..)',
      }),
    ),
    { description: 'Brief id, [a-z0-9_-]+; the brief is written to <out>/<id>.md.' },
  ),
  title: required('Title of the brief.'),
  initiative: required('The initiative handing over.'),
  phase: required('Phase of the initiative handing over.'),
  recipient: meta(z.strictObject({ initiative: required('Receiving initiative.'), phase: required('Receiving phase.') }), { description: 'Who receives the work.' }),
  template: z.optional(text('Template name (templates/<name>.md.hbs) or a path to a .hbs file.')),
  stamp: z.optional(
    meta(
      z
        .string()
        .check(
          z.regex(STAMP_PATTERN, { error: 'expected a stamp YYYY-MM-DDTHHmmssZ, e.g. 2025-10-19T205832Z', abort: true }),
          z.refine(isValidStamp, { error: (iss) => `${String(iss.input)} is not a real date and time (YYYY-MM-DDTHHmmssZ, UTC)` }),
        ),
      { description: 'Report-folder stamp YYYY-MM-DDTHHmmssZ; default: the generation time (UTC).' },
    ),
  ),
  date: z.optional(date('"As of" date; default: the generation date. Follow-up due dates count from it.')),
});

const FlagSchema = z.strictObject({
  name: required('Flag name.'),
  where: z.optional(text('Where the flag is set.')),
  values: optionalList(z.string(), 'Allowed values.'),
  default: z.optional(text('Default value.')),
  notes: z.optional(text('Markdown notes.')),
});

const RuntimeSchema = meta(
  z.strictObject({
    max: z.optional(duration('Fail above this.')),
    warn: z.optional(duration('Warn above this.')),
    expected: z.optional(duration('Typical runtime.')),
    tolerance: z.optional(duration('Allowed deviation from expected.')),
    min: z.optional(duration('Suspiciously fast below this (likely an incomplete run).')),
  }),
  { description: 'Runtime guardrails.' },
);

const SelectorFields = z.strictObject({
  id: meta(z.string().check(z.regex(/^[a-z0-9-]+$/, { error: 'use only lower-case letters, digits and - (e.g. backend-selection)' })), {
    description: 'Unique selector id, [a-z0-9-]+.',
  }),
  run: required(
    'A pytest command line in shell-quoted words: `pytest …` or `python -m pytest …`; no pipes, redirects, $(…) or globs.',
  ).check((ctx) => {
    if (ctx.value.trim() === '') return;
    const parsed = parseSelectorCommand(ctx.value);
    if (!parsed.ok) for (const message of parsed.problems) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  }),
  purpose: required('What the selector guards.'),
  group: z.optional(text('Priority or group name; the brief groups selectors by it, in first-seen order.')),
  owner: z.optional(text('Who owns the selector.')),
  markers: optionalList(z.string(), 'pytest markers the selector relies on.'),
  expect: z.optional(
    meta(z.enum(['pass', 'fail', 'skip', 'collect']), {
      description: 'Expected outcome: pass (the default), fail, skip, or collect (the default, and the only one, of a --collect-only selector).',
    }),
  ),
  collected: z.optional(
    meta(z.strictObject({ min: meta(z.int().check(z.nonnegative({ error: 'a count cannot be negative' })), { description: 'Fewer collected tests fail the expect.' }) }), {
      description: 'With --collect-only: the least number of tests the collection must find.',
    }),
  ),
  timeout: z.optional(duration('Overrides ci.timeout for this selector.')),
  runtime: z.optional(RuntimeSchema),
});

const SelectorSchema = z.pipe(
  SelectorFields,
  z.transform((selector: z.output<typeof SelectorFields>) => {
    const { run, expect } = selector;
    // `run` passed its check above, so it parses.
    const { pytestArgs, files, collectOnly } = (parseSelectorCommand(run) as Extract<ReturnType<typeof parseSelectorCommand>, { ok: true }>).command;
    return Object.assign(fieldsWithout(selector, ['run', 'expect']), { run, pytestArgs, files, collectOnly, expect: expect ?? (collectOnly ? 'collect' : 'pass') });
  }),
);
const CiSchema = z.strictObject({
  markers: optionalList(
    z.strictObject({ name: required('Marker name.'), meaning: z.optional(text()), registered: z.optional(z.boolean()) }),
    'pytest markers CI should know about.',
  ),
  timeout: z.optional(duration('Per-selector timeout.')),
  retries: z.optional(meta(z.int().check(z.nonnegative({ error: 'retries cannot be negative' })), { description: 'Re-runs per retry_on.' })),
  retry_on: optionalList(z.enum(['timeout', 'failure']), 'What is retried: timeout | failure.'),
  skip_policy: z.optional(text('Markdown.')),
  environment: optionalList(
    z.strictObject({
      name: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name such as CUDA_VISIBLE_DEVICES' })),
      value: z.string(),
      why: z.optional(text()),
    }),
    'Environment variables set for every selector run.',
  ),
  requirements: optionalList(z.string(), 'Requirements of the CI environment.'),
  python: z.optional(
    meta(z.string().check(z.regex(/^\d+(\.\d+)*$|^pypy-?\d/, { error: 'expected a Python version such as "3.11" (quote it: 3.10 unquoted is the number 3.1)' })), {
      description: 'Python version for the generated CI workflow (actions/setup-python), e.g. "3.11".',
    }),
  ),
  setup: optionalList(
    z.string().check(z.minLength(1, { error: 'must not be empty' })),
    'Shell lines the generated CI workflow runs to install what the tests need; never run by handoff itself.',
  ),
});

const CoordinationSchema = z.strictObject({
  topic: required('Topic.'),
  with: z.optional(text('Who to coordinate with.')),
  action: z.optional(text('What to do.')),
  status: z.optional(z.enum(['open', 'agreed', 'done'])),
});

const OwnershipSchema = z.strictObject({
  component: required('Component, path or area.'),
  owner: required('Owner.'),
  scope: z.optional(text()),
  contact: z.optional(text()),
});

const EscalationSchema = z.strictObject({
  path: z.optional(text('Markdown: how issues are escalated.')),
  triggers: optionalList(
    z.strictObject({ id: required('Unique trigger id.'), when: required('Condition.'), response: z.optional(text()), owner: z.optional(text()) }),
  ),
});

const FollowupFields = z.strictObject({
  id: required('Unique follow-up id.'),
  check: required('What to check.'),
  selectors: optionalList(z.string(), 'Selector ids the check runs.'),
  cadence: meta(z.string().check(z.regex(CADENCE_PATTERN, { error: (iss) => `"${String(iss.input)}" is not a cadence; ${CADENCE_HELP}` })), {
    description: 'per-pr | nightly | daily | weekly | monthly | "every N days" | "every N weeks" | on-change',
  }),
  paths: optionalList(z.string(), 'With cadence on-change: the paths whose change triggers the check.'),
  owner: z.optional(text()),
  expect: z.optional(text('Expected result, free text.')),
  next: z.optional(date('Explicit next-due date; overrides the cadence.')),
});

const FollowupSchema = z.pipe(
  FollowupFields,
  z.transform((followup: z.output<typeof FollowupFields>) =>
    Object.assign(fieldsWithout(followup, ['cadence']), {
      /** The cadence as typed (`weekly`, `every 2 weeks`). */
      cadenceText: followup.cadence,
      // Matched CADENCE_PATTERN above, so it parses.
      cadence: parseCadence(followup.cadence)!,
    }),
  ),
);

/** Placeholders an artifact folder may use (docs/publishing.md). */
export const ARTIFACT_PLACEHOLDERS = ['initiative', 'phase', 'stamp', 'id', 'date'] as const;

const ArtifactsSchema = z.strictObject({
  dir: z.optional(
    meta(
      z.string().check(z.minLength(1, { error: 'must not be empty' }), (ctx) => {
        for (const m of ctx.value.matchAll(/\{([^}]*)\}/g)) {
          if (!(ARTIFACT_PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
            ctx.issues.push({ code: 'custom', input: ctx.value, message: `unknown placeholder {${m[1]}}; use ${ARTIFACT_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` });
          }
        }
      }),
      { description: 'Artifact folder in the repo; placeholders {initiative} {phase} {stamp} {id} {date}. Default plans/active/{initiative}/reports/{stamp}/.' },
    ),
  ),
});

const PublishSchema = z.strictObject({
  mark: optionalList(
    z.strictObject({
      file: required('Plan file, relative to the repo.'),
      rows: list(z.string().check(z.minLength(1, { error: 'a row id must not be empty' })), 'Row ids to set.').check(z.minLength(1, { error: 'name at least one row' })),
      state: z.pipe(
        z.optional(meta(z.enum(['done', 'partial', 'open']), { description: 'State to set; default done.' })),
        z.transform((v: 'done' | 'partial' | 'open' | undefined) => v ?? 'done'),
      ),
      note: z.optional(text("Text put at the start of each row's guidance cell.")),
    }),
    'Plan rows set when the hand-over is published.',
  ),
  ledger: z.optional(
    meta(
      z.strictObject({
        file: required('The ledger (fix_plan.md), relative to the repo.'),
        item: z.optional(text('Item id, as in `## [ID] Title`; omitted: a new section of a top-level Attempts History.')),
        summary: required('One-line summary of the attempt.'),
        label: z.optional(text('Label of a timestamped entry.')),
      }),
      { description: 'The attempt appended when the hand-over is published; its artifacts are what publish wrote.' },
    ),
  ),
});

const PlanSchema = z.strictObject({
  file: required('Plan Markdown file, relative to the repo.'),
  rows: optionalList(z.string().check(z.minLength(1, { error: 'a row id must not be empty' })), 'Checklist row ids to show.'),
});

export const InputSchema = meta(
  z.strictObject({
    version: meta(
      z.literal(1, {
        error: (iss) => `${JSON.stringify(iss.input)} is not a supported version: this tool reads input format version 1 (write version: 1)`,
      }),
      { description: 'Input format version; must be 1.' },
    ),
    brief: BriefSchema,
    repo: z.optional(text('The repository the selectors and references live in, relative to this file.')),
    purpose: z.optional(text('Markdown.')),
    flags: optionalList(FlagSchema, 'Configuration flags the recipient must know.'),
    contract: optionalList(z.string(), 'Guarantees and policies, one Markdown line each.'),
    selectors: optionalList(SelectorSchema, 'pytest selectors that guard the work.'),
    ci: z.optional(CiSchema),
    coordination: optionalList(CoordinationSchema),
    ownership: optionalList(OwnershipSchema),
    escalation: z.optional(EscalationSchema),
    followups: optionalList(FollowupSchema),
    plan_extension: z.optional(z.strictObject({ recommend: z.boolean(), phase: z.optional(text()), reason: z.optional(text()) })),
    open_questions: optionalList(z.string()),
    plans: optionalList(PlanSchema, 'Plan files whose checklist rows the brief shows.'),
    references: optionalList(
      z.strictObject({ path: required('Path relative to the repo.'), anchor: z.optional(text('Section or anchor.')), note: z.optional(text()) }),
    ),
    checklist: optionalList(z.strictObject({ item: required(), done: z.pipe(z.optional(z.boolean()), z.transform((v: boolean | undefined) => v ?? false)) })),
    artifacts: z.optional(meta(ArtifactsSchema, { description: 'Where `handoff publish` writes the hand-over in the repo.' })),
    publish: z.optional(meta(PublishSchema, { description: 'What `handoff publish` marks in plans and appends to the ledger.' })),
  }),
  {
    title: 'handoff-brief input (version 1)',
    description: 'Input of `handoff render|run|validate` (see docs/input-format.md).',
  },
);

/** A validated input, as every later stage reads it (model.ts names its parts). */
export type InputModel = z.output<typeof InputSchema>;
