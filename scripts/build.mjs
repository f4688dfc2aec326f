// Bundles src/cli.ts into dist/ with esbuild. Code splitting keeps each command's heavy
// dependencies (execa, chokidar, markdown parser) out of the start-up path: they are loaded
// by dynamic import() only when that command runs.
import { build, transform } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Everything relative to the package folder, whatever the current folder is.
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Start from an empty dist/ so chunks of earlier builds do not pile up.
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

/**
 * Three swaps in what gets bundled, all for start-up time:
 * - `yaml` (only for writing YAML: `init`, `ci github`): its ES module build (the package's
 *   "browser" build, plain ESM with no browser-only code), so esbuild can leave out the parts this tool never calls; the Node build is CommonJS.
 * - `js-yaml` as gray-matter requires it, for its default YAML engine: this tool always gives
 *   gray-matter its own engine (src/text/front-matter.ts, src/input/write-input.ts), so js-yaml 3
 *   (and the esprima it tries to load for `!!js/function`) is replaced by a stub that refuses.
 *   The tool's own reader (src/text/yaml-document.ts) imports js-yaml 5, bundled as it is.
 * - `string-width`, as yargs' help layout (cliui, wrap-ansi) imports it, gets a fast path: a string
 *   of printable ASCII is as wide as it is long. yargs lays its help text out after every parse,
 *   and the full algorithm (a segmenter and the emoji pattern per character) cost a render
 *   about 25 ms; any other string still goes through it, so widths are the same. Its module
 *   makes an `Intl.Segmenter` and compiles Unicode-property patterns (RGI_Emoji…) when it loads,
 *   about 30 ms: its body runs on first use instead.
 */
const swaps = {
  name: 'swaps',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/yaml/browser/dist/index.js', import.meta.url)) }));
    b.onResolve({ filter: /^js-yaml$/ }, (args) => (/[\\/]gray-matter[\\/]/.test(args.importer) ? { path: 'js-yaml', namespace: 'stub' } : undefined));
    const realStringWidth = fileURLToPath(new URL('../node_modules/string-width/index.js', import.meta.url));
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
  },
};

/**
 * Two more swaps, in execa's part of the bundle (loaded only by the commands that start
 * processes), for the CPU of every `run`:
 * - `node:process`: node's own ES module of it reads every property of `process` when first
 *   imported, which loads `process.report` and more (about 5 ms); the stand-in exports the same
 *   object, and the four names execa's code imports by name (another name fails the build).
 * - `node:v8`, imported only to check an `ipcInput` (handoff passes none): loaded when first
 *   called, through the bundle's own `require` (the banner below), instead of with execa.
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

await build({
  absWorkingDir: root,
  plugins: [swaps, lighterExeca],
  // precompile.js is a build-time tool (below), not part of the CLI.
  entryPoints: { main: 'src/main.ts', precompile: 'src/render/precompile.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  // Smaller code parses faster at every start; keepNames keeps error and class names intact.
  minify: true,
  keepNames: true,
  logLevel: 'warning',
  define: { __HANDOFF_VERSION__: JSON.stringify(pkg.version) },
  // Packages that use CommonJS require() of node builtins need a real `require` inside ESM.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The package templates, precompiled with the render's own loader: a render then loads only
// the Handlebars runtime.
const { precompileTemplates } = await import(new URL('../dist/precompile.js', import.meta.url).href);
// Minified like the rest of the bundle: Handlebars' precompiled output is verbose, and every render
// parses it.
const precompiled = await transform(await precompileTemplates(), { minify: true, format: 'esm', target: 'node20', legalComments: 'none' });
writeFileSync(new URL('../dist/templates.precompiled.js', import.meta.url), precompiled.code);
