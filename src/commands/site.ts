// `handoff site <input…> --out DIR`: one static site for every hand-over given. Each input is read
// with its evidence where `render` and `due` find it (the output folder, --from, else the newest
// published hand-over), its brief as `render` makes it and its run history; then the site is
// written whole (an index, a page per hand-over with its charts and logs) into --out, replacing a
// site written there before. It prints, for each brief, which evidence it used.
import { join, resolve } from 'node:path';
import { resolveNow } from '../clock.js';
import { UsageError } from '../errors.js';
import { resolveOutDir } from '../input/out-dir.js';
import { displayPath } from '../input/repo-dir.js';
import type { Console } from '../io/console.js';
import { replaceFolder } from '../io/replace-folder.js';
import { buildSite, SITE_MARKER } from '../site/build-site.js';
import { loadSite } from '../site/load-site.js';
import type { HandoverRow } from '../site/site-model.js';
import { describeSourceText } from '../site/site-words.js';
import { formatTime } from '../text/dates.js';
import { formatDate } from '../text/format-date.js';
import { TOOL_VERSION } from '../version.js';

export interface SiteOptions {
  inputs: string[];
  /** The site folder, as typed; default: site/ in the output folder of the first input. */
  out?: string;
  /** The output folder holding the evidence and run histories, as typed; default: out/ at the top of each input's git repository. */
  from?: string;
  repo?: string;
  now?: string;
  json: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  clock: () => Date;
  console: Console;
}

export interface SiteResult {
  /** Absolute site folder. */
  dir: string;
  handovers: HandoverRow[];
  files: number;
}

export async function runSite(options: SiteOptions): Promise<SiteResult> {
  if (options.inputs.length === 0) throw new UsageError("name the inputs of the hand-overs, e.g. handoff site 'plans/**/handoff.yaml' --out site");
  const now = resolveNow(options.now, options.env, options.clock);
  const { briefs, notes } = await loadSite({ inputs: options.inputs, from: options.from, repo: options.repo, now, cwd: options.cwd });
  for (const note of notes) options.console.err(`${note}\n`);
  // loadSite gives a brief for every input or throws: there is a first one.
  const dir = options.out !== undefined ? resolve(options.cwd, options.out) : join(await resolveOutDir(options.from, briefs[0]!.loaded.absPath, options.cwd), 'site');
  const display = displayPath(dir, options.cwd);

  const site = buildSite(briefs, { today: formatDate(now), generatedAt: formatTime(now), toolVersion: TOOL_VERSION });
  await replaceFolder(dir, site.files, { marker: SITE_MARKER, display, hint: 'name a new or empty folder with --out DIR' });

  for (const row of site.handovers) options.console.err(`${row.id}: evidence from ${describeSourceText(row.source)}\n`);
  if (options.json) {
    options.console.out(
      `${JSON.stringify(
        {
          site: display,
          index: `${display}/index.html`,
          handovers: site.handovers.map((h) => ({
            id: h.id,
            page: `briefs/${h.page}`,
            status: h.status,
            verdict: h.verdict,
            evidence: h.source,
            last_run: h.lastRun,
            followups_due: h.due.map((f) => ({ id: f.id, due: f.due, status: f.status })),
          })),
        },
        null,
        2,
      )}\n`,
    );
  }
  const late = site.followups.filter((f) => f.status === 'overdue' || f.status === 'failed').length;
  options.console.err(
    `wrote ${display}/index.html: ${site.handovers.length} hand-over${site.handovers.length === 1 ? '' : 's'}, ${site.followups.length} follow-up${site.followups.length === 1 ? '' : 's'} (${late} overdue or failed)\n`,
  );
  return { dir, handovers: site.handovers, files: site.files.length };
}
