// What only the built CLI, as a process, shows: the version the package says, a pipe closed by
// its reader, the help it prints, and a time zone (which is the process's).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { parseCommandLine } from '../../src/cli/parse.js';
import { BIN, ROOT, runCliProcess } from '../helpers/cli.js';

const helpOf = (words: string[], version: string): string => {
  const parsed = parseCommandLine([...words, '--help'], version);
  if (parsed.kind !== 'help') throw new Error(`expected help for ${words.join(' ')}`);
  return parsed.text;
};
const input = 'data/integrate-pytorch-001/phase_e3.yaml';

describe('the built CLI, as a process', () => {
  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await runCliProcess(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });


  test.each([
    [['schema'], 0, ''],
    // A bad input: its problems still reach stderr, and the exit code is still the command's.
    [['validate', 'no-such-input.yaml', '--json'], 2, ''],
  ])('a reader that closes the pipe early (`handoff %j | head -1`): no stack trace, the command\'s exit code', async (args, code, stderrStart) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the CLI writes a byte: every write it makes meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exit = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr.startsWith(stderrStart)).toBe(true);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(exit).toBe(code);
  });


  test('`run --help` through the built CLI prints that help', async () => {
    const r = await runCliProcess(['run', '--out', 'x', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(helpOf(['run'], JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version));
  });


  test('a --now without a zone is UTC: the same brief under any TZ', async () => {
    const argv = ['render', input, '--stdout', '--now', '2025-10-19 23:30'];
    // A time zone is the process's: two processes, not two in-process calls.
    const tokyo = await runCliProcess(argv, { env: { TZ: 'Asia/Tokyo' } });
    const newYork = await runCliProcess(argv, { env: { TZ: 'America/New_York' } });
    expect(tokyo.code).toBe(0);
    expect(tokyo.stdout).toContain('2025-10-19T23:30:00Z');
    expect(newYork.stdout).toBe(tokyo.stdout);
  });
});
