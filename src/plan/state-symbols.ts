// What the letter inside a plan's brackets means, and which letter to write. Plans agree on
// `[ ]` open, `[x]` done and `[P]` partial, but files have their own: `[D]` done, `[✅]` done,
// states in backticks, and a legend line that says so, e.g.
//   **State legend:** `[ ]` (Open) -> `[P]` (In Progress) -> `[D]` (Done)
// Pure: text in, meanings out.

/** What a state means, written as the 0.1.0 symbols: `x` done, `P` partial, `' '` open. */
export type ChecklistState = 'x' | 'P' | ' ';

/** Symbols every plan may use without a legend. */
const DEFAULT_MEANINGS: ReadonlyMap<string, ChecklistState> = new Map<string, ChecklistState>([
  [' ', ' '],
  ['x', 'x'],
  ['X', 'x'],
  ['D', 'x'],
  ['✅', 'x'],
  ['✅\uFE0F', 'x'],
  ['P', 'P'],
  ['p', 'P'],
]);

/** One symbol inside brackets: a space, or one character (an emoji may carry its variation selector). */
const SYMBOL = String.raw`(?:[^[\]\s]\uFE0F?| )`;
const BRACKETED = new RegExp(String.raw`^\[(${SYMBOL})\]$`, 'u');
const BACKTICKED = new RegExp(String.raw`^(\x60+) ?\[(${SYMBOL})\] ?\1$`, 'u');
/**
 * In a legend line: a bracketed symbol, then (after punctuation, dashes – and — too) the word that
 * names it. The dashes are written as escapes so that the built bundle stays ASCII (scripts/build.mjs).
 */
const LEGEND_ENTRY = new RegExp(String.raw`\x60?\[(${SYMBOL})\]\x60?[\s(*_:=\u2013\u2014-]*([A-Za-z][A-Za-z ]*)`, 'gu');

const WORDS: [RegExp, ChecklistState][] = [
  [/^(?:open|to ?do|not started|pending|planned|new|queued)\b/i, ' '],
  [/^(?:in progress|partial(?:ly)?|started|wip|doing|working|ongoing|active|in review)\b/i, 'P'],
  [/^(?:done|complete(?:d)?|finished|closed|resolved|verified)\b/i, 'x'],
];

export interface StateMark {
  /** The symbol inside the brackets. */
  symbol: string;
  /** Written in backticks: `` `[D]` ``. */
  backticks: boolean;
}

/** The symbols a file gives meanings to: the defaults, overridden by its legend. */
export interface StateVocabulary {
  meanings: ReadonlyMap<string, ChecklistState>;
  /** The legend's symbol for each meaning, when the file has a legend. */
  legend: ReadonlyMap<ChecklistState, string>;
}

/** `[x]`, `` `[D]` ``, … as a symbol; null when the text is not one bracketed symbol. */
export function readMark(source: string): StateMark | null {
  const text = source.trim();
  // Most states are `[ ]` or `[x]`: one ASCII character between brackets, read without the
  // Unicode pattern (a plan mark reads every row's state).
  if (text.length === 3 && text.charCodeAt(0) === 91 && text.charCodeAt(2) === 93) {
    const c = text.charCodeAt(1);
    if (c === 32 || (c > 32 && c < 127 && c !== 91 && c !== 93)) return { symbol: text[1]!, backticks: false };
  }
  const plain = BRACKETED.exec(text);
  if (plain) return { symbol: plain[1]!, backticks: false };
  const ticked = BACKTICKED.exec(text);
  return ticked ? { symbol: ticked[2]!, backticks: true } : null;
}

/** The vocabulary of a file: a legend line (a line that says "legend") adds or overrides symbols. */
export function readVocabulary(text: string): StateVocabulary {
  const meanings = new Map(DEFAULT_MEANINGS);
  const legend = new Map<ChecklistState, string>();
  if (!/legend/i.test(text)) return { meanings, legend };
  for (const line of text.split(/\r\n?|\n/)) {
    if (!/legend/i.test(line)) continue;
    const found: [string, ChecklistState][] = [];
    for (const m of line.matchAll(LEGEND_ENTRY)) {
      const meaning = WORDS.find(([re]) => re.test(m[2]!.trim()))?.[1];
      if (meaning !== undefined) found.push([m[1]!, meaning]);
    }
    // One bracketed word is prose; a legend names at least two states.
    if (found.length < 2) continue;
    for (const [symbol, meaning] of found) {
      meanings.set(symbol, meaning);
      if (!legend.has(meaning)) legend.set(meaning, symbol);
    }
  }
  return { meanings, legend };
}

/** `[x]`-style source (with or without backticks) as a meaning, by the default symbols. */
export function readState(source: string): ChecklistState | null {
  const mark = readMark(source);
  return mark ? (DEFAULT_MEANINGS.get(mark.symbol) ?? null) : null;
}

export function meaningOf(vocabulary: StateVocabulary, symbol: string): ChecklistState | null {
  return vocabulary.meanings.get(symbol) ?? null;
}

/**
 * The symbol to write for a meaning: the one rows of the same format already use most (first
 * seen on a tie), else the legend's, else the one the other format uses, else x, P or a space.
 */
export function chooseSymbol(
  meaning: ChecklistState,
  sameFormat: readonly { symbol: string | null; state: ChecklistState | null }[],
  otherFormat: readonly { symbol: string | null; state: ChecklistState | null }[],
  vocabulary: StateVocabulary,
): string {
  return mostUsed(sameFormat, meaning) ?? vocabulary.legend.get(meaning) ?? mostUsed(otherFormat, meaning) ?? meaning;
}

function mostUsed(rows: readonly { symbol: string | null; state: ChecklistState | null }[], meaning: ChecklistState): string | undefined {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.state === meaning && r.symbol !== null) counts.set(r.symbol, (counts.get(r.symbol) ?? 0) + 1);
  let best: string | undefined;
  for (const [symbol, n] of counts) if (best === undefined || n > counts.get(best)!) best = symbol;
  return best;
}
