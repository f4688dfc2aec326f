// Edit distance for "did you mean" suggestions (unknown input keys, selector ids, ledger items).
// Pure and dependency-free, so any stage can use it without loading the others' libraries.

/** Levenshtein distance, with an adjacent swap counting as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** How many characters two strings share at their start. */
function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * How far apart the numbers are where two ids first differ (`B5`/`B4`: 1, `B5`/`B1`: 4), so that
 * among equally close ids the neighbouring row wins; Infinity when they do not differ in a number.
 */
function numberGap(a: string, b: string): number {
  let at = sharedPrefix(a, b);
  while (at > 0 && /\d/.test(a[at - 1]!)) at--;
  const x = /^\d+/.exec(a.slice(at))?.[0];
  const y = /^\d+/.exec(b.slice(at))?.[0];
  return x !== undefined && y !== undefined ? Math.abs(Number(x) - Number(y)) : Infinity;
}

export interface ClosestOptions {
  /** Most edits a suggestion may be away (default: a third of the wanted name's length, at least 1). */
  maxDistance?: number;
  /** Also suggest these names whatever their distance (still ranked by it): renamed node ids. */
  alsoEligible?: (name: string) => boolean;
}

/**
 * Every name close enough to `wanted` to be what was meant, best first: fewest edits (letter case
 * aside), then the longest shared start, then the nearest number where they differ, then the
 * order given. The one rule behind every "did you mean".
 */
export function rankNames(wanted: string, names: readonly string[], options: ClosestOptions = {}): string[] {
  const w = wanted.toLowerCase();
  const max = options.maxDistance ?? Math.max(1, Math.floor(w.length / 3));
  return names
    .map((name, index) => {
      const n = name.toLowerCase();
      return { name, index, d: editDistance(w, n), prefix: sharedPrefix(w, n), gap: numberGap(w, n) };
    })
    .filter((c) => c.name !== wanted && (c.d <= max || options.alsoEligible?.(c.name) === true))
    .sort((a, b) => a.d - b.d || b.prefix - a.prefix || a.gap - b.gap || a.index - b.index)
    .map((c) => c.name);
}

/** The name `wanted` most likely meant (see rankNames), if one is close enough. */
export function closestName(wanted: string, names: readonly string[], options: ClosestOptions = {}): string | undefined {
  return rankNames(wanted, [...new Set(names)], options)[0];
}

/**
 * The names close enough to `wanted` to be what was meant (a typo, a changed extension), closest
 * first: for "did you mean" on file names, paths and ids.
 */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
  return rankNames(wanted, [...new Set(names)]).slice(0, limit);
}

/**
 * The node id `wanted` most likely meant. Ranked by edit distance like every suggestion; a long id
 * is also eligible when it shares at least half its words (split at _ - . : / [ ]) with the
 * wanted one, for a renamed test (`test_pytorch_unavailable_raises_runtime_error` for
 * `test_pytorch_without_torch_raises_actionable_runtime_error`), where no edit cut-off would reach.
 */
export function closestNodeId(wanted: string, ids: readonly string[]): string | undefined {
  const words = (s: string): Set<string> => new Set(s.toLowerCase().split(/[_\-.:/[\]\s]+/).filter(Boolean));
  const want = words(wanted);
  const sharesWords = (id: string): boolean => {
    const have = words(id);
    const shared = [...want].filter((w) => have.has(w)).length;
    return shared / Math.max(want.size, have.size) >= 0.5;
  };
  return closestName(wanted, ids, { alsoEligible: sharesWords });
}
