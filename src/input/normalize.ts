// The validated raw input (schema.ts) turned into the model every later stage reads
// (model.ts): durations in seconds, selector command lines split into pytest arguments and
// files, cadences parsed, and absent lists as []. Only called after validation passed, so a
// grammar that fails here is a bug, not bad input.
import { parseCadence, parseDuration } from './grammars.js';
import type { HandoffInput, RuntimeGuardrails, Selector } from './model.js';
import type { RawInput } from './schema.js';
import { parseSelectorCommand } from './selector-command.js';

type RawSelector = NonNullable<RawInput['selectors']>[number];

function seconds(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = parseDuration(value);
  if (s === undefined) throw new Error(`normalize: duration ${String(value)} passed validation but does not parse`);
  return s;
}

/** Copy only the keys whose value is defined, so optional fields stay absent (not `undefined`). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function normalizeSelector(raw: RawSelector): Selector {
  const parsed = parseSelectorCommand(raw.run);
  if (!parsed.ok) throw new Error(`normalize: selector ${raw.id} passed validation but its command does not parse`);
  const runtime: RuntimeGuardrails | undefined = raw.runtime
    ? defined({
        max: seconds(raw.runtime.max),
        warn: seconds(raw.runtime.warn),
        expected: seconds(raw.runtime.expected),
        tolerance: seconds(raw.runtime.tolerance),
        min: seconds(raw.runtime.min),
      })
    : undefined;
  return defined({
    id: raw.id,
    run: raw.run,
    pytestArgs: parsed.command.pytestArgs,
    files: parsed.command.files,
    purpose: raw.purpose,
    group: raw.group,
    owner: raw.owner,
    markers: raw.markers ?? [],
    expect: raw.expect ?? 'pass',
    timeout: seconds(raw.timeout),
    runtime,
  });
}

export function normalizeInput(raw: RawInput, notes?: string): HandoffInput {
  const { ci, escalation } = raw;
  return defined({
    version: 1 as const,
    brief: defined({ ...raw.brief, recipient: { ...raw.brief.recipient } }),
    repo: raw.repo,
    purpose: raw.purpose,
    flags: (raw.flags ?? []).map((f) => defined({ ...f, values: f.values ?? [] })),
    contract: raw.contract ?? [],
    selectors: (raw.selectors ?? []).map(normalizeSelector),
    ci: ci
      ? defined({
          markers: (ci.markers ?? []).map((m) => defined({ ...m })),
          timeout: seconds(ci.timeout),
          retries: ci.retries,
          retry_on: ci.retry_on ?? [],
          skip_policy: ci.skip_policy,
          environment: (ci.environment ?? []).map((e) => defined({ ...e })),
          requirements: ci.requirements ?? [],
          python: ci.python,
          setup: ci.setup,
        })
      : undefined,
    coordination: (raw.coordination ?? []).map((c) => defined({ ...c })),
    ownership: (raw.ownership ?? []).map((o) => defined({ ...o })),
    escalation: escalation
      ? defined({ path: escalation.path, triggers: (escalation.triggers ?? []).map((t) => defined({ ...t })) })
      : undefined,
    followups: (raw.followups ?? []).map((f) => {
      const cadence = parseCadence(f.cadence);
      if (!cadence) throw new Error(`normalize: cadence ${f.cadence} passed validation but does not parse`);
      return defined({
        id: f.id,
        check: f.check,
        selectors: f.selectors ?? [],
        cadenceText: f.cadence,
        cadence,
        paths: f.paths ?? [],
        owner: f.owner,
        expect: f.expect,
        next: f.next,
      });
    }),
    plan_extension: raw.plan_extension ? defined({ ...raw.plan_extension }) : undefined,
    open_questions: raw.open_questions ?? [],
    plans: (raw.plans ?? []).map((p) => ({ file: p.file, rows: p.rows ?? [] })),
    references: (raw.references ?? []).map((r) => defined({ ...r })),
    checklist: (raw.checklist ?? []).map((c) => ({ item: c.item, done: c.done ?? false })),
    notes,
  });
}
