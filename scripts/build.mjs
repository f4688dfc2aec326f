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
 * Two swaps in what gets bundled, both for start-up time:
 * - `yaml`: its ES module build (the package's "browser" build, plain ESM with no browser-only
 *   code), so esbuild can leave out the parts this tool never calls; the Node build is CommonJS.
 * - `js-yaml`, which gray-matter requires for its default YAML engine: this tool always gives
 *   gray-matter its own engine (src/text/front-matter.ts, src/input/write-input.ts), so js-yaml 3
 *   (and the esprima it tries to load for `!!js/function`) is replaced by a stub that refuses.
 */
const swaps = {
  name: 'swaps',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/yaml/browser/dist/index.js', import.meta.url)) }));
    b.onResolve({ filter: /^js-yaml$/ }, () => ({ path: 'js-yaml', namespace: 'stub' }));
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
  entryPoints: { cli: 'src/cli.ts', precompile: 'src/render/precompile.ts' },
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
