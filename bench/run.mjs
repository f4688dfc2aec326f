// `npm run bench`: runs every bench/*.bench.mjs in turn and prints their figures.
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const f of files) {
  console.log(`\n## ${f.replace('.bench.mjs', '')}`);
  const mod = await import(new URL(f, import.meta.url));
  await mod.default();
}
