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

/**
 * The names close enough to `wanted` to be what was meant (a typo, a changed extension), closest
 * first: for "did you mean" on file names, paths and ids.
 */
export function closestNames(wanted: string, names: readonly string[], limit = 3): string[] {
  const w = wanted.toLowerCase();
  const threshold = Math.max(1, Math.floor(w.length / 3));
  return names
    .map((name) => ({ name, d: editDistance(w, name.toLowerCase()) }))
    .filter((c) => c.d > 0 && c.d <= threshold)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((c) => c.name);
}

/**
 * The name that shares the most words with `wanted` (split at _ - . : / [ ]), when it shares at
 * least half of them: for long names such as pytest node ids, where a renamed test differs by
 * whole words (`test_pytorch_unavailable_raises_runtime_error` for
 * `test_pytorch_without_torch_raises_actionable_runtime_error`) and edit distance is no guide.
 */
export function closestByWords(wanted: string, names: readonly string[]): string | undefined {
  const words = (s: string): Set<string> => new Set(s.toLowerCase().split(/[_\-.:/[\]\s]+/).filter(Boolean));
  const want = words(wanted);
  let best: { name: string; score: number } | undefined;
  for (const name of names) {
    const have = words(name);
    const shared = [...want].filter((w) => have.has(w)).length;
    const score = shared / Math.max(want.size, have.size);
    if (score >= 0.5 && (!best || score > best.score)) best = { name, score };
  }
  return best?.name;
}
