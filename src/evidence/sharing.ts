// Which selectors may share a warm worker (docs/evidence.md#how-selectors-are-run). A shared worker runs each selector as its
// own pytest.main call in one interpreter; a selector whose arguments change what that
// interpreter is (plugins loaded at start-up, another rootdir or ini file, another import
// mode, worker processes of its own, coverage tracing from the first import) runs in a
// pytest process of its own instead, exactly as `python -m pytest` would run it.

/** Long options that make a selector run in its own process, with why (for --dry-run and docs). */
const OWN_LONG: ReadonlyArray<[string, string]> = [
  ['--config-file', 'its own ini file'],
  ['--rootdir', 'its own rootdir'],
  ['--import-mode', 'its own import mode'],
  ['--numprocesses', 'xdist workers'],
  ['--maxprocesses', 'xdist workers'],
  ['--dist', 'xdist workers'],
  ['--tx', 'xdist workers'],
  ['--looponfail', 'xdist looponfail'],
  ['--forked', 'a fork per test (pytest-forked)'],
  ['--boxed', 'a fork per test'],
  ['--pyargs', 'test modules imported by package name, from outside the repo'],
  ['--cov', 'coverage, which must see the first import of every module'],
];

/** Short options (one letter after `-`, possibly bundled: `-xn2`) that do the same. */
const OWN_SHORT: Record<string, string> = {
  p: 'its own -p plugins',
  c: 'its own ini file',
  n: 'xdist workers',
  f: 'xdist looponfail',
};

/** Short options that take a value: in a bundle, the rest of the word is that value. */
const SHORT_WITH_VALUE = new Set(['k', 'm', 'p', 'c', 'o', 'W', 'r', 'n']);

/**
 * Why a selector must run in a pytest process of its own, or null when it can share a worker.
 * `-o`/`--override-ini` may share: ini values are per pytest.main call, like the rest of the
 * configuration, and the worker puts sys.path, the environment and the rest back after each.
 */
export function ownProcessReason(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as string;
    if (word === '--') break;
    if (word.startsWith('--')) {
      const name = word.split('=')[0] as string;
      const hit = OWN_LONG.find(([option]) => name === option || (option === '--cov' && name.startsWith('--cov')));
      if (hit) return `${name}: ${hit[1]}`;
      continue;
    }
    if (!word.startsWith('-') || word.length < 2) continue;
    // `-k EXPR`: the next word is the value, whatever it looks like.
    if (word.length === 2 && SHORT_WITH_VALUE.has(word[1] as string) && !OWN_SHORT[word[1] as string]) {
      i++;
      continue;
    }
    for (const letter of word.slice(1)) {
      const why = OWN_SHORT[letter];
      if (why) return `-${letter}: ${why}`;
      if (SHORT_WITH_VALUE.has(letter)) break;
    }
  }
  return null;
}
