// A selector's `run:` line is shell-quoted words, but it is never given to a shell: the runner
// spawns `python -m pytest <pytestArgs>` itself. So anything a shell would interpret (pipes,
// `;`, `&&`, redirects, `$(…)`, backticks, `$VAR`, globs) is rejected here rather than silently
// passed to pytest as a literal word. Nothing is ever executed.
import { parse, type ParseEntry } from 'shell-quote';

export interface SelectorCommand {
  /** Words after `pytest` / `python -m pytest`. */
  pytestArgs: string[];
  /** Positional path arguments with any `::node` suffix removed, in order, without repeats. */
  files: string[];
  /** `--collect-only` / `--co`: a collection check (docs/input-format.md), not a test run. */
  collectOnly: boolean;
}

export type ParsedCommand = { ok: true; command: SelectorCommand } | { ok: false; problems: string[] };

/** pytest (and common plugin) options whose value is the next word when not written `--opt=value`. */
const OPTIONS_WITH_VALUE = new Set([
  '-k', '-m', '-p', '-c', '-o', '-W', '-r', '-n',
  '--deselect', '--ignore', '--ignore-glob', '--rootdir', '--maxfail', '--tb', '--junitxml',
  '--junit-xml', '--junit-prefix', '--confcutdir', '--basetemp', '--durations', '--durations-min',
  '--capture', '--import-mode', '--override-ini', '--pythonwarnings', '--show-capture', '--color',
  '--code-highlight', '--log-level', '--log-format', '--log-date-format', '--log-file',
  '--log-file-level', '--log-file-format', '--log-cli-level', '--log-cli-format', '--config-file',
  '--cov', '--cov-report', '--cov-config', '--dist', '--numprocesses', '--timeout', '--reruns',
  '--reruns-delay', '--random-order-seed', '--tx', '--maxprocesses', '--strict-config-file',
]);

/**
 * Options the runner owns or that would stop a selector from running its tests unattended.
 * `--junitxml` is how `handoff run` reads results: a second one would steal its report.
 */
const FORBIDDEN_OPTIONS = new Map<string, string>([
  ['--junitxml', '`handoff run` adds its own --junitxml to read the results; remove it'],
  ['--junit-xml', '`handoff run` adds its own --junitxml to read the results; remove it'],
  ['--pdb', 'it would wait for a debugger at a terminal; remove it'],
  ['--trace', 'it would wait for a debugger at a terminal; remove it'],
  ['--help', 'it prints help instead of running tests; remove it'],
  ['-h', 'it prints help instead of running tests; remove it'],
  ['--version', 'it prints the version instead of running tests; remove it'],
  ['-V', 'it prints the version instead of running tests; remove it'],
]);

const OPERATOR_HELP: Record<string, string> = {
  '|': 'a pipe (|)',
  '||': '`||`',
  '&&': '`&&`',
  ';': '`;`',
  ';;': '`;;`',
  '&': 'a background `&`',
  '(': 'a subshell `(`',
  ')': 'a subshell `)`',
  '<': 'a redirect (<)',
  '>': 'a redirect (>)',
  '>>': 'a redirect (>>)',
  '>&': 'a redirect (>&)',
  '<(': 'a process substitution <(…)',
  '|&': 'a pipe (|&)',
};

/** Characters that mean themselves to a shell outside quotes: no escapes, variables, globs, comments or operators. */
const PLAIN_CHAR = /[\w./:=,@+%-]/;

/**
 * The words of a line made of such characters, blanks (spaces, tabs) and quoted text without
 * anything a shell would expand in it ("…" without \ $ ` ", '…' without '), text next to text
 * joining into one word, as a shell reads them; null for any other line (the shell-quote parser
 * reads that one). The shell-quote parser builds and runs a large pattern for every line, and a
 * brief may have thousands.
 */
