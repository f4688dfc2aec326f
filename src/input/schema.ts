// The raw YAML shape of an input (SPEC §4), as one zod schema. It is the single source of both
// validation (load-input.ts) and the JSON Schema shipped for editors (json-schema.ts), so the
// grammars here are regular expressions a JSON Schema can carry; checks that need the whole
// input (duplicate ids, dangling selector ids, calendar dates) live in check-input.ts.
// A namespace import lets esbuild drop the parts of zod (its locales) the CLI never uses.
import * as z from 'zod';
import {
  CADENCE_HELP,
  CADENCE_PATTERN,
  DATE_PATTERN,
  DURATION_PATTERN,
  STAMP_PATTERN,
  isCalendarDate,
  isValidStamp,
} from './grammars.js';

const text = (description?: string) => (description ? z.string().meta({ description }) : z.string());
const required = (description?: string) =>
  z.string().min(1, { error: 'must not be empty' }).meta(description ? { description } : {});
const list = <T extends z.ZodType>(item: T, description?: string) =>
  z.array(item).meta(description ? { description } : {});

const DURATION_HELP = 'write a number of seconds (90) or text such as 90s, 2m, 1h30m';
const duration = (description: string) =>
  z
    .union(
      [
        z.number().nonnegative({ error: 'a duration cannot be negative' }),
        z.string().regex(DURATION_PATTERN, { error: (iss) => `"${String(iss.input)}" is not a duration; ${DURATION_HELP}` }),
      ],
      { error: `expected a duration; ${DURATION_HELP}` },
    )
    .meta({ description: `${description} Seconds, or text such as 90s, 2m, 1h30m.` });

const date = (description: string) =>
  z
    .string()
    .regex(DATE_PATTERN, { error: 'expected a date YYYY-MM-DD, e.g. 2025-10-19', abort: true })
    .refine(isCalendarDate, { error: (iss) => `${String(iss.input)} is not a calendar date (month 01-12, day within the month)` })
    .meta({ description });

const BriefSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9_-]+$/, {
      error: 'use only lower-case letters, digits, _ and - (the brief is written to <out>/<id>.md, so no / or ..)',
    })
    .meta({ description: 'Brief id, [a-z0-9_-]+; the brief is written to <out>/<id>.md.' }),
  title: required('Title of the brief.'),
  initiative: required('The initiative handing over.'),
  phase: required('Phase of the initiative handing over.'),
  recipient: z
    .strictObject({ initiative: required('Receiving initiative.'), phase: required('Receiving phase.') })
    .meta({ description: 'Who receives the work.' }),
  template: text('Template name (templates/<name>.md.hbs) or a path to a .hbs file.').optional(),
  stamp: z
    .string()
    .regex(STAMP_PATTERN, { error: 'expected a stamp YYYY-MM-DDTHHmmssZ, e.g. 2025-10-19T205832Z', abort: true })
    .refine(isValidStamp, { error: (iss) => `${String(iss.input)} is not a real date and time (YYYY-MM-DDTHHmmssZ, UTC)` })
    .meta({ description: 'Report-folder stamp YYYY-MM-DDTHHmmssZ; default: the generation time (UTC).' })
    .optional(),
  date: date('"As of" date; default: the generation date. Follow-up due dates count from it.').optional(),
});

const FlagSchema = z.strictObject({
  name: required('Flag name.'),
  where: text('Where the flag is set.').optional(),
  values: list(z.string(), 'Allowed values.').optional(),
  default: text('Default value.').optional(),
  notes: text('Markdown notes.').optional(),
});

const RuntimeSchema = z
  .strictObject({
    max: duration('Fail above this.').optional(),
    warn: duration('Warn above this.').optional(),
    expected: duration('Typical runtime.').optional(),
    tolerance: duration('Allowed deviation from expected.').optional(),
    min: duration('Suspiciously fast below this (likely an incomplete run).').optional(),
  })
  .meta({ description: 'Runtime guardrails.' });

const SelectorSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/, { error: 'use only lower-case letters, digits and - (e.g. backend-selection)' })
    .meta({ description: 'Unique selector id, [a-z0-9-]+.' }),
  run: required(
    'A pytest command line in shell-quoted words: `pytest …` or `python -m pytest …`; no pipes, redirects, $(…) or globs.',
  ),
  purpose: required('What the selector guards.'),
  group: text('Priority or group name; the brief groups selectors by it, in first-seen order.').optional(),
  owner: text('Who owns the selector.').optional(),
  markers: list(z.string(), 'pytest markers the selector relies on.').optional(),
  expect: z.enum(['pass', 'fail', 'skip']).meta({ description: 'Expected outcome; default pass.' }).optional(),
  timeout: duration('Overrides ci.timeout for this selector.').optional(),
  runtime: RuntimeSchema.optional(),
});

