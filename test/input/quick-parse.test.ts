// The fast path (js-yaml) must read every valid input exactly as the precise path (yaml) does,
// and must hand anything unusual to the precise path.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInput } from '../../src/input/load-input.js';
import { parseYamlQuickly } from '../../src/input/quick-parse.js';
import { parseYaml } from '../../src/input/yaml-source.js';
import { makeTempDir, ROOT } from '../helpers/cli.js';
import { GOOD_DIR } from './bad-inputs.js';

function precise(text: string): unknown {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return parsed.data;
}

describe('quick parse', () => {
  test.each([join(ROOT, 'data/integrate-pytorch-001/phase_e3.yaml'), join(GOOD_DIR, 'full.yaml'), join(GOOD_DIR, 'minimal.yaml')])(
    'reads %s as the precise parser does',
    (file) => {
      const text = readFileSync(file, 'utf8');
      expect(parseYamlQuickly(text)).toEqual(precise(text));
    },
  );

  test('scalars of the YAML 1.2 core schema agree', () => {
    const text = [
      'a: 2025-10-19', 'b: 010', 'c: 0o17', 'd: 0x1F', 'e: 1e3', 'f: .inf', 'g: ~', 'h: yes', 'i: True', 'j: "4.8"', 'k: 4.8',
      'l: |', '  block', '  text', 'm: >-', '  folded', '  text', 'n: \'it\'\'s\'', 'o: "tab\\tnew\\nline"', 'q: +12', 'r:',
    ].join('\n');
    expect(parseYamlQuickly(text)).toEqual(precise(text));
  });

  test('anchors, aliases and tags go to the precise parser', () => {
    expect(parseYamlQuickly('a: &x [1]\nb: *x\n')).toBeUndefined();
    expect(parseYamlQuickly('a: !!binary aGk=\n')).toBeUndefined();
    expect(parseYamlQuickly('a: [1\n')).toBeUndefined();
    expect(parseYamlQuickly('a: 1\na: 2\n')).toBeUndefined();
  });

  test('a valid input with an anchor still loads, through the precise parser', async () => {
    const { dir, cleanup } = makeTempDir();
    try {
      const minimal = readFileSync(join(GOOD_DIR, 'minimal.yaml'), 'utf8');
      const text = `${minimal}selectors:\n  - {id: a, run: pytest, purpose: p, runtime: &rt {max: 90s}}\n  - {id: b, run: pytest, purpose: q, runtime: *rt}\n`;
      writeFileSync(join(dir, 'anchors.yaml'), text);
      const loaded = await loadInput({ file: 'anchors.yaml', cwd: dir });
      expect(loaded.data.selectors.map((s) => s.runtime)).toEqual([{ max: 90 }, { max: 90 }]);
      expect(loaded.positionOf(['selectors', 1, 'runtime'])).toEqual({ line: 10, col: 47 });
    } finally {
      cleanup();
    }
  });

  test('positions of a quickly read input are found when asked for', async () => {
    const loaded = await loadInput({ file: 'full.yaml', cwd: GOOD_DIR });
    expect(loaded.positionOf(['references', 0, 'anchor'])).toEqual({ line: 53, col: 40 });
  });
});
