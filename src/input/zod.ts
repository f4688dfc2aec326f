// zod, as the CLI uses it: the small build (zod/mini), whose schemas are built by functions
// (z.optional(s), s.check(z.minLength(1))) instead of carrying every method, so that building
// the schemas costs start-up little; with the English messages the full build would set up
// when it loads, so what a user reads is the same. Only what the CLI uses is re-exported: a
// namespace zod re-exports whole (its `locales`, every language) would be bundled whole.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export {
  array,
  boolean,
  enum,
  globalRegistry,
  int,
  literal,
  minLength,
  nonnegative,
  nullable,
  number,
  object,
  optional,
  partial,
  pipe,
  positive,
  record,
  refine,
  regex,
  strictObject,
  string,
  toJSONSchema,
  transform,
  union,
} from 'zod/mini';
export type { infer, output, ZodMiniType } from 'zod/mini';
// The schema classes, to tell what a schema is (describe-issues.ts); core's types.
export { $ZodArray, $ZodDefault, $ZodNullable, $ZodObject, $ZodOptional, $ZodPipe } from 'zod/v4/core';
export type * as core from 'zod/v4/core';
