// The input format (SPEC §4), as one zod schema. It is the single source of validation
// (load-input.ts), of the JSON Schema shipped for editors (json-schema.ts, from the schema's
// input side), and of the model every later stage reads (model.ts, from its output side): the
// transforms here turn durations into seconds, a selector's `run:` into pytest arguments,
// cadences into their parts, and absent lists into []. Grammars are regular expressions a JSON
// Schema can carry; checks that need the whole input (duplicate ids, dangling selector ids)
// live in check-input.ts.
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

const text = (description?: string) => (description ? z.string().meta({ description }) : z.string());
const required = (description?: string) =>
  z.string().min(1, { error: 'must not be empty' }).meta(description ? { description } : {});
const list = <T extends z.ZodType>(item: T, description?: string) =>
  z.array(item).meta(description ? { description } : {});
/** An optional list that is [] when absent. */
const optionalList = <T extends z.ZodType>(item: T, description?: string) =>
  list(item, description)
    .optional()
    .transform((v) => v ?? []);

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
    .meta({ description: `${description} Seconds, or text such as 90s, 2m, 1h30m.` })
    // Validated by the union above, so it always parses.
    .transform((v) => parseDuration(v)!);

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
  values: optionalList(z.string(), 'Allowed values.'),
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
  ).check((ctx) => {
    if (ctx.value.trim() === '') return;
    const parsed = parseSelectorCommand(ctx.value);
    if (!parsed.ok) for (const message of parsed.problems) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  }),
  purpose: required('What the selector guards.'),
  group: text('Priority or group name; the brief groups selectors by it, in first-seen order.').optional(),
  owner: text('Who owns the selector.').optional(),
  markers: optionalList(z.string(), 'pytest markers the selector relies on.'),
  expect: z
    .enum(['pass', 'fail', 'skip', 'collect'])
    .meta({ description: 'Expected outcome: pass (the default), fail, skip, or collect (the default, and the only one, of a --collect-only selector).' })
    .optional(),
  collected: z
    .strictObject({ min: z.int().nonnegative({ error: 'a count cannot be negative' }).meta({ description: 'Fewer collected tests fail the expect.' }) })
    .meta({ description: 'With --collect-only: the least number of tests the collection must find.' })
    .optional(),
  timeout: duration('Overrides ci.timeout for this selector.').optional(),
  runtime: RuntimeSchema.optional(),
}).transform((selector) => {
  const { run, expect } = selector;
  // `run` passed its check above, so it parses.
  const { pytestArgs, files, collectOnly } = (parseSelectorCommand(run) as Extract<ReturnType<typeof parseSelectorCommand>, { ok: true }>).command;
  return Object.assign(fieldsWithout(selector, ['run', 'expect']), { run, pytestArgs, files, collectOnly, expect: expect ?? (collectOnly ? 'collect' : 'pass') });
});

const CiSchema = z.strictObject({
  markers: optionalList(
    z.strictObject({ name: required('Marker name.'), meaning: text().optional(), registered: z.boolean().optional() }),
    'pytest markers CI should know about.',
  ),
  timeout: duration('Per-selector timeout.').optional(),
  retries: z.int().nonnegative({ error: 'retries cannot be negative' }).meta({ description: 'Re-runs per retry_on.' }).optional(),
  retry_on: optionalList(z.enum(['timeout', 'failure']), 'What is retried: timeout | failure.'),
  skip_policy: text('Markdown.').optional(),
  environment: optionalList(
    z.strictObject({
      name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'expected an environment variable name such as CUDA_VISIBLE_DEVICES' }),
      value: z.string(),
      why: text().optional(),
    }),
    'Environment variables set for every selector run.',
  ),
  requirements: optionalList(z.string(), 'Requirements of the CI environment.'),
  python: z
    .string()
    .regex(/^\d+(\.\d+)*$|^pypy-?\d/, { error: 'expected a Python version such as "3.11" (quote it: 3.10 unquoted is the number 3.1)' })
    .meta({ description: 'Python version for the generated CI workflow (actions/setup-python), e.g. "3.11".' })
    .optional(),
  setup: optionalList(z.string().min(1, { error: 'must not be empty' }), 'Shell lines the generated CI workflow runs to install what the tests need; never run by handoff itself.'),
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
  triggers: optionalList(
    z.strictObject({ id: required('Unique trigger id.'), when: required('Condition.'), response: text().optional(), owner: text().optional() }),
  ),
});

