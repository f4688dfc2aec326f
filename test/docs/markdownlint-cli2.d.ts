// markdownlint-cli2 ships no type declarations; this is the part of its API the docs test calls.
declare module 'markdownlint-cli2' {
  export interface Parameters {
    directory?: string;
    argv?: string[];
    logMessage?: (message: string) => void;
    logError?: (message: string) => void;
  }
  /** Lints the files that `argv` names, as the command line would; resolves to its exit code. */
  export function main(params: Parameters): Promise<number>;
}
