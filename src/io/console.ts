// Where commands print. Passed in so tests can capture output and the CLI can tell a terminal.
export interface Console {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: live progress lines are allowed. */
  isTTY: boolean;
}

export const processConsole: Console = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};
