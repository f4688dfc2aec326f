// The suite's one conditional skip, for something optional this machine lacks (a Python package,
// the system's Chromium), never for a known gap: `test` or `describe` as it is when the thing is
// there; otherwise the same function skipping, with the reason (and the line that installs it)
// in each name, so a run's summary says what was not run and why. Decided when the tests are
// defined: jest has no skip at run time. .ci/run installs everything optional, so CI runs every test.

/**
 * @param run `test` or `describe`
 * @param skip the same function's `.skip`
 * @param missing why it is skipped, or undefined when what it needs is there
 */
export function unlessMissing<F extends (name: string, ...rest: never[]) => void>(run: F, skip: F, missing: string | undefined): F {
  if (!missing) return run;
  return ((name: string, ...rest: never[]) => skip(`${name} [skipped: ${missing}]`, ...rest)) as F;
}
