import { build } from 'esbuild';
const r = await build({
  absWorkingDir: process.cwd(),
  entryPoints: { main: 'src/main.ts' },
  outfile: '/tmp/cjs/main.cjs',
  bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, keepNames: false,
  define: { __HANDOFF_VERSION__: '"0.3.0"', 'import.meta.url': 'importMetaUrl' },
  inject: ['.scratch/import-meta-shim.js'],
  logLevel: 'warning', metafile: true,
});
console.log(Object.keys(r.metafile.outputs).map(k => `${k} ${r.metafile.outputs[k].bytes}`).join('\n'));
