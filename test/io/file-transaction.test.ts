// Several files replaced all or nothing (commitFiles), on real files in a temp folder: every kind
// of change applied; a failure midway undoes what was done, byte for byte; and a second Ctrl-C
// that arrives during the swap waits until it is over (the exit is a callback here, as cli.ts
// passes process.exit; a real double SIGINT cannot be timed into a millisecond-long swap).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitFiles } from '../../src/io/file-transaction.js';
import { afterWrites, writesUnderWay } from '../../src/io/uninterruptible.js';
import { makeTempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof makeTempDir>;
let dir: string;
beforeEach(() => {
  tmp = makeTempDir('handoff-transaction-');
  dir = join(tmp.dir, 'target');
  mkdirSync(dir);
  writeFileSync(join(dir, 'brief.md'), 'old brief\n');
  writeFileSync(join(dir, 'gone.txt'), 'to be removed\n');
  writeFileSync(join(tmp.dir, 'staged.log'), 'new log\n');
  writeFileSync(join(tmp.dir, 'source.json'), '{"copied": true}\n');
});
afterEach(() => tmp.cleanup());

/** Every file under the target folder with its text. */
function tree(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const path = join(e.parentPath, e.name);
        return [path.slice(dir.length + 1), readFileSync(path, 'utf8')];
      }),
  );
}

const changes = () => [
  { target: join(dir, 'brief.md'), text: 'new brief\n' },
  { target: join(dir, 'logs', 'a.log'), moveFrom: join(tmp.dir, 'staged.log') },
  { target: join(dir, 'manifest.json'), copyFrom: join(tmp.dir, 'source.json') },
  { target: join(dir, 'gone.txt'), remove: true as const },
];

test('every kind of change lands; nothing else is left behind', async () => {
  await commitFiles(changes(), { backupDir: join(tmp.dir, 'backup') });
  expect(tree()).toEqual({ 'brief.md': 'new brief\n', 'logs/a.log': 'new log\n', 'manifest.json': '{"copied": true}\n' });
  expect(existsSync(join(tmp.dir, 'staged.log'))).toBe(false);
  expect(readFileSync(join(tmp.dir, 'source.json'), 'utf8')).toBe('{"copied": true}\n');
});

test('a failure at the third replacement: the first two are undone, every file as before', async () => {
  const before = tree();
  let seen = 0;
  const failing = commitFiles(changes(), {
    backupDir: join(tmp.dir, 'backup'),
    beforeReplace: () => {
      if (++seen === 3) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    },
  });
  await expect(failing).rejects.toThrow(/^cannot write \S+manifest\.json \(ENOSPC\); nothing was changed$/);
  expect(tree()).toEqual(before);
  // The moved file went back where it came from.
  expect(readFileSync(join(tmp.dir, 'staged.log'), 'utf8')).toBe('new log\n');
});

test('an exit asked for during the swap (a second Ctrl-C) happens once every file is in place', async () => {
  const order: string[] = [];
  let asked = false;
  await commitFiles(changes(), {
    backupDir: join(tmp.dir, 'backup'),
    beforeReplace: (target) => {
      if (asked) return;
      asked = true;
      expect(writesUnderWay()).toBe(true);
      afterWrites(() => order.push(`exit with ${Object.keys(tree()).sort().join(', ')}`));
      order.push(`asked before ${target.slice(dir.length + 1)}`);
    },
  });
  expect(order).toEqual(['asked before brief.md', 'exit with brief.md, logs/a.log, manifest.json']);
  expect(writesUnderWay()).toBe(false);
  // With no swap under way, the exit is at once.
  let now = false;
  afterWrites(() => (now = true));
  expect(now).toBe(true);
});