const CiSchema = z.strictObject({
  markers: list(
    z.strictObject({ name: required('Marker name.'), meaning: text().optional(), registered: z.boolean().optional() }),
    'pytest markers CI should know about.',
  ).optional(),
  timeout: duration('Per-selector timeout.').optional(),
  retries: z.int().nonnegative({ error: 'retries cannot be negative' }).meta({ description: 'Re-runs per retry_on.' }).optional(),
  retry_on: list(z.enum(['timeout', 'failure']), 'What is retried: timeout | failure.').optional(),
  skip_policy: text('Markdown.').optional(),
  environment: list(
    z.strictObject({
      name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name such as CUDA_VISIBLE_DEVICES' }),
      value: z.string(),
      why: text().optional(),
    }),
    'Environment variables set for every selector run.',
  ).optional(),
  requirements: list(z.string(), 'Requirements of the CI environment.').optional(),
  python: required('Python version for the generated CI workflow (actions/setup-python), e.g. "3.11".').optional(),
  setup: list(
    required('A shell line.'),
    "Shell lines for the generated CI workflow's install step, e.g. pip install -r requirements-ci.txt; handoff itself never runs them.",
  ).optional(),
});

const CoordinationSchema = z.strictObject({
  topic: required('Topic.'),
  with: text('Who to coordinate with.').optional(),
  action: text('What to do.').optional(),
  status: z.enum(['open', 'agreed', 'done']).optional(),
});

const OwnershipSchema = z.strictObject({
  component: required('Component, path or area.'),
  owner: required('Owner.'),
  scope: text().optional(),
  contact: text().optional(),
});

const EscalationSchema = z.strictObject({
  path: text('Markdown: how issues are escalated.').optional(),
  triggers: list(
    z.strictObject({ id: required('Unique trigger id.'), when: required('Condition.'), response: text().optional(), owner: text().optional() }),
  ).optional(),
});

const FollowupSchema = z.strictObject({
  id: required('Unique follow-up id.'),
  check: required('What to check.'),
  selectors: list(z.string(), 'Selector ids the check runs.').optional(),
  cadence: z.string().regex(CADENCE_PATTERN, { error: (iss) => `"${String(iss.input)}" is not a cadence; ${CADENCE_HELP}` }).meta({
    description: 'per-pr | nightly | daily | weekly | monthly | "every N days" | "every N weeks" | on-change',
  }),
  paths: list(z.string(), 'With cadence on-change: the paths whose change triggers the check.').optional(),
  owner: text().optional(),
  expect: text('Expected result, free text.').optional(),
  next: date('Explicit next-due date; overrides the cadence.').optional(),
});

const PlanSchema = z.strictObject({
  file: required('Plan Markdown file, relative to the repo.'),
  rows: list(z.string().min(1, { error: 'a row id must not be empty' }), 'Checklist row ids to show.').optional(),
});

export const InputSchema = z
  .strictObject({
    version: z.literal(1, {
      error: (iss) => `${JSON.stringify(iss.input)} is not a supported version: this tool reads input format version 1 (write version: 1)`,
    }).meta({ description: 'Input format version; must be 1.' }),
    brief: BriefSchema,
    repo: text('The repository the selectors and references live in, relative to this file.').optional(),
    purpose: text('Markdown.').optional(),
    flags: list(FlagSchema, 'Configuration flags the recipient must know.').optional(),
    contract: list(z.string(), 'Guarantees and policies, one Markdown line each.').optional(),
    selectors: list(SelectorSchema, 'pytest selectors that guard the work.').optional(),
    ci: CiSchema.optional(),
    coordination: list(CoordinationSchema).optional(),
    ownership: list(OwnershipSchema).optional(),
    escalation: EscalationSchema.optional(),
    followups: list(FollowupSchema).optional(),
    plan_extension: z
      .strictObject({ recommend: z.boolean(), phase: text().optional(), reason: text().optional() })
      .optional(),
    open_questions: list(z.string()).optional(),
    plans: list(PlanSchema, 'Plan files whose checklist rows the brief shows.').optional(),
    references: list(
      z.strictObject({ path: required('Path relative to the repo.'), anchor: text('Section or anchor.').optional(), note: text().optional() }),
    ).optional(),
    checklist: list(z.strictObject({ item: required(), done: z.boolean().optional() })).optional(),
  })
  .meta({
    title: 'handoff-brief input (version 1)',
    description: 'Input of `handoff render|run|validate` (see SPEC §4).',
  });

export type RawInput = z.output<typeof InputSchema>;
