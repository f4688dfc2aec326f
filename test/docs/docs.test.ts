// The documentation (README.md and docs/): every relative link and image resolves, markdownlint
// passes with the repository's config, and the README stays a page a person reads. In process:
// no child process, so it belongs to the fast lane.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, ROOT } from '../helpers/cli.js';
import { docFiles, findBrokenLinks, headingAnchors, lintDocs } from './check-docs.js';

const FILES = docFiles(ROOT);

test('README.md and the docs/ pages are found', () => {
  expect(FILES[0]).toBe('README.md');
  for (const page of ['commands', 'input-format', 'evidence', 'plans-and-ledger', 'publishing', 'ci', 'followups', 'performance', 'architecture', 'development']) {
    expect(FILES).toContain(`docs/${page}.md`);
  }
});

test('every relative link and image in README.md and docs/ resolves to a file (and a #fragment to a heading)', () => {
  expect(findBrokenLinks(ROOT, FILES)).toEqual([]);
});

test('markdownlint passes on README.md and docs/ with .markdownlint.jsonc', async () => {
  const result = await lintDocs(ROOT, FILES);
  expect(result.output).toBe('');
  expect(result.code).toBe(0);
});

test('the README is at most 200 lines and shows the two quick-start commands', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  expect(readme.split('\n').length - 1).toBeLessThanOrEqual(200);
  expect(readme).toContain('npm install && npm run demo');
  expect(readme).toContain('npm test');
});

test('no command line in README.md or docs/ calls a bare `npx handoff` (it fetches an unrelated registry package)', () => {
  const bare = FILES.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .map((line, i) => ({ file, line: i + 1, text: line }))
      .filter(({ text }) => /^\s*(\$ )?npx handoff\b/.test(text)),
  );
  expect(bare).toEqual([]);
});

describe('the checks fail on a broken page', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('handoff-docs-');
    mkdirSync(join(tmp.dir, 'docs'));
    writeFileSync(join(tmp.dir, '.gitignore'), 'out/\n');
    writeFileSync(join(tmp.dir, '.markdownlint.jsonc'), readFileSync(join(ROOT, '.markdownlint.jsonc')));
    writeFileSync(join(tmp.dir, 'docs', 'target.md'), '# Target\n\n## Two words\n\n## Two words\n');
    writeFileSync(join(tmp.dir, 'data.yaml'), 'x: 1\n');
  });
  afterEach(() => tmp.cleanup());

  test('a link to a missing file, a missing heading, a git-ignored folder or outside the repository is reported with its line', () => {
    writeFileSync(
      join(tmp.dir, 'README.md'),
      [
        '# Page',
        '',
        '[good](docs/target.md#two-words-1), [folder](docs/), [data](data.yaml), [web](https://example.com/x.md), [self](#page)',
        '',
        '[missing](docs/missing.md)',
        '',
        '[no heading](docs/target.md#three-words) and ![picture](docs/pic.png)',
        '',
        '[ignored](out/brief.md) and [outside](../elsewhere.md) and [no self heading](#nowhere)',
        '',
      ].join('\n'),
    );
    expect(findBrokenLinks(tmp.dir, docFiles(tmp.dir))).toEqual([
      { file: 'README.md', line: 5, target: 'docs/missing.md', problem: 'no such file' },
      { file: 'README.md', line: 7, target: 'docs/target.md#three-words', problem: 'no heading with the anchor #three-words in docs/target.md' },
      { file: 'README.md', line: 7, target: 'docs/pic.png', problem: 'no such file' },
      { file: 'README.md', line: 9, target: 'out/brief.md', problem: 'points into out/, which git ignores: a fresh clone has no such file' },
      { file: 'README.md', line: 9, target: '../elsewhere.md', problem: 'points outside the repository' },
      { file: 'README.md', line: 9, target: '#nowhere', problem: 'no heading with the anchor #nowhere in README.md' },
    ]);
  });

  test('markdownlint reports a page that breaks a rule, naming the file and rule', async () => {
    writeFileSync(join(tmp.dir, 'README.md'), '# Page\n\n# Page again\n');
    writeFileSync(join(tmp.dir, 'docs', 'target.md'), '# Target\n\nText <time> here.\n');
    const result = await lintDocs(tmp.dir, docFiles(tmp.dir));
    expect(result.code).toBe(1);
    expect(result.output).toContain('README.md:3');
    expect(result.output).toContain('MD025');
    expect(result.output).toContain('docs/target.md:3');
    expect(result.output).toContain('MD033');
  });
});

test('heading anchors follow GitHub: code kept, punctuation dropped, repeats numbered', () => {
  expect([...headingAnchors('# `handoff run <input>`\n\n## Exit codes and `--json`\n\n## Exit codes and `--json`\n')]).toEqual([
    'handoff-run-input',
    'exit-codes-and---json',
    'exit-codes-and---json-1',
  ]);
});
