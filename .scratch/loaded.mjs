// prints every dist module loaded by a render, with sizes
import { statSync } from 'node:fs';
const seen = new Set();
export async function resolve(specifier, context, next) { const r = await next(specifier, context); if (r.url.includes('/dist/')) seen.add(r.url); return r; }
process.on('exit', () => { let total = 0; for (const u of seen) { const s = statSync(new URL(u)).size; total += s; process.stderr.write(`${s}\t${u.split('/dist/')[1]}\n`); } process.stderr.write(`total ${total}\n`); });
