import { splitFrontMatter } from '../../src/text/front-matter.js';

describe('splitFrontMatter', () => {
  test('splits fields and body, with the line offsets of each', () => {
    expect(splitFrontMatter('---\na: 1\nb: 2\n---\n# Body\n')).toEqual({
      kind: 'ok',
      language: '',
      yaml: 'a: 1\nb: 2',
      body: '# Body\n',
      yamlLineOffset: 1,
      bodyLineOffset: 4,
    });
  });
  test('names the language of the opening line; CRLF works too', () => {
    expect(splitFrontMatter('---yaml\r\na: 1\r\n---\r\nx')).toMatchObject({ kind: 'ok', language: 'yaml', yaml: 'a: 1', body: 'x' });
    expect(splitFrontMatter('--- js \nx\n---\n')).toMatchObject({ kind: 'ok', language: 'js', yaml: 'x', body: '' });
  });
  test('no opening line, or no closing line', () => {
    expect(splitFrontMatter('# Just Markdown\n---\n')).toEqual({ kind: 'none' });
    expect(splitFrontMatter('---\na: 1\n')).toEqual({ kind: 'unclosed', language: '' });
  });
  test('empty front matter', () => {
    expect(splitFrontMatter('---\n---\nbody')).toMatchObject({ kind: 'ok', yaml: '', body: 'body', bodyLineOffset: 2 });
  });
});
