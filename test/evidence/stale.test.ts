import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { changedFiles, findStaleEvidence, hashFiles } from '../../src/evidence/stale.js';
import type { EvidenceManifest, SelectorEvidence } from '../../src/evidence/manifest.js';
import { makeTempDir } from '../helpers/cli.js';

function manifestWith(selectors: Array<Pick<SelectorEvidence, 'id' | 'files'>>): EvidenceManifest {
  return {
    version: 1,
    generated_at: '2025-10-19T20:58:32Z',
    tool: { name: 'handoff-brief', version: 'test' },
    repo: { path: '.', commit: null, dirty: null },
    environment: { python: '3.11.7', pytest: '9.0.3', platform: 'linux-x86_64' },
    selectors: selectors.map((s) => ({ ...s }) as SelectorEvidence),
  };
}

describe('stale evidence', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  test('hashFiles gives sha256 hex per file and null for a missing one', async () => {
    writeFileSync(join(tmp.dir, 'a.py'), 'abc');
    const hashes = await hashFiles(tmp.dir, ['a.py', 'missing.py', 'a.py']);
    expect(hashes).toEqual({
      'a.py': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
      'missing.py': null,
    });
  });

  test('changedFiles lists changed, deleted and re-created files only', () => {
    expect(changedFiles({ a: '1', b: '2', c: null, d: '4' }, { a: '1', b: '9', c: '3', d: null })).toEqual(['b', 'c', 'd']);
    expect(changedFiles({ a: '1' }, { a: '1' })).toEqual([]);
  });

  test('a selector goes stale when one of its test files changes, and only that selector', async () => {
    writeFileSync(join(tmp.dir, 'test_a.py'), 'def test_a(): pass\n');
    writeFileSync(join(tmp.dir, 'test_b.py'), 'def test_b(): pass\n');
    const manifest = manifestWith([
      { id: 'a', files: await hashFiles(tmp.dir, ['test_a.py']) },
      { id: 'b', files: await hashFiles(tmp.dir, ['test_b.py']) },
      { id: 'old', files: undefined },
    ]);
    expect((await findStaleEvidence(manifest, tmp.dir)).size).toBe(0);

    writeFileSync(join(tmp.dir, 'test_a.py'), 'def test_a(): assert False\n');
    rmSync(join(tmp.dir, 'test_b.py'));
    const stale = await findStaleEvidence(manifest, tmp.dir);
    expect([...stale.entries()]).toEqual([
      ['a', ['test_a.py']],
      ['b', ['test_b.py']],
    ]);
  });
});

describe('stale evidence for a selector that names a folder', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => tmp.cleanup());

  test('editing, adding or removing a Python file under the folder changes its hash; other files do not', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(tmp.dir, 'tests', 'torch', '__pycache__'), { recursive: true });
    writeFileSync(join(tmp.dir, 'tests', 'torch', 'test_a.py'), 'def test_a(): pass\n');
    const hash = async (): Promise<string | null> => (await hashFiles(tmp.dir, ['tests']))['tests'] ?? null;
    const first = await hash();
    expect(first).toMatch(/^[0-9a-f]{64}$/);

    writeFileSync(join(tmp.dir, 'tests', 'torch', '__pycache__', 'test_a.cpython-311.pyc'), 'bytecode');
    writeFileSync(join(tmp.dir, 'tests', 'README.md'), 'not a test');
    expect(await hash()).toBe(first);

    writeFileSync(join(tmp.dir, 'tests', 'torch', 'test_a.py'), 'def test_a(): assert False\n');
    const edited = await hash();
    expect(edited).not.toBe(first);

    writeFileSync(join(tmp.dir, 'tests', 'test_b.py'), 'def test_b(): pass\n');
    const added = await hash();
    expect(added).not.toBe(edited);

    rmSync(join(tmp.dir, 'tests', 'test_b.py'));
    expect(await hash()).toBe(edited);
  });
});
