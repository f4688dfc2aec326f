// Every class of bad input (issue 2, "Bad input"), with the exact problems each fixture must
// produce: [line, col, field path, a piece of the message]. Shared by the loadInput unit tests
// and the end-to-end tests of the built CLI.
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const BAD_DIR = join(ROOT, 'test', 'fixtures', 'inputs', 'bad');
export const GOOD_DIR = join(ROOT, 'test', 'fixtures', 'inputs', 'good');

export type Expected = [line: number, col: number, path: string, message: string];

export const BAD_INPUTS: Record<string, Expected[]> = {
  'yaml-syntax.yaml': [[10, 1, '', 'YAML: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  'tab-indent.yaml': [[10, 1, '', 'tabs are not allowed as indentation in YAML; indent with spaces']],
  'unknown-key.yaml': [
    [12, 5, 'selectors[0].timout', 'unknown key "timout"; did you mean "timeout"?'],
    [13, 1, 'refrences', 'unknown key "refrences"; did you mean "references"?'],
  ],
  'comma-trap.yaml': [
    [9, 44, 'coordination[0].the timeout', 'a comma splits the value, so action\'s value stopped at the comma. Quote the value: action: "Adopt the markers, the timeout"'],
  ],
  'missing-required.yaml': [
    [3, 3, 'brief.title', 'required, but missing'],
    [6, 14, 'brief.recipient.phase', 'required, but missing'],
    [8, 5, 'selectors[0].run', 'required, but missing'],
  ],
  'wrong-type.yaml': [
    [9, 3, 'selectors', 'expected a list, got a mapping'],
    [12, 11, 'contract', 'expected a list, got text "just one line"'],
    [14, 21, 'checklist[0].done', 'expected true or false, got text "yes"'],
  ],
  'empty-values.yaml': [
    [8, 1, 'contract', 'is empty; give a list or remove the key'],
    [12, 5, 'selectors[0].purpose', 'is empty; give text (it is required)'],
  ],
  'duplicate-ids.yaml': [
    [10, 10, 'selectors[1].id', 'duplicate selector id "a"; selectors[0] already uses it'],
    [14, 12, 'escalation.triggers[1].id', 'duplicate trigger id "RT-001"'],
    [17, 10, 'followups[1].id', 'duplicate follow-up id "f"'],
  ],
  'dangling-selector.yaml': [
    [11, 54, 'followups[0].selectors[1]', 'no selector has id "backend-selektion"; did you mean "backend-selection"?'],
    [11, 73, 'followups[0].selectors[2]', 'no selector has id "nope"; defined: backend-selection'],
    [13, 35, 'plans[0].rows[1]', 'a row id must not be empty'],
  ],
  'version-2.yaml': [[1, 10, 'version', '2 is not a supported version: this tool reads input format version 1']],
  'durations.yaml': [
    [12, 14, 'selectors[0].timeout', '"5 minutes" is not a duration'],
    [13, 20, 'selectors[0].runtime.max', 'a duration cannot be negative'],
    [13, 30, 'selectors[0].runtime.warn', '"1h90" is not a duration'],
    [15, 12, 'ci.timeout', 'expected a duration; write a number of seconds (90) or text such as 90s, 2m, 1h30m; got a list'],
  ],
  'dates.yaml': [
    [8, 9, 'brief.date', '2025-13-45 is not a calendar date'],
    [9, 10, 'brief.stamp', 'expected a stamp YYYY-MM-DDTHHmmssZ'],
    [11, 46, 'followups[0].next', '2025-02-29 is not a calendar date'],
  ],
  'cadences.yaml': [
    [9, 32, 'followups[0].cadence', '"fortnightly" is not a cadence; use per-pr, nightly'],
    [10, 32, 'followups[1].cadence', '"every 0 days" is not a cadence'],
    [11, 47, 'followups[2].paths', 'paths only apply to cadence: on-change (this follow-up is weekly)'],
  ],
  'brief-id-slash.yaml': [[3, 7, 'brief.id', 'use only lower-case letters, digits, _ and -']],
  'brief-id-dotdot.yaml': [[3, 7, 'brief.id', 'so no / or ..']],
  'selector-not-pytest.yaml': [
    [9, 18, 'selectors[0].run', 'must start with `pytest` or `python -m pytest`, not "bash"'],
    [10, 18, 'selectors[1].run', '"python" must be followed by "-m pytest"'],
    [11, 18, 'selectors[2].run', '"CUDA_VISIBLE_DEVICES=" sets an environment variable; set it in ci.environment'],
  ],
  'selector-shell.yaml': [
    [9, 21, 'selectors[0].run', 'a pipe (|) is not allowed'],
    [10, 22, 'selectors[1].run', '`;` is not allowed'],
    [10, 22, 'selectors[1].run', '`&&` is not allowed'],
    [11, 25, 'selectors[2].run', 'a redirect (>) is not allowed'],
    [12, 22, 'selectors[3].run', '`$(…)` is command substitution'],
    [13, 25, 'selectors[4].run', 'backticks (`…`) are command substitution'],
    [14, 20, 'selectors[5].run', '`$` expansion is not supported'],
    [15, 21, 'selectors[6].run', '"tests/test_*.py" is a shell glob'],
    [16, 22, 'selectors[7].run', '"--junitxml" is not allowed in a selector'],
  ],
  'alias-bomb.yaml': [[3, 8, '', 'aliases (*name) would expand more than 100 times; this looks like an alias bomb and is refused']],
  // 0.2.0 read a list that contains itself and stopped with an internal error.
  'recursive-alias.yaml': [[10, 5, '', 'YAML: the alias *questions is inside the value it names']],
  // 0.2.0 pointed at the end of the file; the quote left open is the place to fix.
  'unclosed-quote.yaml': [[4, 10, '', 'YAML: Missing closing "quote']],
  'empty.yaml': [[1, 1, '', 'the input is empty']],
  'comments-only.yaml': [[1, 1, '', 'the input is empty']],
  'binary-nul.yaml': [[3, 8, '', 'the file contains a NUL byte: this is a binary file']],
  'utf16.yaml': [[1, 1, '', 'the file is UTF-16 text; save the input as UTF-8']],
  'latin1.yaml': [[3, 13, '', 'the file is not valid UTF-8 text']],
  'broken-front-matter.md': [[5, 19, '', 'YAML: Flow sequence in block collection must be sufficiently indented']],
  'unclosed-front-matter.md': [[1, 1, '', 'the front matter is never closed: add a --- line after the YAML fields']],
  'duplicate-keys.yaml': [[8, 1, '', 'YAML: this key appears twice in the same mapping; keep one']],
  'two-documents.yaml': [[8, 1, '', 'YAML: a second YAML document starts here (---); a file holds one document']],
  'top-level-list.yaml': [[1, 1, '', 'the top level must be a mapping of fields']],
  'contradictions.yaml': [
    [9, 61, 'flags[0].default', '"jax" is not one of the flag\'s values (tensorflow, pytorch)'],
    [14, 31, 'selectors[0].runtime.warn', 'warn (20s) is below min (30s)'],
  ],
  'front-matter-json.md': [[1, 4, '', 'front matter must be YAML, not "json"']],
  'no-front-matter.md': [[1, 1, '', 'a Markdown input must start with YAML front matter']],
  'markdown-errors.md': [[10, 52, 'selectors[0].expect', '"passed" is not allowed here; use one of: pass, fail, skip']],
};

/** The `file:line:col: path: message` line the CLI prints for an expected problem (message is a prefix-free piece). */
export function expectedLine(file: string, [line, col, path]: Expected): string {
  return `${file}:${line}:${col}: ${path ? `${path}: ` : ''}`;
}
