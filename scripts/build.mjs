// Builds the CLI into dist/: one CommonJS bundle (dist/cli.js) holding src/main.ts, every
// dependency and the precompiled package templates, and V8 code caches of it
// (dist/cli.js.<name>.cache) that bin/load-cli.js hands to V8 when it compiles the bundle.
//
// Why one file with a code cache: with ES modules split per command, Node 20 parsed and compiled
// every module a command loads on each start (it keeps no compiled code between runs;
// `module.enableCompileCache` came with Node 22), and resolved and linked dozens of chunks. With
// the cache, V8 deserialises the bytecode of the functions a typical command runs instead of
// compiling them; a function the cache lacks is compiled when first called, as before. Each
// command's heavy dependencies (execa, chokidar, micromark, the Handlebars compiler) are still
// evaluated only when that command runs: esbuild keeps each dynamic import() as a lazily run
// module inside the bundle.
import { build, transform } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// Everything relative to the package folder, whatever the current folder is.
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const fromRoot = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

// Start from an empty dist/ so files of earlier builds do not pile up.
rmSync(fromRoot('dist/'), { recursive: true, force: true });

/** Replaces `from` (which must occur exactly once) in a dependency's file, or fails the build. */
function patch(source, path, from, to, why) {
  if (source.split(from).length !== 2) throw new Error(`${path} changed: ${why} no longer applies; update scripts/build.mjs`);
  return source.replace(from, to);
}

/**
 * Swaps in what gets bundled, all for start-up time:
 * - `yaml` (only for writing YAML: `init`, `ci github`): its ES module build (the package's
 *   "browser" build, plain ESM with no browser-only code), so esbuild can leave out the parts this tool never calls; the Node build is CommonJS.
 * - `js-yaml` as gray-matter requires it, for its default YAML engine: this tool always gives
 *   gray-matter its own engine (src/text/front-matter.ts, src/input/write-input.ts), so js-yaml 3
 *   (and the esprima it tries to load for `!!js/function`) is replaced by a stub that refuses.
 *   The tool's own reader (src/text/yaml-document.ts) imports js-yaml 5, bundled as it is.
 * - `string-width`, as yargs' help layout (cliui, wrap-ansi) imports it, gets a fast path: a string
 *   of printable ASCII is as wide as it is long. Any other string still goes through it, so
 *   widths are the same. Its module makes an `Intl.Segmenter` and compiles Unicode-property
 *   patterns (RGI_Emoji…) when it loads, about 30 ms: its body runs on first use instead.
 * - entities' HTML decoding table (markdown-it's utils import it): built when the module loads
 *   by splitting a 50,000-character string and mapping every character, 5–10 ms of every plan
 *   read; here the same numbers are decoded from base64 (one native call).
 */
const swaps = {
  name: 'swaps',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: fromRoot('node_modules/yaml/browser/dist/index.js') }));
    b.onResolve({ filter: /^js-yaml$/ }, (args) => (/[\\/]gray-matter[\\/]/.test(args.importer) ? { path: 'js-yaml', namespace: 'stub' } : undefined));
    const realStringWidth = fromRoot('node_modules/string-width/index.js');
    b.onResolve({ filter: /^string-width$/ }, () => ({ path: 'string-width', namespace: 'fast-width' }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (args) => {
      // Its imports stay at the top; the rest of its body moves into a function run once.
      const source = readFileSync(args.path, 'utf8');
      const lines = source.split('\n');
      const imports = lines.filter((l) => l.startsWith('import '));
      const body = lines.filter((l) => !l.startsWith('import ')).join('\n');
      const head = 'export default function stringWidth(';
      if (imports.length !== 2 || body.split(head).length !== 2 || /^export /m.test(body.replace(head, ''))) {
        throw new Error(`string-width changed: ${args.path} is not two imports and one default export; update the lazy loading in scripts/build.mjs`);
      }
      const lazy = `${imports.join('\n')}\nfunction load() {\n${body.replace(head, 'function stringWidth(')}\nreturn stringWidth;\n}\nlet loaded;\nexport default function lazyStringWidth(input, options) {\n  return (loaded ??= load())(input, options);\n}\n`;
      return { contents: lazy, loader: 'js' };
    });
    b.onLoad({ filter: /.*/, namespace: 'fast-width' }, () => ({
      contents: `import stringWidth from ${JSON.stringify(realStringWidth)};\nconst PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;\nexport default function fastStringWidth(text, options) {\n  return typeof text === 'string' && PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text, options);\n}\n`,
      loader: 'js',
      resolveDir: root,
    }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "const refuse = () => { throw new Error('js-yaml is not bundled: handoff gives gray-matter its own YAML engine'); };\nmodule.exports = { safeLoad: refuse, safeDump: refuse, load: refuse, dump: refuse };\n",
      loader: 'js',
    }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]entities[\\/]lib[\\/]esm[\\/]generated[\\/]decode-data-(html|xml)\.js$/ }, async (args) => {
      // Evaluate the module as written, then write its table back as base64.
      const { default: table } = await import(new URL(`file://${args.path}`).href);
      if (!(table instanceof Uint16Array)) throw new Error(`${args.path} changed: its default export is not a Uint16Array; update scripts/build.mjs`);
      const base64 = Buffer.from(table.buffer, table.byteOffset, table.byteLength).toString('base64');
      // Buffer's bytes are little-endian, as are the platforms Node runs on (checked at build).
      if (new Uint16Array(new Uint8Array([1, 0]).buffer)[0] !== 1) throw new Error('big-endian build machine: the entities swap assumes little-endian');
      return {
        contents: `const bytes = Buffer.from(${JSON.stringify(base64)}, 'base64');\nexport default new Uint16Array(bytes.buffer, bytes.byteOffset, ${table.length});\n`,
        loader: 'js',
      };
    });
  },
};

