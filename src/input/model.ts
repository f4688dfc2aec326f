// The validated, normalised input (SPEC §4) that every later stage reads. Durations are
// seconds, selector command lines are parsed into argv, optional lists default to [].
// The raw YAML shape lives in schema.ts; normalize.ts turns one into the other.

export type Expect = 'pass' | 'fail' | 'skip';
export type CoordinationStatus = 'open' | 'agreed' | 'done';
export type RetryOn = 'timeout' | 'failure';

export interface Recipient {
  initiative: string;
  phase: string;
}

export interface Brief {
  id: string;
  title: string;
  initiative: string;
  phase: string;
  recipient: Recipient;
  template?: string;
  /** Report-folder stamp, `YYYY-MM-DDTHHmmssZ`. */
  stamp?: string;
  /** "As of" date, `YYYY-MM-DD`. */
  date?: string;
}

export interface Flag {
  name: string;
  where?: string;
  values: string[];
  default?: string;
  notes?: string;
}

/** Runtime guardrails, all in seconds. */
export interface RuntimeGuardrails {
  max?: number;
  warn?: number;
  expected?: number;
  tolerance?: number;
  min?: number;
}

export interface Selector {
  id: string;
  /** The command line as typed. */
  run: string;
  /** Words of `run` after `pytest` / `python -m pytest`: what is passed to pytest. */
  pytestArgs: string[];
  /** File paths named by the selector (node ids without `::…`), relative to the repo. */
  files: string[];
  purpose: string;
  group?: string;
  owner?: string;
  markers: string[];
  expect: Expect;
  /** Seconds. */
  timeout?: number;
  runtime?: RuntimeGuardrails;
}

export interface CiMarker {
  name: string;
  meaning?: string;
  registered?: boolean;
}

export interface EnvVar {
  name: string;
  value: string;
  why?: string;
}

export interface Ci {
  markers: CiMarker[];
  /** Seconds. */
  timeout?: number;
  retries?: number;
  retry_on: RetryOn[];
  skip_policy?: string;
  environment: EnvVar[];
  requirements: string[];
  /** Python version for the generated CI workflow (`ci github`), e.g. `3.11`. */
  python?: string;
  /** Shell lines of the generated workflow's install step; never run by handoff itself. */
  setup?: string[];
}

export interface Coordination {
  topic: string;
  with?: string;
  action?: string;
  status?: CoordinationStatus;
}

export interface Ownership {
  component: string;
  owner: string;
  scope?: string;
  contact?: string;
}

export interface Trigger {
  id: string;
  when: string;
  response?: string;
  owner?: string;
}

export interface Escalation {
  path?: string;
  triggers: Trigger[];
}

export type Cadence =
  | { kind: 'per-pr' }
  | { kind: 'on-change' }
  | { kind: 'nightly' }
  | { kind: 'daily' }
  | { kind: 'weekly' }
  | { kind: 'monthly' }
  | { kind: 'every'; count: number; unit: 'days' | 'weeks' };

export interface Followup {
  id: string;
  check: string;
  selectors: string[];
  /** The cadence as typed (`weekly`, `every 2 weeks`). */
  cadenceText: string;
  cadence: Cadence;
  paths: string[];
  owner?: string;
  expect?: string;
  /** Explicit next-due date `YYYY-MM-DD`, overriding the cadence. */
  next?: string;
}

export interface PlanExtension {
  recommend: boolean;
  phase?: string;
  reason?: string;
}

export interface PlanRef {
  file: string;
  rows: string[];
}

export interface Reference {
  path: string;
  anchor?: string;
  note?: string;
}

export interface ChecklistItem {
  item: string;
  done: boolean;
}

export interface HandoffInput {
  version: 1;
  brief: Brief;
  repo?: string;
  purpose?: string;
  flags: Flag[];
  contract: string[];
  selectors: Selector[];
  ci?: Ci;
  coordination: Coordination[];
  ownership: Ownership[];
  escalation?: Escalation;
  followups: Followup[];
  plan_extension?: PlanExtension;
  open_questions: string[];
  plans: PlanRef[];
  references: Reference[];
  checklist: ChecklistItem[];
  /** Body of a Markdown input (free Markdown, rendered verbatim). */
  notes?: string;
}

/** A field path into the raw input, e.g. `['selectors', 2, 'run']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** An input read from disk and validated, with where it came from. */
export interface LoadedInput {
  /** Path as given by the user (used in messages). */
  file: string;
  /** Absolute path of the input file. */
  absPath: string;
  /** Raw file text (hashed into the provenance comment). */
  text: string;
  data: HandoffInput;
  /** Absolute repo folder: `--repo`, else `repo:` relative to the input file, else cwd. */
  repoDir: string;
  /** Position of a field in the file (falls back to the nearest ancestor that exists). */
  positionOf(path: FieldPath): { line: number; col: number };
}