function simpleWords(run: string): string[] | null {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < run.length; ) {
    const c = run[i]!;
    if (c === ' ' || c === '\t') {
      if (word !== null) words.push(word);
      word = null;
      i++;
    } else if (c === '"' || c === "'") {
      const end = run.indexOf(c, i + 1);
      if (end === -1) return null;
      const quoted = run.slice(i + 1, end);
      if (c === '"' && /[\\$`]/.test(quoted)) return null;
      word = (word ?? '') + quoted;
      i = end + 1;
    } else if (PLAIN_CHAR.test(c)) {
      word = (word ?? '') + c;
      i++;
    } else {
      return null;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** Parse a `run:` line into pytest arguments and the files it names; every problem at once. */
export function parseSelectorCommand(run: string): ParsedCommand {
  // The schema, its transform and the cross-field checks each read a selector's line: it is
  // parsed once; every caller gets lists of its own.
  let parsed = parsedLines.get(run);
  if (!parsed) parsedLines.set(run, (parsed = parseLine(run)));
  return parsed.ok ? { ok: true, command: { ...parsed.command, pytestArgs: [...parsed.command.pytestArgs], files: [...parsed.command.files] } } : { ok: false, problems: [...parsed.problems] };
}

const parsedLines = new Map<string, ParsedCommand>();

function shellWords(run: string): ParseEntry[] {
  // A `$VAR` would be replaced by '' otherwise; keep it as typed so words stay recognisable.
  return simpleWords(run) ?? parse(run, (name) => `$${name}`);
}

function parseLine(run: string): ParsedCommand {
  const problems: string[] = [];
  if (run.includes('`')) problems.push('backticks (`…`) are command substitution; the command is never run by a shell, so remove them');
  if (run.includes('$')) {
    problems.push(
      run.includes('$(')
        ? '`$(…)` is command substitution; write the value itself'
        : '`$` expansion is not supported (nothing is run by a shell); write the value itself, or set variables in ci.environment',
    );
  }
  const entries = shellWords(run);
  const words: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      words.push(entry);
    } else if ('comment' in entry) {
      problems.push('`#` starts a shell comment here; quote the word that contains it');
    } else if (entry.op === 'glob') {
      problems.push(`"${entry.pattern}" is a shell glob (* or ?), which is never expanded; name the files, or quote the word if pytest should see it as typed`);
      words.push(entry.pattern);
    } else if (!(run.includes('$(') && (entry.op === '(' || entry.op === ')'))) {
      // (`$(…)` was already reported above; its parentheses are not separate problems.)
      const what = OPERATOR_HELP[entry.op] ?? `the shell operator ${entry.op}`;
      problems.push(`${what} is not allowed: a selector is one pytest command, run without a shell`);
    }
  }
  const first = words[0];
  let rest: string[] = [];
  if (first === undefined) {
    problems.push('the command is empty; write e.g. `pytest tests/test_x.py -vv`');
  } else if (first === 'pytest') {
    rest = words.slice(1);
  } else if (/^python(?:3(?:\.\d+)?)?$/.test(first)) {
    if (words[1] === '-m' && words[2] === 'pytest') rest = words.slice(3);
    else problems.push(`"${first}" must be followed by "-m pytest" (e.g. \`${first} -m pytest tests/test_x.py\`)`);
  } else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
    problems.push(`"${first}" sets an environment variable; set it in ci.environment and start the command with pytest`);
  } else if (first === 'py.test') {
    problems.push('write `pytest` rather than the old `py.test` name');
  } else {
    problems.push(`the command must start with \`pytest\` or \`python -m pytest\`, not "${first}"`);
  }
  for (const word of rest) {
    const name = word.startsWith('--') ? word.split('=')[0]! : word;
    const why = FORBIDDEN_OPTIONS.get(name);
    if (why) problems.push(`"${name}" is not allowed in a selector: ${why}`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, command: { pytestArgs: rest, files: extractFiles(rest), collectOnly: rest.some((w) => w === '--collect-only' || w === '--co') } };
}

/** Positional arguments (test files, folders, node ids) with `::…` stripped. */
function extractFiles(args: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '--') {
      for (const w of args.slice(i + 1)) files.push(stripNodeId(w));
      break;
    }
    if (word.startsWith('-')) {
      // `--opt value` consumes the next word; `--opt=value` and `-kexpr` do not.
      if (OPTIONS_WITH_VALUE.has(word)) i++;
      continue;
    }
    files.push(stripNodeId(word));
  }
  return [...new Set(files.filter((f) => f !== ''))];
}

function stripNodeId(word: string): string {
  const at = word.indexOf('::');
  return at === -1 ? word : word.slice(0, at);
}
