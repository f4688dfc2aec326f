// The few error classes the CLI maps to exit codes (docs/commands.md). Commands throw these; only
// cli.ts catches them. Anything else is a bug and is reported as such (exit 70, with --debug
// showing the stack). A failed check (exit 1) is not an error: commands return it as data.

/** A position in an input file, 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** One problem found in an input, printed as `file:line:col: path: message`. */
export interface Problem extends SourcePosition {
  /** Field path such as `selectors[2].run`; empty for whole-file problems. */
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Bad input or usage: exit 2, nothing written. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly problems: Problem[],
    summary?: string,
  ) {
    super(summary ?? problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

/** The problems of many inputs, all at once (`due`, `site`): each line, then how many in how many files. */
export function problemsOfInputs(problems: Problem[]): InputError {
  const files = new Set(problems.map((p) => p.file)).size;
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`;
  return new InputError(problems, `${problems.map(formatProblem).join('\n')}\n${count}; nothing written`);
}

/** Bad usage that has no file position (unknown row id, bad flag value): exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Environment: python/pytest missing, output not writable, repo missing: exit 3. */
export class EnvironmentError extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

/** Ctrl-C / SIGTERM: exit 130. */
export class Interrupted extends Error {
  readonly exitCode = 130;
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'Interrupted';
  }
}

export type HandoffError = InputError | UsageError | EnvironmentError | Interrupted;

export function isHandoffError(error: unknown): error is HandoffError {
  return (
    error instanceof InputError ||
    error instanceof UsageError ||
    error instanceof EnvironmentError ||
    error instanceof Interrupted
  );
}
