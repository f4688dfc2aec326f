// The validated input (docs/input-format.md) that every later stage reads: the output side of the zod schema
// (schema.ts), where durations are seconds, selector command lines are parsed into pytest
// arguments, cadences into their parts, and optional lists are []. This file only names the
// parts; their shape is defined once, in the schema.
import type { InputModel } from './schema.js';
import type { FieldPath } from '../text/yaml-document.js';

export type { FieldPath } from '../text/yaml-document.js';

export type HandoffInput = InputModel & {
  /** Body of a Markdown input (free Markdown, rendered verbatim). */
  notes?: string;
};

export type Brief = HandoffInput['brief'];
export type Selector = HandoffInput['selectors'][number];
export type Expect = Selector['expect'];
export type RuntimeGuardrails = NonNullable<Selector['runtime']>;
export type Ci = NonNullable<HandoffInput['ci']>;
export type RetryOn = Ci['retry_on'][number];
export type Followup = HandoffInput['followups'][number];
export type { Cadence } from './grammars.js';
export type PlanRef = HandoffInput['plans'][number];

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
  /** Where repoDir came from. */
  repoFrom: 'option' | 'input' | 'cwd';
  /** Position of a field in the file (falls back to the nearest ancestor that exists). */
  positionOf(path: FieldPath): { line: number; col: number };
}
