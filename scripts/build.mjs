// Bundles src/cli.ts into dist/ with esbuild. Code splitting keeps each command's heavy
// dependencies (execa, chokidar, markdown parser) out of the start-up path: they are loaded
// by dynamic import() only when that command runs.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Everything relative to the package folder, whatever the current folder is.
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Start from an empty dist/ so chunks of earlier builds do not pile up.
rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
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
writeFileSync(new URL('../dist/templates.precompiled.js', import.meta.url), await precompileTemplates());
