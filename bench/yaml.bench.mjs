// The YAML reader's figures: a first read in a fresh process (loading the reader and reading the
// file once, as every command does), of the Phase E3 input (9 KB) and of a generated input of
// 485 KB (render.bench.mjs's 1,000 rows), by this reader and by 0.2.0's (the `yaml` package's
// parseDocument and toJS with the options 0.2.0 gave them), timed alternately in the same run.
// The time is taken inside the process, from before the reader's import to after the read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { median, line } from './lib.mjs';
import { generateInput } from './render.bench.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const PHASE_E3 = join(ROOT, 'data/integrate-pytorch-001/phase_e3.yaml');

/** Each reader as the CLI bundles it: one ES module, minified, read from a fresh process. */
const READERS = {
  'this reader': `import { parseYaml } from ${JSON.stringify(join(ROOT, 'src/text/yaml-document.ts'))};
export const read = (text) => { const r = parseYaml(text, 'the input'); if (!r.ok) throw new Error(JSON.stringify(r.problems)); return r.data; };`,
  '0.2.0 reader': `import { LineCounter, parseDocument } from 'yaml';
export const read = (text) => {
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, schema: 'core', resolveKnownTags: false });
  if (doc.errors.length > 0) throw new Error(doc.errors[0].message);
  return doc.toJS({ maxAliasCount: 100 });
};`,
};

/** The program each run starts: load the reader, read the file once, print the ms it took. */
const PROGRAM = `import { readFileSync } from 'node:fs';
const text = readFileSync(process.argv[2], 'utf8');
const t0 = performance.now();
const { read } = await import(process.argv[3]);
read(text);
process.stdout.write(String(performance.now() - t0));
`;

export default async function bench() {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-yaml-'));
  try {
    const programs = {};
    for (const [name, source] of Object.entries(READERS)) {
      const out = join(dir, `${name.replace(/\W+/g, '-')}.mjs`);
      await build({
        stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
        outfile: out,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        minify: true,
        logLevel: 'warning',
        // As scripts/build.mjs does: the `yaml` package's ES module build.
        alias: { yaml: join(ROOT, 'node_modules/yaml/browser/dist/index.js') },
      });
      programs[name] = out;
    }
    const program = join(dir, 'first-read.mjs');
    writeFileSync(program, PROGRAM);
    const big = join(dir, 'big.yaml');
    writeFileSync(big, generateInput(1000));

    const firstRead = (file, reader) => {
      const r = spawnSync(process.execPath, [program, file, reader], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return Number(r.stdout);
    };
    // Targets as ratios to 0.2.0's reader in the same run, so they hold on a slower machine.
    // On 9 KB the cost of loading and first running the parser weighs most: measured 2.2-3.0x.
    for (const [label, file, runs, target] of [
      ['Phase E3, 9 KB', PHASE_E3, 21, 2],
      ['1,000 rows, 485 KB', big, 7, 3.5],
    ]) {
      const times = Object.fromEntries(Object.keys(programs).map((k) => [k, []]));
      for (let i = 0; i < runs; i++) for (const [name, out] of Object.entries(programs)) times[name].push(firstRead(file, out));
      const now = median(times['this reader']);
      const before = median(times['0.2.0 reader']);
      const bytes = statSync(file).size;
      line(`yaml first read, ${label}: this reader, median ms`, now.toFixed(1));
      line(`  0.2.0 reader (the yaml package), median ms`, before.toFixed(1));
      line(`  µs per byte: this reader / 0.2.0`, `${((1000 * now) / bytes).toFixed(2)} / ${((1000 * before) / bytes).toFixed(2)}`);
      line(`  ratio 0.2.0 / this reader`, (before / now).toFixed(2), `>= ${target}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
