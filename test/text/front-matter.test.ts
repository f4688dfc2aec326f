import { readFrontMatter } from '../../src/text/front-matter.js';

describe('readFrontMatter (gray-matter with this tool\'s YAML reader)', () => {
  test('parses the fields with positions of the whole file, and gives the body and its line offset', async () => {
    const front = await readFrontMatter('---\na: 1\nb: two\n---\n# Body\n');
    expect(front).toMatchObject({ kind: 'ok', data: { a: 1, b: 'two' }, body: '# Body\n', bodyLineOffset: 4 });
    if (front.kind !== 'ok' || !front.source) throw new Error('expected front matter');
    // `b` is on line 3 of the file: the engine is handed text that starts at the opening line's end.
    expect(front.source.positionAt(front.source.yamlText.indexOf('two'))).toEqual({ line: 3, col: 4 });
  });

  test('YAML 1.2 core, as in inputs: a date stays text, yes stays text', async () => {
    expect(await readFrontMatter('---\ndescription: 2025-10-19\nok: yes\n---\nx')).toMatchObject({ kind: 'ok', data: { description: '2025-10-19', ok: 'yes' } });
  });

  test('---yaml and CRLF work too (the body comes back with LF)', async () => {
    expect(await readFrontMatter('---yaml\r\na: 1\r\n---\r\nx\r\ny')).toMatchObject({ kind: 'ok', data: { a: 1 }, body: 'x\ny', bodyLineOffset: 3 });
  });

  test('no opening line is no front matter; an unclosed block is a problem at line 1', async () => {
    expect(await readFrontMatter('# Just Markdown\n---\n')).toEqual({ kind: 'none' });
    expect(await readFrontMatter('----\na: 1\n----\n')).toEqual({ kind: 'none' });
    expect(await readFrontMatter('---\na: 1\n')).toMatchObject({ kind: 'problems', problems: [{ line: 1, message: expect.stringContaining('never closed') }] });
  });

  test('empty front matter has no data and keeps the body', async () => {
    expect(await readFrontMatter('---\n---\nbody')).toMatchObject({ kind: 'ok', source: null, body: 'body', bodyLineOffset: 2 });
  });

  test('a YAML problem is reported at its line in the file', async () => {
    expect(await readFrontMatter('---\na: 1\nb: [\n---\n')).toMatchObject({ kind: 'problems', problems: [{ line: 3, message: expect.stringMatching(/^YAML: /) }] });
  });

  test.each(['js', 'javascript', 'coffee', 'JS', 'cson'])('---%s front matter is refused and never evaluated', async (language) => {
    const marker = `__handoff_front_matter_ran_${language}`;
    const text = `---${language}\n{ title: (globalThis.${marker} = true, 'x') }\n---\nbody\n`;
    const front = await readFrontMatter(text);
    expect(front).toMatchObject({ kind: 'problems', problems: [{ line: 1, message: expect.stringContaining('must be YAML') }] });
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  test('an unknown language is refused', async () => {
    expect(await readFrontMatter('---toml\na = 1\n---\n')).toMatchObject({ kind: 'problems', problems: [{ message: 'front matter must be YAML, not "toml"' }] });
  });
});
