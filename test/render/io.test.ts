import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentError, InputError } from '../../src/errors.js';
import { readIfExists, writeFileAtomic } from '../../src/io/atomic-write.js';
import { parseEvidenceManifest } from '../../src/evidence/load-evidence.js';
import { makeTempDir } from '../helpers/cli.js';
import { manifest, selectorEvidence } from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('handoff-io-');
});
afterEach(() => temp.cleanup());

describe('writeFileAtomic', () => {
  test('creates missing folders, replaces the file whole, and leaves no temp file', async () => {
    const path = join(temp.dir, 'a', 'b', 'brief.md');
    await writeFileAtomic(path, 'one\n');
    await writeFileAtomic(path, 'two\n');
    expect(readFileSync(path, 'utf8')).toBe('two\n');
    expect(readdirSync(join(temp.dir, 'a', 'b'))).toEqual(['brief.md']);
  });

  test('a folder that cannot be created is an EnvironmentError naming it', async () => {
    writeFileSync(join(temp.dir, 'file'), '');
    await expect(writeFileAtomic(join(temp.dir, 'file', 'x', 'brief.md'), 'x', { displayName: 'file/x/brief.md' })).rejects.toThrow(
      new EnvironmentError('cannot create output folder file/x (ENOTDIR: a part of the path is a file, not a folder)'),
    );
  });

  test('a failed rename keeps the old file and removes the temp file', async () => {
    const dir = join(temp.dir, 'out');
    mkdirSync(join(dir, 'brief.md'), { recursive: true });
    writeFileSync(join(dir, 'brief.md', 'keep'), 'x');
    await expect(writeFileAtomic(join(dir, 'brief.md'), 'new')).rejects.toBeInstanceOf(EnvironmentError);
    expect(readdirSync(dir)).toEqual(['brief.md']);
  });

  test('readIfExists gives null for a missing file', async () => {
    expect(await readIfExists(join(temp.dir, 'nope'))).toBeNull();
  });

});

describe('parseEvidenceManifest', () => {
  test('accepts a version-1 manifest', () => {
    const m = manifest([selectorEvidence({ id: 'a' })]);
    expect(parseEvidenceManifest(JSON.stringify(m, null, 2), 'e.json').selectors[0]!.id).toBe('a');
  });

  test('reports every problem with the position of its key', () => {
    const m = manifest([selectorEvidence({ id: 'a' }), selectorEvidence({ id: 'b' })]) as unknown as Record<string, unknown>;
    delete (m.selectors as Array<Record<string, unknown>>)[0]!.log_sha256;
    (m.selectors as Array<Record<string, unknown>>)[1]!.outcome = 'exploded';
    const text = JSON.stringify(m, null, 2);
    const error = (() => {
      try {
        parseEvidenceManifest(text, 'e.json');
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    })();
    const lines = text.split('\n');
    // A missing field is reported at the object that lacks it: the first selector's `{`.
    const firstSelector = lines.findIndex((l) => l.includes('"selectors"')) + 2;
    const secondSelector = lines.findIndex((l) => l.includes('"run": "pytest tests/b.py"'));
    const outcomeLine = lines.findIndex((l, i) => i > secondSelector && l.includes('"outcome"')) + 1;
    expect(error.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`)).toEqual([
      `${firstSelector}: selectors[0].log_sha256: required, but missing; add log_sha256:`,
      `${outcomeLine}: selectors[1].outcome: "exploded" is not allowed here; use one of: passed, skipped, failed, error, no-tests, timeout, flaky, collected`,
    ]);
  });

  test('a manifest of another version: only the version is reported, at its position', () => {
    const text = JSON.stringify({ ...manifest([]), version: 3, tool: 'anything' }, null, 2);
    expect(() => parseEvidenceManifest(text, 'e.json')).toThrow(/^e\.json:2:3: version: expected version 1 \(an evidence manifest from `handoff run`\), got 3$/);
  });

  test('a JSON array is not a manifest', () => {
    expect(() => parseEvidenceManifest('[]', 'e.json')).toThrow('e.json:1:1: an evidence manifest is a JSON object');
  });
});
