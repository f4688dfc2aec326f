// The evidence manifest written by `handoff run` (docs/evidence.md)
// and read by `render`, `watch`, `merge` and `publish`: one zod schema, from which every type
// here is derived. Fields a newer tool adds are kept and ignored (not strict), so a manifest
// from a newer version still renders; a new outcome kind is one edit, in OUTCOMES.
import * as z from '../input/zod.js';

export const OUTCOMES = ['passed', 'skipped', 'failed', 'error', 'no-tests', 'timeout', 'flaky', 'collected'] as const;
export const EXPECTS = ['pass', 'fail', 'skip', 'collect'] as const;

const count = z.int().check(z.nonnegative());

export const CountsSchema = z.object({
  passed: count,
  failed: count,
  errors: count,
  skipped: count,
  xfailed: count,
  xpassed: count,
  deselected: count,
  /** Tests a `--collect-only` selector collected (docs/input-format.md). */
  collected: z.optional(count),
});

const FailureSchema = z.object({
  nodeid: z.string(),
  /** First line of the failure message. */
  message: z.string(),
  /** Head and tail of the traceback with an "N lines omitted" marker. */
  excerpt: z.string(),
  /** Where the failing test is, from JUnit (for annotations). */
  file: z.optional(z.string()),
  line: z.optional(z.int().check(z.positive())),
});

const AttemptSchema = z.object({
  outcome: z.enum(OUTCOMES),
  exit_code: z.nullable(z.int()),
  duration_s: z.number().check(z.nonnegative()),
  counts: CountsSchema,
});

export const SelectorEvidenceSchema = z.object({
  id: z.string(),
  run: z.string(),
  argv: z.array(z.string()),
  outcome: z.enum(OUTCOMES),
  expect: z.enum(EXPECTS),
  met: z.boolean(),
  exit_code: z.nullable(z.int()),
  attempts: z.int().check(z.positive()),
  /** Every attempt, in order, when there was more than one (retries). */
  attempt_results: z.optional(z.array(AttemptSchema)),
  started_at: z.string(),
  duration_s: z.number().check(z.nonnegative()),
  counts: CountsSchema,
  runtime_findings: z.array(z.string()),
  /** Relative to the manifest's folder. */
  log: z.string(),
  log_sha256: z.string(),
  junit: z.nullable(z.string()),
  failures: z.array(FailureSchema),
  /** Distinct skip reasons with how many tests gave each. */
  skip_reasons: z.optional(z.array(z.object({ reason: z.string(), count: z.int().check(z.positive()) }))),
  /** Distinct xfail reasons with how many tests gave each; `strict_passed`: a strict xfail that passed (0.3). */
  xfail_reasons: z.optional(z.array(z.object({ reason: z.string(), count: z.int().check(z.positive()), strict_passed: z.optional(z.boolean()) }))),
  /** sha256 of each test file the selector names, relative to the repo (stale detection). */
  files: z.optional(z.record(z.string(), z.nullable(z.string()))),
  /** Run in a shared warm worker or in a process of its own (docs/evidence.md#how-selectors-are-run). */
  worker: z.optional(z.enum(['shared', 'own'])),
  /** `K/N`: the shard of a sharded run that ran this selector (docs/ci.md). */
  shard: z.optional(z.string()),
});

export const EvidenceManifestSchema = z.object({
  version: z.literal(1),
  generated_at: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  /** Which input the evidence was made from (absent in manifests of 0.1.0). */
  input: z.optional(z.object({ brief_id: z.string(), file: z.string(), sha256: z.string() })),
  repo: z.object({
    /** Relative to the manifest's folder. */
    path: z.string(),
    commit: z.nullable(z.string()),
    /** Uncommitted changes in the repo folder, handoff's own output left out. */
    dirty: z.nullable(z.boolean()),
    /** The repository as its reader knows it: origin's owner/name, else its folder's name (0.3). */
    name: z.optional(z.string()),
    /** The repo folder inside the repository, when not its top (0.3). */
    folder: z.optional(z.nullable(z.string())),
    /** The changed paths that made it dirty, relative to the repository top: the first 20 (0.3). */
    changed: z.optional(z.array(z.string())),
    /** How many changed paths there were in all (0.3). */
    changed_count: z.optional(z.int().check(z.nonnegative())),
  }),
  environment: z.object({ python: z.string(), pytest: z.string(), platform: z.string() }),
  /** How many shared worker processes ran selectors (a fresh one after each timeout or crash). */
  shared_workers: z.optional(z.int().check(z.nonnegative())),
  /**
   * This manifest holds shard K of N of a sharded run over `selectors` (the ids of the whole run);
   * `split` says what the split weighed selectors by.
   */
  shard: z.optional(z.object({ index: z.int().check(z.positive()), count: z.int().check(z.positive()), selectors: z.array(z.string()), split: z.optional(z.string()) })),
  selectors: z.array(SelectorEvidenceSchema),
});

export type Outcome = (typeof OUTCOMES)[number];
export type Counts = z.infer<typeof CountsSchema>;
export type FailureExcerpt = z.infer<typeof FailureSchema>;
export type AttemptEvidence = z.infer<typeof AttemptSchema>;
export type SelectorEvidence = z.infer<typeof SelectorEvidenceSchema>;
export type EvidenceManifest = z.infer<typeof EvidenceManifestSchema>;