/**
 * Two more swaps, in execa's part of the bundle (loaded only by the commands that start
 * processes), for the CPU of every `run`:
 * - `node:process`: node's own ES module of it reads every property of `process` when first
 *   imported, which loads `process.report` and more (about 5 ms); the stand-in exports the same
 *   object, and the four names execa's code imports by name (another name fails the build).
 * - `node:v8`, imported only to check an `ipcInput` (handoff passes none): loaded when first
 *   called, through the CommonJS bundle's own `require`, instead of with execa.
 */
const lighterExeca = {
  name: 'lighter-execa',
  setup(b) {
    b.onResolve({ filter: /^node:(process|v8)$/ }, (args) => ({ path: args.path, namespace: 'lighter-execa' }));
    b.onLoad({ filter: /^node:process$/, namespace: 'lighter-execa' }, () => ({
      contents: 'const p = globalThis.process;\nexport default p;\nexport const { execPath, execArgv, hrtime, platform } = p;\n',
      loader: 'js',
    }));
    b.onLoad({ filter: /^node:v8$/, namespace: 'lighter-execa' }, () => ({
      contents: "export function serialize(value) { return require('node:v8').serialize(value); }\n",
      loader: 'js',
    }));
  },
};

/** `import('./templates.precompiled.js')` in src/render/handlebars.ts: the module given, or none. */
const precompiledTemplates = (contents) => ({
  name: 'precompiled-templates',
  setup(b) {
    b.onResolve({ filter: /^\.\/templates\.precompiled\.js$/ }, () => ({ path: 'templates.precompiled.js', namespace: 'precompiled' }));
    b.onLoad({ filter: /.*/, namespace: 'precompiled' }, () => ({ contents, loader: 'js' }));
  },
});

/**
 * Libraries only some rarely run commands use, each bundled into a file of its own under
 * dist/lib/ that the CLI requires when it needs it: the YAML writer (init, ci github), the
 * calendar (due --ics), the file watcher (watch), front matter (a Markdown input, a custom
 * template), the Handlebars compiler (a template not precompiled), JUnit reading (run) and diffs
 * (--check, --dry-run). Every start reads and keeps the whole bundle, and these were a third of it.
 */
const SIDE_LIBRARIES = {
  yaml: 'yaml',
  'ical.js': 'ical',
  chokidar: 'chokidar',
  'gray-matter': 'gray-matter',
  'handlebars/dist/handlebars.js': 'handlebars-compiler',
  'fast-xml-parser': 'fast-xml-parser',
  diff: 'diff',
};
const sideLibraries = {
  name: 'side-libraries',
  setup(b) {
    const names = Object.keys(SIDE_LIBRARIES).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: `./lib/${SIDE_LIBRARIES[args.path]}.cjs`, external: true }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // Smaller code parses faster. Names are not kept (keepNames): the error classes set their own
  // `name`, and nothing reads a function's name; keeping them cost start-up time.
  minify: true,
  logLevel: 'warning',
  define: { __HANDOFF_VERSION__: JSON.stringify(pkg.version) },
};