const FollowupSchema = z.strictObject({
  id: required('Unique follow-up id.'),
  check: required('What to check.'),
  selectors: optionalList(z.string(), 'Selector ids the check runs.'),
  cadence: z.string().regex(CADENCE_PATTERN, { error: (iss) => `"${String(iss.input)}" is not a cadence; ${CADENCE_HELP}` }).meta({
    description: 'per-pr | nightly | daily | weekly | monthly | "every N days" | "every N weeks" | on-change',
  }),
  paths: optionalList(z.string(), 'With cadence on-change: the paths whose change triggers the check.'),
  owner: text().optional(),
  expect: text('Expected result, free text.').optional(),
  next: date('Explicit next-due date; overrides the cadence.').optional(),
}).transform((followup) =>
  Object.assign(fieldsWithout(followup, ['cadence']), {
    /** The cadence as typed (`weekly`, `every 2 weeks`). */
    cadenceText: followup.cadence,
    // Matched CADENCE_PATTERN above, so it parses.
    cadence: parseCadence(followup.cadence)!,
  }),
);

/** Placeholders an artifact folder may use (SPEC §8). */
export const ARTIFACT_PLACEHOLDERS = ['initiative', 'phase', 'stamp', 'id', 'date'] as const;

const ArtifactsSchema = z.strictObject({
  dir: z
    .string()
    .min(1, { error: 'must not be empty' })
    .check((ctx) => {
      for (const m of ctx.value.matchAll(/\{([^}]*)\}/g)) {
        if (!(ARTIFACT_PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
          ctx.issues.push({ code: 'custom', input: ctx.value, message: `unknown placeholder {${m[1]}}; use ${ARTIFACT_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}` });
        }
      }
    })
    .meta({ description: 'Artifact folder in the repo; placeholders {initiative} {phase} {stamp} {id} {date}. Default plans/active/{initiative}/reports/{stamp}/.' })
    .optional(),
});

const PublishSchema = z.strictObject({
  mark: optionalList(
    z.strictObject({
      file: required('Plan file, relative to the repo.'),
      rows: list(z.string().min(1, { error: 'a row id must not be empty' }), 'Row ids to set.').min(1, { error: 'name at least one row' }),
      state: z.enum(['done', 'partial', 'open']).meta({ description: 'State to set; default done.' }).optional().transform((v) => v ?? 'done'),
      note: text('Text put at the start of each row\'s guidance cell.').optional(),
    }),
    'Plan rows set when the hand-over is published.',
  ),
  ledger: z
    .strictObject({
      file: required('The ledger (fix_plan.md), relative to the repo.'),
      item: text('Item id, as in `## [ID] Title`; omitted: a new section of a top-level Attempts History.').optional(),
      summary: required('One-line summary of the attempt.'),
      label: text('Label of a timestamped entry.').optional(),
    })
    .meta({ description: 'The attempt appended when the hand-over is published; its artifacts are what publish wrote.' })
    .optional(),
});

const PlanSchema = z.strictObject({
  file: required('Plan Markdown file, relative to the repo.'),
  rows: optionalList(z.string().min(1, { error: 'a row id must not be empty' }), 'Checklist row ids to show.'),
});

export const InputSchema = z
  .strictObject({
    version: z.literal(1, {
      error: (iss) => `${JSON.stringify(iss.input)} is not a supported version: this tool reads input format version 1 (write version: 1)`,
    }).meta({ description: 'Input format version; must be 1.' }),
    brief: BriefSchema,
    repo: text('The repository the selectors and references live in, relative to this file.').optional(),
    purpose: text('Markdown.').optional(),
    flags: optionalList(FlagSchema, 'Configuration flags the recipient must know.'),
    contract: optionalList(z.string(), 'Guarantees and policies, one Markdown line each.'),
    selectors: optionalList(SelectorSchema, 'pytest selectors that guard the work.'),
    ci: CiSchema.optional(),
    coordination: optionalList(CoordinationSchema),
    ownership: optionalList(OwnershipSchema),
    escalation: EscalationSchema.optional(),
    followups: optionalList(FollowupSchema),
    plan_extension: z
      .strictObject({ recommend: z.boolean(), phase: text().optional(), reason: text().optional() })
      .optional(),
    open_questions: optionalList(z.string()),
    plans: optionalList(PlanSchema, 'Plan files whose checklist rows the brief shows.'),
    references: optionalList(
      z.strictObject({ path: required('Path relative to the repo.'), anchor: text('Section or anchor.').optional(), note: text().optional() }),
    ),
    checklist: optionalList(z.strictObject({ item: required(), done: z.boolean().optional().transform((v) => v ?? false) })),
    artifacts: ArtifactsSchema.meta({ description: 'Where `handoff publish` writes the hand-over in the repo.' }).optional(),
    publish: PublishSchema.meta({ description: 'What `handoff publish` marks in plans and appends to the ledger.' }).optional(),
  })
  .meta({
    title: 'handoff-brief input (version 1)',
    description: 'Input of `handoff render|run|validate` (see SPEC §4).',
  });

/** A validated input, as every later stage reads it (model.ts names its parts). */
export type InputModel = z.output<typeof InputSchema>;
