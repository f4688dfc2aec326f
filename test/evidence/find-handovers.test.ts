// Which folders count as a brief's published hand-overs: the folders its artifacts.dir pattern
// names (stamp and date free), whose summary.md names the brief.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findHandovers } from '../../src/evidence/find-handovers.js';
import { handoverMarker } from '../../src/evidence/handover-marker.js';
import { makeTempDir } from '../helpers/cli.js';
import { makeLoaded } from './loaded.js';

const tmp = makeTempDir('handoff-find-handovers-');
afterAll(() => tmp.cleanup());

let n = 0;
function repo(): string {
  const dir = join(tmp.dir, `repo-${n++}`);
  mkdirSync(dir);
  return dir;
}

function handover(repoDir: string, folder: string, briefId: string, generatedAt?: string): void {
  mkdirSync(join(repoDir, folder), { recursive: true });
  writeFileSync(join(repoDir, folder, 'summary.md'), `${handoverMarker(briefId)}\n# Summary\n`);
  if (generatedAt) writeFileSync(join(repoDir, folder, `${briefId}.evidence.json`), `{\n  "version": 1,\n  "generated_at": "${generatedAt}"\n}\n`);
}

function loaded(repoDir: string, dir?: string) {
  const l = makeLoaded(repoDir, []);
  return { ...l, data: { ...l.data, ...(dir ? { artifacts: { dir } } : {}) } };
}

test('the stamp folders of the default pattern, newest evidence first, other briefs and hidden folders left out', async () => {
  const dir = repo();
  handover(dir, 'plans/active/A/reports/2025-10-19T205832Z', 'fixture', '2025-10-19T20:58:32Z');
  handover(dir, 'plans/active/A/reports/2025-10-21T080000Z', 'fixture', '2025-10-21T08:00:00Z');
  handover(dir, 'plans/active/A/reports/2025-10-20T080000Z', 'another');
  handover(dir, 'plans/active/A/reports/.2025-10-22T080000Z', 'fixture', '2025-10-22T08:00:00Z');
  handover(dir, 'plans/active/B/reports/2025-10-23T080000Z', 'fixture', '2025-10-23T08:00:00Z');
  mkdirSync(join(dir, 'plans/active/A/reports/no-summary'));
  const found = await findHandovers(loaded(dir));
  expect(found.map((h) => [h.folder, h.generatedAt])).toEqual([
    ['plans/active/A/reports/2025-10-21T080000Z/', '2025-10-21T08:00:00Z'],
    ['plans/active/A/reports/2025-10-19T205832Z/', '2025-10-19T20:58:32Z'],
  ]);
  expect(found[0]!.dir).toBe(join(dir, 'plans/active/A/reports/2025-10-21T080000Z/'));
  expect(found[0]!.manifestPath).toBe(join(dir, 'plans/active/A/reports/2025-10-21T080000Z', 'fixture.evidence.json'));
});

test('a free placeholder inside a folder name, and folders named after it', async () => {
  const dir = repo();
  handover(dir, 'handovers/2025-10-19-run/fixture', 'fixture', '2025-10-19T00:00:00Z');
  handover(dir, 'handovers/2025-10-20-other/fixture', 'fixture', '2025-10-20T00:00:00Z');
  handover(dir, 'handovers/x.y+(1)-run/fixture', 'fixture', '2025-10-18T00:00:00Z');
  const found = await findHandovers(loaded(dir, 'handovers/{date}-run/{id}/'));
  expect(found.map((h) => h.folder)).toEqual(['handovers/2025-10-19-run/fixture/', 'handovers/x.y+(1)-run/fixture/']);
});

test('a symbolic link to a folder is not followed below the first free placeholder', async () => {
  const dir = repo();
  handover(dir, 'elsewhere/2025-10-19T205832Z', 'fixture', '2025-10-19T20:58:32Z');
  mkdirSync(join(dir, 'plans/active/A/reports'), { recursive: true });
  symlinkSync(join(dir, 'elsewhere/2025-10-19T205832Z'), join(dir, 'plans/active/A/reports/linked'));
  expect(await findHandovers(loaded(dir))).toEqual([]);
});

test('a pattern without free placeholders names one folder', async () => {
  const dir = repo();
  handover(dir, 'handover/A', 'fixture');
  expect((await findHandovers(loaded(dir, 'handover/{initiative}'))).map((h) => [h.folder, h.generatedAt])).toEqual([['handover/A/', null]]);
  expect(await findHandovers(loaded(dir, 'handover/{phase}'))).toEqual([]);
});