// 1. The package templates, precompiled with the render's own loader (a build-time tool, not part
//    of the CLI): a render then loads only the Handlebars runtime.
await build({
  ...common,
  plugins: [swaps, precompiledTemplates('export default { specs: {}, frontMatter: {} };')],
  entryPoints: { precompile: 'src/render/precompile.ts' },
  outdir: 'dist',
  format: 'esm',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { precompileTemplates } = await import(new URL('../dist/precompile.js', import.meta.url).href);
// Minified like the rest of the bundle: Handlebars' precompiled output is verbose.
const precompiled = await transform(await precompileTemplates(), { minify: true, format: 'esm', target: 'node20', legalComments: 'none' });
rmSync(fromRoot('dist/precompile.js'));

// 2. The CLI, one CommonJS file. `import.meta.url` (templates/, python/ and package.json are
//    found from it) becomes the bundle's own file URL. Dynamic imports of Node's modules become
//    require() (a script compiled by bin/load-cli.js has no ES module loader to import with).
const bundled = await build({
  ...common,
  plugins: [swaps, lighterExeca, sideLibraries, precompiledTemplates(precompiled.code)],
  entryPoints: ['src/main.ts'],
  outfile: 'dist/cli.js',
  write: false,
  format: 'cjs',
  supported: { 'dynamic-import': false },
  define: { ...common.define, 'import.meta.url': '__handoff_bundle_url' },
  // Licence texts of the bundled packages go to dist/cli.js.LEGAL.txt, not into the code every
  // start reads.
  legalComments: 'linked',
  // `node scripts/build.mjs --sourcemap`: dist/cli.js.map, to read CPU profiles by source file.
  sourcemap: process.argv.includes('--sourcemap') ? 'external' : false,
});
for (const file of bundled.outputFiles) {
  if (!file.path.endsWith('cli.js')) {
    writeFileSync(file.path, file.contents);
    continue;
  }
  // The file holds one function expression, Node's CommonJS wrapper around the bundle, so the
  // source V8 compiles (and caches) is the file as it is, with nothing added when it loads. The
  // whole bundle is strict code, as the ES modules it was made of. The header stays on the
  // bundle's first line: the source map's lines still fit.
  const head = `(function (exports, require, module, __filename, __dirname) {"use strict";var __handoff_bundle_url = require('node:url').pathToFileURL(__filename).href;`;
  writeFileSync(file.path, `${head}${asciiOnly(file.text)}\n})`);
}

/**
 * The bundle with every character ASCII, so V8 holds its source in one byte per character (half
 * the memory of a two-byte string, read without UTF-8 decoding). esbuild escapes non-ASCII in
 * strings and templates already, but not in regular expression literals (`/^[✓✗] /`): those are
 * escaped here, `\uXXXX` per UTF-16 unit, which means the same in a pattern with or without the
 * u flag. Any other non-ASCII character fails the build, with where it is.
 */
function asciiOnly(code) {
  if (!/[^\x00-\x7f]/.test(code)) return code;
  const ts = createRequire(import.meta.url)('typescript');
  const tree = ts.createSourceFile('cli.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const regexps = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) regexps.push([node.getStart(tree), node.end]);
    ts.forEachChild(node, visit);
  };
  visit(tree);
  let out = '';
  let from = 0;
  for (const match of code.matchAll(/[^\x00-\x7f]+/g)) {
    const at = match.index;
    if (!regexps.some(([start, end]) => start <= at && at < end)) {
      throw new Error(`the CLI bundle has a non-ASCII character outside a regular expression literal: …${code.slice(at - 60, at + 20)}…; write it as an escape in the source`);
    }
    out += code.slice(from, at) + [...match[0]].map((c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')).join('');
    from = at + match[0].length;
  }
  return out + code.slice(from);
}

// The side libraries, each a CommonJS file of its own (its own copy of what it imports). They are
// loaded by Node's own loader, without a code cache: the commands that need them are rare.
for (const [specifier, name] of Object.entries(SIDE_LIBRARIES)) {
  await build({
    ...common,
    plugins: [swaps],
    stdin: { contents: `module.exports = require(${JSON.stringify(specifier)});`, resolveDir: root, loader: 'js' },
    outfile: `dist/lib/${name}.cjs`,
    format: 'cjs',
    legalComments: 'linked',
  });
}

// 3. The code caches, one per kind of command (bin/load-cli.js's CACHES): a run of its commands
//    in a child process (scripts/train-code-cache.mjs) compiles what they use, then V8 writes it
//    out. A cache is valid for this Node version (and V8 flags) only; any other rejects it and
//    bin/load-cli.js compiles the bundle as usual.
const { CACHES } = createRequire(import.meta.url)('../bin/load-cli.js');
for (const name of Object.keys(CACHES)) {
  const trained = spawnSync(process.execPath, [fromRoot('scripts/train-code-cache.mjs'), name], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
  if (trained.status !== 0) throw new Error(`scripts/train-code-cache.mjs ${name} exited ${trained.status ?? trained.signal}: no code cache written`);
}
