import type { Console } from '../io/console.js';

export interface RenderOptions {
  input: string;
  /** Output folder (default `out`). */
  out: string;
  repo?: string;
  template?: string;
  evidence?: string;
  now?: string;
  stdout: boolean;
  check: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  console: Console;
}

export interface RenderResult {
  /** Absolute path of the brief (written, or compared with --check). */
  briefPath: string;
  /** With --check: whether the file on disk differs. */
  stale?: boolean;
  /**
   * Absolute paths of every file this render read (input, template, partials, plan files,
   * evidence manifest): `handoff watch` re-renders when one of them changes.
   */
  sources?: string[];
}

export async function runRender(options: RenderOptions): Promise<RenderResult> {
  void options;
  throw new Error('render: not implemented yet');
}
