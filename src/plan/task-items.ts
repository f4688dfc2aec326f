// Task-list items as checklist rows. The id is the label before the first colon, bold or not:
// `- [ ] A1: text`, `* [x] CALIB-SWEEP-002.B3: text`, `- [x] **Phase 1:** text`. An item
// without a label is still a row (listed by line) but has no id to be named by.
import type { ChecklistRow } from './checklist-row.js';
import type { RawTask } from './find-tasks.js';
import { meaningOf, type StateVocabulary } from './state-symbols.js';

/**
 * A label: up to four words and 48 characters, starting with a letter or digit, without code,
 * links or emphasis inside, ended by a colon and whitespace (or the end). A sentence that
 * happens to hold a colon ("Re-run `pytest a.py::t`") has none.
 */
const LABEL = /^(?:\*\*([^*`[\]]+?):\*\*|__([^_`[\]]+?):__|\*\*([^*`[\]:]+?)\*\*:|([^\s*_`[\]:][^`[\]:*]*?):)(?=[ \t\r\n]|$)/u;

export function readTaskRows(text: string, raws: readonly RawTask[], vocabulary: StateVocabulary): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  for (const raw of raws) {
    const symbol = text.slice(raw.state.start, raw.state.end);
    const state = meaningOf(vocabulary, symbol);
    // `[a]` or `[1]` at the start of an item is text, not a state the file knows.
    if (state === null) continue;
    const { id, noteAt, task } = readLabel(text, raw);
    rows.push({
      format: 'task',
      id,
      state,
      stateText: `[${symbol}]`,
      symbol,
      backticks: false,
      task,
      guidance: '',
      line: raw.line,
      section: raw.heading,
      depth: raw.depth,
      table: null,
      cells: {
        id: null,
        state: raw.state,
        guidance: { start: noteAt, end: noteAt, line: raw.line, col: raw.state.col + (noteAt - raw.state.start) },
      },
    });
  }
  return rows;
}

/** The label, where a note goes (after the label and its spaces), and the text after the label. */
function readLabel(text: string, raw: RawTask): { id: string; noteAt: number; task: string } {
  let at = raw.after;
  while (text[at] === ' ' || text[at] === '\t') at++;
  const m = LABEL.exec(text.slice(at, at + 120));
  const label = m ? (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim() : '';
  if (!m || !isLabel(label)) return { id: '', noteAt: at, task: raw.text };
  let noteAt = at + m[0].length;
  while (text[noteAt] === ' ' || text[noteAt] === '\t') noteAt++;
  // raw.text is the folded paragraph from raw.after; the label is on its first line.
  const rest = raw.text.slice(raw.text.indexOf(m[0]) + m[0].length).trim();
  return { id: label, noteAt, task: rest };
}

function isLabel(label: string): boolean {
  return label.length > 0 && label.length <= 48 && /^[\p{L}\p{N}]/u.test(label) && label.split(/\s+/).length <= 4;
}
