// Several files replaced all or nothing (commitFiles), on real files in a temp folder: every kind
// of change applied; a failure midway undoes what was done, byte for byte; and the swap is marked
// as under way, which is what makes cli.ts let a second Ctrl-C finish it (checked here through
// interruptAction: a real double SIGINT cannot be timed into a millisecond-long swap).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitFiles } from '../../src/io/file-transaction.js';
import { interruptAction, writesUnderWay } from '../../src/io/uninterruptible.js';
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

test('a swap is under way from its first write to its end, roll-back included', async () => {
  const seen: boolean[] = [];
  await commitFiles(changes(), { backupDir: join(tmp.dir, 'backup'), beforeReplace: () => void seen.push(writesUnderWay()) });
  expect(seen).toEqual([true, true, true, true]);
  expect(writesUnderWay()).toBe(false);
  const failing = commitFiles([{ target: join(dir, 'brief.md'), text: 'x' }], {
    backupDir: join(tmp.dir, 'backup2'),
    beforeReplace: () => {
      throw new Error('boom');
    },
  });
  await expect(failing).rejects.toThrow(/nothing was changed/);
  expect(writesUnderWay()).toBe(false);
});

test('Ctrl-C: the first asks to stop; a second exits at once, unless a swap is under way (then it finishes); a third exits', () => {
  expect(interruptAction(1, false)).toBe('abort');
  expect(interruptAction(1, true)).toBe('abort');
  expect(interruptAction(2, false)).toBe('exit');
  expect(interruptAction(2, true)).toBe('finish');
  expect(interruptAction(3, true)).toBe('exit');
});
