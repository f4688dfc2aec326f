// The meaning matrix of the one YAML reader (src/text/yaml-document.ts): what each text means,
// or which problem it is and where. These are 0.2.0's meanings (the `yaml` package with the core
// schema); the reader moved to js-yaml 5's event stream for speed, and where js-yaml on its own
// means something else, the comment above the case says what, and the case keeps 0.2.0's meaning.
// Three cases changed on purpose, also said above them: an alias before its anchor (0.2.0 called
// it an alias bomb), a recursive alias (0.2.0 crashed), an unclosed quote (now at the quote).
import { checkTopMapping, locate, parseYaml, scalarSourceAt, type FieldPath } from '../../src/text/yaml-document.js';

type Expected = { data: unknown } | { problems: string[] };

function read(text: string): Expected {
  const r = parseYaml(text, 'the input');
  return r.ok ? { data: r.data } : { problems: r.problems.map((p) => `${p.line}:${p.col}: ${p.message}`) };
}

const MATRIX: Array<[name: string, text: string, expected: Expected]> = [
  // Plain scalars: the YAML 1.2 core schema
  ["yes/no/on/off are text", "a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: Yes\nh: ON\n", { data: { a: "yes", b: "no", c: "on", d: "off", e: "y", f: "n", g: "Yes", h: "ON" } }],
  ["true/false in three spellings", "a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\ng: tRUE\n", { data: { a: true, b: true, c: true, d: false, e: false, f: false, g: "tRUE" } }],
  ["null in its spellings", "a: null\nb: ~\nc: Null\nd: NULL\ne:\nf: nULL\n", { data: { a: null, b: null, c: null, d: null, e: null, f: "nULL" } }],
  ["ints: decimal, octal 0o, hex 0x, signs, leading zeros", "a: 17\nb: 0o17\nc: 0x1F\nd: 017\ne: +12\nf: -12\ng: 0\nh: -0\ni: 00\nj: 0xff\n", { data: { a: 17, b: 15, c: 31, d: 17, e: 12, f: -12, g: 0, h: -0, i: 0, j: 255 } }],
  ["1_000, 0b101, 0x_1F, 0o, 0x are text", "a: 1_000\nb: 0b101\nc: 0x_1F\nd: 0o\ne: 0x\nf: 0O17\ng: 0X1F\nh: 1__0\n", { data: { a: "1_000", b: "0b101", c: "0x_1F", d: "0o", e: "0x", f: "0O17", g: "0X1F", h: "1__0" } }],
  ["floats: 1.5, 1e3, .5, 4.10, 1., 6.8523015e+5", "a: 1.5\nb: 1e3\nc: .5\nd: 4.10\ne: 1.\nf: 6.8523015e+5\ng: -.5\nh: +1.0\ni: 1E3\nj: 1e-3\n", { data: { a: 1.5, b: 1000, c: 0.5, d: 4.1, e: 1, f: 685230.15, g: -0.5, h: 1, i: 1000, j: 0.001 } }],
  // js-yaml 5 alone: 1e400 is the text "1e400"
  ["infinities and NaN", "a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\nf: .NAN\ng: .Nan\nh: 1e400\n", { data: { a: Infinity, b: -Infinity, c: Infinity, d: NaN, e: NaN, f: NaN, g: ".Nan", h: Infinity } }],
  ["1_000.5, 1:20, 12:30:00 are text", "a: 1_000.5\nb: 1:20\nc: 12:30:00\nd: 190:20:30.15\n", { data: { a: "1_000.5", b: "1:20", c: "12:30:00", d: "190:20:30.15" } }],
  ["dates and times are text", "a: 2025-10-19\nb: 2025-10-19T20:58:32Z\nc: 2001-12-14 21:59:43.10 -5\nd: 2025-10-19T205832Z\n", { data: { a: "2025-10-19", b: "2025-10-19T20:58:32Z", c: "2001-12-14 21:59:43.10 -5", d: "2025-10-19T205832Z" } }],
  ["big integers", "a: 12345678901234567890\nb: 9007199254740993\nc: 0x1FFFFFFFFFFFFFFFF\n", { data: { a: 12345678901234567000, b: 9007199254740992, c: 36893488147419103000 } }],
  ["plain text that looks special", "a: =\nb: -\nc: -1-\nd: \"~\"\ne: .\nf: +\ng: 0.0.1\nh: 1.2.3\n", { problems: ["2:4: YAML: bad indentation of a mapping entry"] }],
  ["quoted scalars and escapes", "a: \"\\u00e9\\t\\x41\\/\"\nb: 'it''s'\nc: \"line\\nbreak\"\nd: \"a\n  b\"\ne: 'x\n\n  y'\n", { data: { a: "é\tA/", b: "it's", c: "line\nbreak", d: "a b", e: "x\ny" } }],
  ["plain multi-line folding", "a: one\n  two\n\n  three\nb: [x\n  y, z]\n", { data: { a: "one two\nthree", b: ["x y", "z"] } }],
  ["block scalars", "a: |\n  one\n  two\nb: >\n  one\n  two\n\n  three\nc: |-\n  x\nd: |+\n  x\n\ne: >2\n    indented\nf: end\n", { data: { a: "one\ntwo\n", b: "one two\nthree\n", c: "x", d: "x\n\n", e: "  indented\n", f: "end" } }],
  ["comments", "a: b # c\nd: e#f\n# whole line\ng: \"h # i\"\n", { data: { a: "b", d: "e#f", g: "h # i" } }],
  ["flow collections, trailing comma, key without value, single pair", "a: [1, 2, ]\nb: {x: 1, y}\nc: [k: v]\nd: {}\ne: []\n", { data: { a: [1, 2], b: { x: 1, y: null }, c: [{ k: "v" }], d: {}, e: [] } }],
  ["keys of other types become text", "1: a\ntrue: b\nnull: c\n1.5: d\n~: e\n", { problems: ["5:1: YAML: this key appears twice in the same mapping; keep one"] }],
  // js-yaml 5 alone: refused ("object-based map does not support complex keys")
  ["a complex key", "? [a, b]\n: x\n", { data: { "[ a, b ]": "x" } }],
  ["an explicit key", "? a\n: b\n", { data: { a: "b" } }],
  // js-yaml 5 alone: the key is "null"
  ["an empty key", ": x\n", { data: { "": "x" } }],
  ["nested compact sequences", "a:\n- - x\n  - y\n- z\n", { data: { a: [["x", "y"], "z"] } }],
  ["nulls in a sequence", "a:\n- \n- x\n-\n", { data: { a: [null, "x", null] } }],
  // Tags: the core ones read their value or are a problem; others are refused
  ["non-specific tag ! keeps text", "a: ! 12\n", { data: { a: "12" } }],
  ["!!str keeps text", "a: !!str 4.10\nb: !!str\nc: !!str true\n", { data: { a: "4.10", b: "", c: "true" } }],
  ["core tags that read their value", "a: !!int 42\nb: !!float 1.5\nc: !!bool true\nd: !!null null\ne: !!map {x: 1}\nf: !!seq [1]\ng: !!null\n", { data: { a: 42, b: 1.5, c: true, d: null, e: { x: 1 }, f: [1], g: null } }],
  // js-yaml 5 alone: the number 90
  ["!!float 90 does not read", "a: 1\nb: !!float 90\n", { problems: ["2:4: YAML: the value does not read as !!float; write the value without a tag (quote it to keep it as text)"] }],
  ["!!int 1.5 does not read", "a: !!int 1.5\n", { problems: ["1:4: YAML: the value does not read as !!int; write the value without a tag (quote it to keep it as text)"] }],
  ["!!bool yes does not read", "a: !!bool yes\n", { problems: ["1:4: YAML: the value does not read as !!bool; write the value without a tag (quote it to keep it as text)"] }],
  ["!!int 0x1F", "a: !!int 0x1F\n", { data: { a: 31 } }],
  ["!!null on a value", "a: !!null x\n", { problems: ["1:4: YAML: the value does not read as !!null; write the value without a tag (quote it to keep it as text)"] }],
  ["!!python/object is refused", "a: 1\nb: !!python/object x\n", { problems: ["2:4: YAML: the tag !!python/object is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["a local tag is refused", "a: !custom x\n", { problems: ["1:4: YAML: the tag !custom is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["!!binary is refused", "a: !!binary aGVsbG8=\n", { problems: ["1:4: YAML: the tag !!binary is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["!!timestamp is refused", "a: !!timestamp 2025-01-01\n", { problems: ["1:4: YAML: the tag !!timestamp is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["!!set is refused", "a: !!set {x, y}\n", { problems: ["1:4: YAML: the tag !!set is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["!!omap is refused", "a: !!omap [x: 1]\n", { problems: ["1:4: YAML: the tag !!omap is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["a verbatim core tag", "a: !<tag:yaml.org,2002:str> 12\n", { data: { a: "12" } }],
  ["a tag on a collection that is not the core one", "a: !!str [1]\n", { problems: ["1:4: YAML: the value does not read as !!str; write the value without a tag (quote it to keep it as text)"] }],
  ["%TAG directive and a named handle", "%TAG !e! tag:example.com,2000:\n---\na: !e!foo x\n", { problems: ["3:4: YAML: the tag !e!foo is not supported; write the value without a tag (quote it to keep it as text)"] }],
  ["!!merge is refused", "a: &m {x: 1}\nb:\n  !!merge <<: *m\n", { problems: ["3:3: YAML: the tag !!merge is not supported; write the value without a tag (quote it to keep it as text)"] }],
  // Keys
  ["a duplicate key", "a: 1\nb: 2\na: 3\n", { problems: ["3:1: YAML: this key appears twice in the same mapping; keep one"] }],
  ["a duplicate key in a flow mapping", "a: {x: 1, x: 2}\n", { problems: ["1:11: YAML: this key appears twice in the same mapping; keep one"] }],
  // js-yaml 5 alone: refused as a duplicated key
  ["keys equal as text but not as values", "1: a\n\"1\": b\n", { data: { "1": "b" } }],
  ["a duplicate null key", "null: a\n~: b\n", { problems: ["2:1: YAML: this key appears twice in the same mapping; keep one"] }],
  // Anchors, aliases, merge keys
  ["an alias to a scalar", "a: &x 1\nb: *x\n", { data: { a: 1, b: 1 } }],
  ["an alias to a mapping", "a: &m {k: 1}\nb: *m\n", { data: { a: { k: 1 }, b: { k: 1 } } }],
  ["an anchor defined twice: the later one", "a: &x 1\nb: &x 2\nc: *x\n", { data: { a: 1, b: 2, c: 2 } }],
  // Changed: 0.2.0 called this an alias bomb
  ["an alias before its anchor", "a: *nope\n", { problems: ["1:4: YAML: the alias *nope names no anchor before it; write &nope on the value first, or write the value out"] }],
  ["an alias as a key", "a: &k key\n*k : v\n", { data: { a: "key", key: "v" } }],
  ["merge keys are an ordinary key <<", "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n", { data: { base: { x: 1 }, c: { "<<": { x: 1 }, y: 2 } } }],
  // Changed: 0.2.0 read a value that contains itself, and crashed on it
  ["a recursive alias", "a: &r [1, *r]\n", { problems: ["1:11: YAML: the alias *r is inside the value it names, so that value would contain itself; write the values out instead"] }],
  // js-yaml 5 alone: read (the copies are shared)
  ["an alias bomb", "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n", { problems: ["2:8: YAML: aliases (*name) would expand more than 100 times; this looks like an alias bomb and is refused. Write the values out instead"] }],
  ["many small aliases are fine", "a: &a x\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n", { data: { a: "x", b: ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x"] } }],
  // Documents and directives
  // js-yaml 5 alone: two documents
  ["two documents", "a: 1\n---\nb: 2\n", { problems: ["2:1: YAML: a second YAML document starts here (---); a file holds one document"] }],
  ["an explicit start", "---\na: 1\n", { data: { a: 1 } }],
  ["an explicit end", "a: 1\n...\n", { data: { a: 1 } }],
  // js-yaml 5 alone: two documents
  ["content after an explicit end", "a: 1\n...\nb: 2\n", { problems: ["3:1: YAML: a second YAML document starts here (---); a file holds one document"] }],
  ["%YAML 1.1 does not change the schema", "%YAML 1.1\n---\na: yes\nb: 0o17\nc: 017\n", { data: { a: "yes", b: 15, c: 17 } }],
  // js-yaml 5 alone: read as 1.2
  ["%YAML 1.3", "%YAML 1.3\n---\na: 1\n", { problems: ["1:7: YAML: Unsupported YAML version 1.3"] }],
  ["%YAML 2.0", "%YAML 2.0\n---\na: 1\n", { problems: ["1:7: YAML: Unsupported YAML version 2.0"] }],
  // js-yaml 5 alone: ignored
  ["an unknown directive", "%FOO bar\n---\na: 1\n", { problems: ["1:1: YAML: Unknown directive %FOO"] }],
  // js-yaml 5 alone: no document, no problem
  ["empty", "", { problems: ["1:1: the input is empty"] }],
  ["comments only", "# nothing\n# here\n", { problems: ["1:1: the input is empty"] }],
  ["a lone ---", "---\n", { data: null }],
  ["a top-level null", "~\n", { data: null }],
  ["a top-level scalar", "just text\n", { data: "just text" }],
  ["a top-level sequence", "- a\n- b\n", { data: ["a", "b"] }],
  ["a top-level mapping after a comment and blank lines", "# c\n\n\na: 1\n", { data: { a: 1 } }],
  // Syntax problems: worded for a person, at the place to fix
  ["a tab as indentation", "a:\n\tb: 1\n", { problems: ["2:1: YAML: tabs are not allowed as indentation in YAML; indent with spaces"] }],
  ["a tab inside a sequence entry", "a:\n  - x: 1\n\t  y: 2\n", { problems: ["3:1: YAML: tabs are not allowed as indentation in YAML; indent with spaces"] }],
  ["an unclosed flow sequence", "a: 1\nb: [\n  x, y\n", { problems: ["4:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"] }],
  ["an unclosed flow mapping", "a: 1\nb: {x: 1,\n  y: 2\n", { problems: ["4:1: YAML: Flow map in block collection must be sufficiently indented and end with a }"] }],
  ["an unclosed flow sequence at the end of a line", "a: [unclosed", { problems: ["1:13: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"] }],
  // Changed: 0.2.0 pointed at the end of the file
  ["an unclosed double quote", "a: \"open\nb: 1\n", { problems: ["1:4: YAML: Missing closing \"quote"] }],
  // Changed: 0.2.0 pointed at the end of the file
  ["an unclosed single quote", "a: 'open\nb: 1\n", { problems: ["1:4: YAML: Missing closing 'quote"] }],
  ["an unknown escape", "a: \"\\q\"\n", { problems: ["1:5: YAML: Invalid escape sequence \\q"] }],
  ["a nested mapping on one line", "a: b: c\n", { problems: ["1:4: YAML: Nested mappings are not allowed in compact mappings"] }],
  ["bad indentation of a mapping", "a:\n  b: 1\n c: 2\n", { problems: ["3:2: YAML: All mapping items must start at the same column"] }],
  ["bad indentation of a sequence", "a:\n  - 1\n - 2\n", { problems: ["3:2: YAML: All sequence items must start at the same column"] }],
  ["a multi-line implicit key", "a\nb: 1\n", { problems: ["2:2: YAML: end of the stream or a document separator is expected"] }],
  ["text after a quoted scalar", "a: \"x\" y\n", { problems: ["1:8: YAML: bad indentation of a mapping entry"] }],
  ["a flow mapping missing a comma", "a: {x: 1 y: 2}\n", { problems: ["1:11: YAML: missed comma between flow collection entries"] }],
  ["a block mapping inside a flow sequence", "a: [\nb: 1]\n", { problems: ["2:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"] }],
  ["a sequence at the indentation of its key, then a key", "a:\n- x\nb: 1\n", { data: { a: ["x"], b: 1 } }],
  // js-yaml 5 alone: refused ("the stream contains non-printable characters")
  ["a non-printable character", "a: b\u0007c\n", { data: { a: "b\u0007c" } }],
  ["a comment without a space before it", "a: \"x\"# c\n", { problems: ["1:7: YAML: Comments must be separated from other tokens by white space characters"] }],
  ["an anchor with no node", "a: &x\nb: *x\n", { data: { a: null, b: null } }],
  // js-yaml 5 alone: two documents
  ["a document marker in a plain scalar", "a: x\n--- y\n", { problems: ["2:1: YAML: a second YAML document starts here (---); a file holds one document"] }],
  ["a reserved indicator @ at a plain start", "a: @x\n", { problems: ["1:4: YAML: Plain value cannot start with reserved character @"] }],
  ["a reserved indicator ` at a plain start", "a: `x`\n", { problems: ["1:4: YAML: Plain value cannot start with reserved character `"] }],
  ["a key with trailing spaces and a quoted key", "\"a b\" : 1\n'c': 2\n", { data: { "a b": 1, c: 2 } }],
  // JSON (evidence manifests)
  ["a JSON manifest-like text", "{\n  \"version\": 1,\n  \"tool\": {\"name\": \"x\"},\n  \"selectors\": [{\"id\": \"a\", \"n\": 1.5e3, \"ok\": true, \"z\": null}]\n}\n", { data: { version: 1, tool: { name: "x" }, selectors: [{ id: "a", n: 1500, ok: true, z: null }] } }],
  ["JSON with an unquoted word", "{\n  \"version\": 1,\n  oops\n}\n", { data: { version: 1, oops: null } }],
  ["JSON cut short", "{\n  \"version\": 1,\n  \"tool\": {\"na", { problems: ["3:15: YAML: Missing closing \"quote"] }],
  ["JSON escapes", "{\"a\": \"\\u00e9\\/\\b\\f\\n\\r\\t\\\"\\\\\"}\n", { data: { a: "é/\b\f\n\r\t\"\\" } }],
  // Characters
  // js-yaml 5 alone: refused
  ["ESC and other control characters stay in the text", "a: \"\u001b[31mred\u001b[0m\"\nb: |\n  \u001b[1mbold\u001b[0m\nc: x\fy\nd: x\u007fy\n", { data: { a: "\u001b[31mred\u001b[0m", b: "\u001b[1mbold\u001b[0m\n", c: "x\fy", d: "x\u007fy" } }],
  // More anchors, documents and keys
  ["anchors on keys and values", "&k a: &v 1\nb: *k\nc: *v\n", { data: { a: 1, b: "a", c: 1 } }],
  ["a second document after a directive", "a: 1\n...\n%YAML 1.2\n---\nb: 2\n", { problems: ["4:1: YAML: a second YAML document starts here (---); a file holds one document"] }],
  ["a second, empty document", "a: 1\n---\n", { problems: ["2:1: YAML: a second YAML document starts here (---); a file holds one document"] }],
  ["keys 1, \"1\" and 1 again", "1: a\n\"1\": b\n1: c\n", { problems: ["3:1: YAML: this key appears twice in the same mapping; keep one"] }],
  [".nan keys are not duplicates", ".nan: a\n.NaN: b\n", { data: { NaN: "b" } }],
  ["alias keys are not duplicates", "a: &k key\n*k : 1\n*k : 2\n", { data: { a: "key", key: 2 } }],
  ["%YAML 1.0", "%YAML 1.0\n---\na: 1\n", { problems: ["1:7: YAML: Unsupported YAML version 1.0"] }],
];

test.each(MATRIX)('%s', (_name, text, expected) => {
  expect(read(text)).toEqual(expected);
});

// A flow collection over several lines, JSON-like. js-yaml 5 alone refuses a closing bracket at
// its key's column ("deficient indentation"), and a tab after a `:` in a flow mapping; 0.2.0 read
// both. Content, or an inner bracket, less indented than that is refused by both.
const FLOW_LINES: Array<[name: string, text: string, expected: Expected]> = [
  ['the closing ] at the key\'s column', 'a: [\n  1,\n  2\n]\nb: 1\n', { data: { a: [1, 2], b: 1 } }],
  ['the closing } at the key\'s column', 'a: {\n  x: 1,\n  y: 2\n}\nb: 1\n', { data: { a: { x: 1, y: 2 }, b: 1 } }],
  ['the closing ] at a nested key\'s column', 'x:\n  a: [\n    1\n  ]\n  b: 2\n', { data: { x: { a: [1], b: 2 } } }],
  ['the closing ] at the column of its -', '- [\n  1\n]\n- 2\n', { data: [[1], 2] }],
  ['comments and blank lines before the closing ]', 'a: [\n  1, # one\n# all\n\n  2 # two\n]\n', { data: { a: [1, 2] } }],
  ['tabs after : and , in a flow mapping', 'a: {b:\t1,\tc:\t2}\n', { data: { a: { b: 1, c: 2 } } }],
  ['a tab inside a flow scalar stays', 'a: [x\ty]\n', { data: { a: ['x\ty'] } }],
  ['a block scalar with brackets, then a flow collection', 'p: |\n  a [b\n  "c\nq: [\n  1\n]\n', { data: { p: 'a [b\n"c\n', q: [1] } }],
  ['the closing ] left of a nested key\'s column', 'x:\n  a: [\n    1\n ]\n', { problems: ['4:2: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'] }],
  ['content at the key\'s column', 'a: [\n1,\n  2\n]\n', { problems: ['2:1: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'] }],
  ['an inner } at the key\'s column', 'a: [\n  {x: 1\n}]\n', { problems: ['3:1: YAML: Flow map in block collection must be sufficiently indented and end with a }'] }],
];

test.each(FLOW_LINES)('flow over lines: %s', (_name, text, expected) => {
  expect(read(text)).toEqual(expected);
});

describe('cases too long to write out', () => {
  const key = 'k'.repeat(1100);
  const nested = (depth: number) => `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  const depthOf = (value: unknown): number => (Array.isArray(value) ? 1 + depthOf(value[0]) : 0);

  test('an implicit block key over 1024 characters is refused at the key', () => {
    expect(read(`${key}: v\n`)).toEqual({ problems: ['1:1: YAML: The : indicator must be at most 1024 chars after the start of an implicit block mapping key'] });
  });

  // js-yaml 5 alone: all three keys are read.
  test('a long key in a flow mapping, or after ?, is read', () => {
    expect(read(`a: {${key}: v}\n`)).toEqual({ data: { a: { [key]: 'v' } } });
    expect(read(`? ${key}\n: v\n`)).toEqual({ data: { [key]: 'v' } });
  });

  // js-yaml 5 alone: refused past 100 levels.
  test('collections nested 500 deep are read; 1,200 deep is refused, at the level too deep', () => {
    const r = read(nested(500));
    expect('data' in r && depthOf((r.data as { a: unknown }).a)).toBe(500);
    expect(read(nested(1200))).toEqual({ problems: ['1:1003: YAML: collections are nested too deeply to read'] });
  });

  test('__proto__ is a key like any other, and sets no prototype', () => {
    const r = read('__proto__: {polluted: yes}\nconstructor: x\n');
    expect(r).toEqual({ data: JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "x"}') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('positions: where a field is, as 0.2.0 placed it', () => {
  const TEXT = "# comment\n---\na: 1\nb: \"q\"\nc: 'sq'\nd: &x !!str t\ne:\n  - x\n  - {k: v, \"q k\": 'w'}\n  -   y: 1\n      z: 2\n  - - n1\n    - n2\n  -\n  - ~\nf: [1, \"two\", ]\ng: |\n  lit\ng2: >-   # folded\n  one\n\n  two\ng3: |2\n\n    indented\nh:\ni: *x\n? j\n: k\nl: # c\n  m: 1\nn:\n- p\n- &y q\n- *y\no: !!map\n  q: 1\nr: &y2\n  s: 1\nt: *y2\nu: !!seq\n- 1\nv: [a, [b, c], {d: e}]\nw: {a: [1, 2], b: {c: d}}\n\"quoted key\": 1\n'sq key': 2\nx: \"multi\n  line\"\ny: plain\n  multi line\nz: !!str\n";
  const parsed = parseYaml(TEXT);
  if (!parsed.ok) throw new Error('the position document must read');
  const source = parsed.source;
  const POSITIONS: Array<[path: FieldPath, at: 'value' | 'key', expected: string]> = [
  [[], 'value', '3:1'],
  [["a"], 'value', '3:4'],
  [["a"], 'key', '3:1'],
  [["b"], 'value', '4:4'],
  [["b"], 'key', '4:1'],
  [["c"], 'value', '5:4'],
  [["c"], 'key', '5:1'],
  [["d"], 'value', '6:13'],
  [["d"], 'key', '6:1'],
  [["e"], 'value', '8:3'],
  [["e"], 'key', '7:1'],
  [["e",0], 'value', '8:5'],
  [["e",0], 'key', '8:5'],
  [["e",1], 'value', '9:5'],
  [["e",1], 'key', '9:5'],
  [["e",1,"k"], 'value', '9:9'],
  [["e",1,"k"], 'key', '9:6'],
  [["e",1,"q k"], 'value', '9:19'],
  [["e",1,"q k"], 'key', '9:12'],
  [["e",2], 'value', '10:7'],
  [["e",2], 'key', '10:7'],
  [["e",2,"z"], 'value', '11:10'],
  [["e",2,"z"], 'key', '11:7'],
  [["e",3,1], 'value', '13:7'],
  [["e",3,1], 'key', '13:7'],
  [["e",4], 'value', '14:4'],
  [["e",4], 'key', '14:4'],
  [["e",5], 'value', '15:5'],
  [["e",5], 'key', '15:5'],
  [["f",1], 'value', '16:8'],
  [["f",1], 'key', '16:8'],
  [["g"], 'value', '17:4'],
  [["g"], 'key', '17:1'],
  [["g2"], 'value', '19:5'],
  [["g2"], 'key', '19:1'],
  [["g3"], 'value', '23:5'],
  [["g3"], 'key', '23:1'],
  [["h"], 'value', '26:1'],
  [["h"], 'key', '26:1'],
  [["i"], 'value', '27:4'],
  [["i"], 'key', '27:1'],
  [["j"], 'value', '29:3'],
  [["j"], 'key', '28:3'],
  [["l"], 'value', '31:3'],
  [["l"], 'key', '30:1'],
  [["l","m"], 'value', '31:6'],
  [["l","m"], 'key', '31:3'],
  [["n"], 'value', '33:1'],
  [["n"], 'key', '32:1'],
  [["n",2], 'value', '35:3'],
  [["n",2], 'key', '35:3'],
  [["o"], 'value', '37:3'],
  [["o"], 'key', '36:1'],
  [["r"], 'value', '39:3'],
  [["r"], 'key', '38:1'],
  [["t","s"], 'value', '39:6'],
  [["t","s"], 'key', '39:3'],
  [["u"], 'value', '42:1'],
  [["u"], 'key', '41:1'],
  [["v",1,0], 'value', '43:9'],
  [["v",1,0], 'key', '43:9'],
  [["w","b","c"], 'value', '44:23'],
  [["w","b","c"], 'key', '44:20'],
  [["quoted key"], 'value', '45:15'],
  [["quoted key"], 'key', '45:1'],
  [["x"], 'value', '47:4'],
  [["x"], 'key', '47:1'],
  [["y"], 'value', '49:4'],
  [["y"], 'key', '49:1'],
  [["z"], 'value', '51:9'],
  [["z"], 'key', '51:1'],
  [["e",9], 'value', '8:3'],
  [["e",9], 'key', '8:3'],
  [["missing"], 'value', '3:1'],
  [["missing"], 'key', '3:1'],
  [["w","b","nope"], 'value', '44:19'],
  [["w","b","nope"], 'key', '44:19'],
  ];
  test.each(POSITIONS)('%j (%s) is at %s', (path, at, expected) => {
    const { line, col } = locate(source, path, at);
    expect(`${line}:${col}`).toBe(expected);
  });

  test('a scalar as written, for "quote it" hints', () => {
    expect(scalarSourceAt(source, ['a'])).toBe('1');
    expect(scalarSourceAt(source, ['b'])).toBe('"q"');
    expect(scalarSourceAt(source, ['e', 1, 'k'])).toBe('v');
    expect(scalarSourceAt(source, ['e'])).toBeUndefined();
  });

  test('the top level is checked at its first node', () => {
    const top = (text: string) => {
      const r = parseYaml(text);
      return r.ok ? checkTopMapping(r.source, 'x') : r.problems;
    };
    expect(top('a: 1\n')).toBeUndefined();
    expect(top('# c\n\n- a\n')).toEqual({ line: 3, col: 1, message: 'the top level must be a mapping of fields (x)' });
    expect(top('---\n  "text"\n')).toEqual({ line: 2, col: 3, message: 'the top level must be a mapping of fields (x)' });
  });
});
