// Runs that finish at once append to one history: real processes, each appending lines of
// very different sizes to the same file at the same moment, through the real append code
// (src/io/append-line.ts, bundled for plain node by esbuild). No line may be lost, doubled,
// interleaved or cut.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => {
  tmp = makeTempDir('handoff-history-race-');
});
afterAll(() => tmp.cleanup());

const WRITERS = 6;
const LINES = 150;

function runWriter(script: string, target: string, writer: number, go: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, String(writer), String(LINES), String(go)], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

test(`${WRITERS} processes appending ${LINES} lines each at the same moment: every line whole, none lost`, async () => {
  const bundle = join(tmp.dir, 'append-line.mjs');
  await build({ entryPoints: [join(ROOT, 'src/io/append-line.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'error' });
  const script = join(tmp.dir, 'writer.mjs');
  // Line sizes from 100 bytes to 200 KB (a history line of a brief with thousands of selectors),
  // far past the 4 KiB a pipe would write atomically.
  writeFileSync(
    script,
    `import { appendLine } from ${JSON.stringify(bundle)};
const [target, writer, count, go] = process.argv.slice(2);
while (Date.now() < Number(go)) {}
for (let i = 0; i < Number(count); i++) {
  const size = [100, 3000, 9000, 70000, 200000][(i + Number(writer)) % 5];
  const line = JSON.stringify({ writer: Number(writer), i, pad: String.fromCharCode(97 + Number(writer)).repeat(size) });
  await appendLine(target, line, { display: target, what: 'test' });
}
`,
  );
  const target = join(tmp.dir, 'race.history.jsonl');
  const go = Date.now() + 1500; // every writer starts spinning, then all start writing together
  const codes = await Promise.all(Array.from({ length: WRITERS }, (_, w) => runWriter(script, target, w, go)));
  expect(codes).toEqual(Array(WRITERS).fill(0));

  const text = readFileSync(target, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  expect(lines).toHaveLength(WRITERS * LINES);
  const seen = new Set<string>();
  for (const line of lines) {
    const parsed = JSON.parse(line) as { writer: number; i: number; pad: string };
    expect(parsed.pad).toBe(String.fromCharCode(97 + parsed.writer).repeat(parsed.pad.length));
    seen.add(`${parsed.writer}/${parsed.i}`);
  }
  expect(seen.size).toBe(WRITERS * LINES);
  // Each writer's own lines are in its order.
  for (let w = 0; w < WRITERS; w++) {
    const mine = lines.map((l) => JSON.parse(l) as { writer: number; i: number }).filter((p) => p.writer === w).map((p) => p.i);
    expect(mine).toEqual(Array.from({ length: LINES }, (_, i) => i));
  }
});
