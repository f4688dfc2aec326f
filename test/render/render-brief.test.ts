import { TOOL_VERSION } from '../../src/version.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import type { HandoffInput } from '../../src/input/model.js';
import { describeExecution } from '../../src/render/evidence-view.js';
import { prepareBrief, type BriefJob } from '../../src/render/pipeline.js';
import { makeTempDir } from '../helpers/cli.js';
import { asLoaded, manifest, minimalInput, selectorEvidence, sentinelInput } from './fixtures.js';
import { lintMarkdown } from './lint.js';

const NOW = new Date('2031-01-05T06:07:08Z');
let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('handoff-render-');
});
afterEach(() => temp.cleanup());

function job(data: HandoffInput, over: Partial<BriefJob> = {}): BriefJob {
  return { loaded: asLoaded(data, join(temp.dir, 'in.yaml'), temp.dir), outDir: join(temp.dir, 'out'), now: NOW, cwd: temp.dir, ...over };
}

/** Every string leaf of the input, except the fields derived by the loader. */
function stringLeaves(value: unknown, key = ''): string[] {
  if (['pytestArgs', 'files', 'cadence'].includes(key)) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => stringLeaves(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, k));
  return [];
}

describe('every docs/input-format.md field reaches the brief', () => {
  test('each sentinel string appears', async () => {
    const data = sentinelInput();
    writeFileSync(join(temp.dir, 'S-plan-file.md'), '| ID | Task | State |\n| --- | --- | --- |\n| S1 | S-plan-task | [P] |\n');
    const { text } = await prepareBrief(job(data));
    // Two are never shown: the id names the brief's file, and `repo:` is a path relative to the
    // input file, meaningless to a reader (the header names the repository instead).
    const missing = stringLeaves(data).filter((s) => !text.includes(s));
    expect(missing).toEqual([data.brief.id, data.repo]);
    // Numbers and booleans, in the brief's own words.
    for (const fragment of [
      '4321s', // selector timeout
      'max 11s, warn 12s, expected 13s ± 14s, min 15s',
      '**Timeout:** 5432s',
      '**Retries:** 7, on timeout or failure',
      '| `S-ci-marker` | S-ci-marker-meaning | **no** |',
      '- **Recommended:** yes',
      '- [x] S-check-item',
      '| S1 | [P] in progress | S-plan-task |',
      '2031-01-05', // every 3 days from 2031-01-02
      '| s-fu-change | S-fu-change-check | — | on-change: `S-fu-path.py` | — | on change |',
      '`S-ref-path.md` #S-ref-anchor — S-ref-note',
    ]) {
      expect(text).toContain(fragment);
    }
  });

  test('absent sections are left out, headings and all', async () => {
    const { text } = await prepareBrief(job(minimalInput()));
    expect(text).toMatch(/^# Mini brief\n/);
    for (const heading of ['Purpose', 'Selectors', 'CI guidance', 'Ownership', 'Follow-ups', 'Notes', 'Evidence']) {
      expect(text).not.toContain(`## ${heading}`);
    }
    // Without brief.stamp, brief.date and evidence, nothing but the Generated line depends on the
    // clock: no as-of date, and the hand-over folder keeps its {stamp} placeholder.
    expect(text).toContain('- **Hand-over folder:** `plans/active/INIT-A/reports/{stamp}/`\n');
    expect(text).not.toContain('As of');
    expect(text.replace(/^- \*\*Generated:\*\*.*$/m, '')).not.toMatch(/2031/);
  });
});

describe('Markdown safety', () => {
  const nasty = `a | b & c < d > e 'f' "g" -> h \`code\` \`\`x\`\``;

  test('special characters come out as typed, pipes escaped only in tables, and markdownlint passes', async () => {
    const data = sentinelInput();
    data.brief.title = nasty;
    data.purpose = `${nasty}\n\nsecond paragraph`;
    data.contract = [nasty];
    data.selectors[0]!.purpose = `${nasty}\nnext line`;
    data.selectors[0]!.run = 'pytest "tests/a b.py::test_x[1|2]" -k "a and not `b`"';
    data.ownership[0]!.scope = nasty;
    data.open_questions = [nasty];
    data.notes = `Notes with ${nasty}`;
    const { text } = await prepareBrief(job(data));
    expect(text).toContain(`# ${nasty}\n`);
    expect(text).toContain(`- ${nasty}\n`);
    expect(text).toContain(`| ${nasty.replace('|', '\\|')} |`);
    expect(text).toContain('| ``pytest "tests/a b.py::test_x[1\\|2]" -k "a and not `b`"`` |');
    expect(text).not.toMatch(/&amp;|&lt;|&gt;|&#x27;|&quot;/);
    const file = join(temp.dir, 'nasty.md');
    writeFileSync(file, text);
    const lint = await lintMarkdown([file]);
    expect(lint.output).toContain('0 error(s)');
    expect(lint.code).toBe(0);
  });

  test('tag-like text such as <C> stays visible on GitHub (escaped, not entity-encoded) and passes markdownlint', async () => {
    const tagged = 'Owner <C> & </x> `<kept>`';
    const data = sentinelInput();
    data.brief.title = tagged;
    data.contract = [tagged];
    data.ownership[0]!.scope = tagged;
    const { text } = await prepareBrief(job(data));
    const shown = 'Owner \\<C> & \\</x> `<kept>`';
    expect(text).toContain(`# ${shown}\n`);
    expect(text).toContain(`- ${shown}\n`);
    expect(text).toContain(`| ${shown} |`);
    expect(text).not.toMatch(/&lt;|&gt;/);
    const file = join(temp.dir, 'tags.md');
    writeFileSync(file, text);
    const lint = await lintMarkdown([file]);
    expect(lint.output).not.toContain('MD033');
    expect(lint.code).toBe(0);
  });
});

describe('evidence', () => {
  const failures = (n: number, size: number) =>
    Array.from({ length: n }, (_, i) => ({ nodeid: `tests/t.py::test_${i}`, message: `boom ${i}`, excerpt: `E${i} ${'x'.repeat(size)}\n\`\`\`inner fence` }));

  test('outcome column, stale marker, appendix with "N of M shown" and the full log link; markdownlint passes', async () => {
    const data = sentinelInput();
    const evidence = manifest([
      selectorEvidence({
        id: 's-sel-a',
        run: data.selectors[0]!.run,
        outcome: 'failed',
        expect: 'pass',
        met: false,
        counts: { passed: 2, failed: 3, errors: 0, skipped: 1, xfailed: 0, xpassed: 0, deselected: 4 },
        runtime_findings: ['above warn (12s)'],
        failures: failures(3, 400),
      }),
    ]);
    const manifestPath = join(temp.dir, 'out', 'e.evidence.json');
    const { text } = await prepareBrief(
      job(data, {
        evidence: { path: manifestPath, text: JSON.stringify(evidence), manifest: evidence },
        staleEvidence: new Map([['s-sel-a', ['tests/S-sel-run.py']]]),
        excerptBudget: 1000,
        // No logs on disk here; log verification has tests of its own.
        verifyLogs: false,
      }),
    );
    expect(text).toContain(
      '✗ **failed** (expected to pass): 2 passed, 3 failed, 1 skipped, 4 deselected in 3.4s; above warn (12s); **stale**: `tests/S-sel-run.py` changed since the run; [log](logs/s-sel-a.log) |',
    );
    expect(text).toContain('**Verdict:** 0 of 2 selectors as expected; not as expected: s-sel-a failed; 1 not run; evidence of 1 selector stale.\n');
    expect(text).toContain('- **As of:** 2031-01-02; evidence from 2025-10-19T20:58:32Z\n');
    expect(text).toContain('| s-sel-b |');
    expect(text).toContain('not run |');
    expect(text).toContain('**Stale evidence:**');
    expect(text).toContain('2 of 3 shown (size budget). Full log: [logs/s-sel-a.log](logs/s-sel-a.log)');
    expect(text).toContain('````text\nE1 ');
    expect(text).not.toContain('E2 x');
    const file = join(temp.dir, 'evidence.md');
    writeFileSync(file, text);
    expect((await lintMarkdown([file])).code).toBe(0);
  });

  test('log links are relative to the brief when the manifest lives elsewhere', async () => {
    const data = sentinelInput();
    const evidence = manifest([selectorEvidence({ id: 's-sel-a', run: data.selectors[0]!.run })]);
    const { text } = await prepareBrief(
      job(data, { evidence: { path: join(temp.dir, 'runs', 'e.json'), text: '{}', manifest: evidence }, verifyLogs: false }),
    );
    expect(text).toContain('[log](../runs/logs/s-sel-a.log)');
    expect(text).toContain('✓ 6 passed in 3.4s; [log]');
    expect(text).toContain('No failures.');
  });
});

describe('how the selectors ran (docs/evidence.md#how-selectors-are-run)', () => {
  const ran = (workers: Array<'shared' | 'own' | undefined>, sharedWorkers?: number): string | null =>
    describeExecution({ ...manifest(workers.map((worker, i) => selectorEvidence({ id: `s${i}`, worker }))), shared_workers: sharedWorkers });

  test('counts selectors in shared workers and in processes of their own', () => {
    expect(ran(['shared', 'shared', 'own', 'shared'], 2)).toBe('3 selectors in 2 shared workers, 1 in its own process');
    expect(ran(['shared'], 1)).toBe('1 selector in 1 shared worker');
    expect(ran(['shared', 'own', 'own'], 3)).toBe('1 selector in 3 shared workers, 2 in processes of their own');
    expect(ran(['own', 'own'], 0)).toBe('2 selectors, each in a pytest process of its own');
    expect(ran(['own'])).toBe('1 selector, in a pytest process of its own');
  });

  test('a manifest from before 0.2 (no worker fields) says nothing about it', () => {
    expect(ran([undefined, undefined])).toBeNull();
    expect(ran([])).toBeNull();
  });

  test('the evidence appendix has the line', async () => {
    const data = sentinelInput();
    const evidence = { ...manifest([selectorEvidence({ id: 's-sel-a', run: data.selectors[0]!.run, worker: 'shared' })]), shared_workers: 1 };
    const { text } = await prepareBrief(job(data, { evidence: { path: join(temp.dir, 'out', 'e.json'), text: '{}', manifest: evidence } }));
    expect(text).toContain('- **Run:** 2025-10-19T20:58:32Z by handoff-brief 0.1.0: 1 selector in 1 shared worker\n');
    const old = manifest([selectorEvidence({ id: 's-sel-a', run: data.selectors[0]!.run })]);
    const before = await prepareBrief(job(data, { evidence: { path: join(temp.dir, 'out', 'e.json'), text: '{}', manifest: old } }));
    expect(before.text).toMatch(/- \*\*Run:\*\* 2025-10-19T20:58:32Z by handoff-brief \S+\n/);
  });
});

describe('templates', () => {
  function writeTemplate(body: string, partials: Record<string, string> = {}): string {
    const dir = join(temp.dir, 'tpl');
    mkdirSync(join(dir, 'partials'), { recursive: true });
    writeFileSync(join(dir, 'mine.md.hbs'), body);
    for (const [name, text] of Object.entries(partials)) writeFileSync(join(dir, 'partials', `${name}.hbs`), text);
    return join(dir, 'mine.md.hbs');
  }

  test('a field the data lacks is an InputError naming the template, line, column and field', async () => {
    const path = writeTemplate('---\ndescription: test\n---\n# {{brief.title}}\n\nby {{brief.author}}\n');
    const error = await prepareBrief(job(minimalInput(), { template: path })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${path}:6:6: brief.author: the template names a field the data lacks: "brief.author"`);
  });

  test('an error inside a partial names the partial file', async () => {
    const path = writeTemplate('# {{brief.title}}\n{{> header}}\n', { header: '\nline two\n{{nope.deeper}}\n' });
    const error = (await prepareBrief(job(minimalInput(), { template: path })).catch((e: unknown) => e)) as InputError;
    expect(error.message).toBe(`${join(temp.dir, 'tpl', 'partials', 'header.hbs')}:3:3: nope.deeper: the template names a field the data lacks: "nope.deeper"`);
  });

  test('sibling partials override the package ones; the rest still come from the package', async () => {
    const path = writeTemplate('# {{brief.title}}\n{{> header}}\n{{> checklist}}\n', { header: '\nCUSTOM HEADER\n' });
    const data = minimalInput();
    data.checklist = [{ item: 'do it', done: false }];
    const { text } = await prepareBrief(job(data, { template: path }));
    expect(text).toContain('CUSTOM HEADER');
    expect(text).toContain('- [ ] do it');
  });

  test('an output pattern that leaves the output folder is an InputError', async () => {
    for (const output of ['../{{brief.id}}.md', '/etc/{{brief.id}}.md', 'a/../../x.md']) {
      const path = writeTemplate(`---\noutput: "${output}"\n---\n# x\n`);
      const error = (await prepareBrief(job(minimalInput(), { template: path })).catch((e: unknown) => e)) as InputError;
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:1: output: .*not a file inside the output folder`));
    }
    const path = writeTemplate('---\noutput: "briefs/{{brief.id}}-v1.md"\n---\n# x\n');
    const ok = await prepareBrief(job(minimalInput(), { template: path }));
    expect(ok.path).toBe(join(temp.dir, 'out', 'briefs', 'mini-v1.md'));
  });

  test('an unknown template name is a usage error listing the known ones', async () => {
    await expect(prepareBrief(job(minimalInput(), { template: 'nope' }))).rejects.toThrow(/no template named "nope" \(known: handoff\)/);
  });
});

describe('reproducibility', () => {
  test('same inputs and now give identical bytes; the hash follows the inputs', async () => {
    const a = await prepareBrief(job(sentinelInput()));
    const b = await prepareBrief(job(sentinelInput()));
    expect(b.text).toBe(a.text);
    expect(a.text.endsWith(`<!-- generated by handoff-brief ${TOOL_VERSION}; inputs sha256:${a.hash} -->\n`)).toBe(true);
    const changed = sentinelInput();
    const c = await prepareBrief({ ...job(changed), loaded: asLoaded(changed, join(temp.dir, 'in.yaml'), temp.dir, 'other text') });
    expect(c.hash).not.toBe(a.hash);
  });

  test('selector groups keep first-seen order; ungrouped come last', async () => {
    const data = sentinelInput();
    const base = data.selectors[1]!;
    data.selectors = [
      { ...base, id: 'u1' },
      { ...base, id: 'b1', group: 'beta' },
      { ...base, id: 'a1', group: 'alpha' },
      { ...base, id: 'b2', group: 'beta' },
    ];
    const { view } = await prepareBrief(job(data));
    expect(view.selectorGroups.map((g) => [g.heading, g.selectors.map((s) => s.id)])).toEqual([
      ['beta', ['b1', 'b2']],
      ['alpha', ['a1']],
      ['Ungrouped', ['u1']],
    ]);
  });
});

test('one selector "guards", two "guard" the hand-over', async () => {
  const one = sentinelInput();
  one.selectors = one.selectors.slice(0, 1);
  one.followups = [];
  expect((await prepareBrief(job(one))).text).toContain('1 pytest selector guards this hand-over.');
  const two = sentinelInput();
  two.selectors = [two.selectors[0]!, { ...two.selectors[0]!, id: 's-sel-twin' }];
  expect((await prepareBrief(job(two))).text).toContain('2 pytest selectors guard this hand-over.');
});

describe('each section alone is clean Markdown (no doubled blank lines)', () => {
  const ci = (over: Partial<NonNullable<HandoffInput['ci']>>): HandoffInput['ci'] => ({
    markers: [],
    retry_on: [],
    environment: [],
    requirements: [],
    setup: [],
    ...over,
  });
  const cases: Array<[string, Partial<HandoffInput>]> = [
    ['ci.environment only', { ci: ci({ environment: [{ name: 'X', value: '1' }] }) }],
    ['ci.markers only', { ci: ci({ markers: [{ name: 'slow' }] }) }],
    ['ci.skip_policy only', { ci: ci({ skip_policy: 'Skip when torch is absent.' }) }],
    ['ci.requirements only', { ci: ci({ requirements: ['Python 3.11+'] }) }],
    ['ci.retry_on only', { ci: ci({ retry_on: ['timeout'] }) }],
    ['ci.retries only', { ci: ci({ retries: 2 }) }],
    ['escalation without triggers', { escalation: { path: 'Ask the lead.', triggers: [] } }],
    ['escalation triggers only', { escalation: { triggers: [{ id: 'RT-1', when: 'slow' }] } }],
    ['plan extension only', { plan_extension: { recommend: true } }],
    ['open questions only', { open_questions: ['Why?'] }],
    ['notes only', { notes: 'Free *Markdown*.\n' }],
  ];
  test('no run of blank lines, and markdownlint passes on every one', async () => {
    const files: string[] = [];
    for (const [name, over] of cases) {
      const { text } = await prepareBrief(job({ ...minimalInput(), ...over }));
      expect([name, /\n\n\n/.test(text)]).toEqual([name, false]);
      const file = join(temp.dir, `${name.replace(/\W+/g, '-')}.md`);
      writeFileSync(file, text);
      files.push(file);
    }
    const lint = await lintMarkdown(files);
    expect(lint.output).not.toMatch(/MD\d{3}/);
    expect(lint.code).toBe(0);
  });
});

describe('small truths', () => {
  test('notes that open with their own heading get no second "## Notes"', async () => {
    const data = minimalInput();
    data.notes = '## Notes from the team\n\nKeep the canonical dataset.\n';
    const { text } = await prepareBrief(job(data));
    expect(text).toContain('\n## Notes from the team\n\nKeep the canonical dataset.\n');
    expect(text).not.toContain('## Notes\n');
    data.notes = 'Plain notes.\n';
    expect((await prepareBrief(job(data))).text).toContain('\n## Notes\n\nPlain notes.\n');
  });

  test('one selector: "1 pytest selector guards"; a retried selector lists each attempt', async () => {
    const data = sentinelInput();
    data.selectors = data.selectors.slice(0, 1);
    const evidence = manifest([
      selectorEvidence({
        id: 's-sel-a',
        run: data.selectors[0]!.run,
        outcome: 'flaky',
        met: false,
        attempts: 2,
        attempt_results: [
          { outcome: 'failed', exit_code: 1, duration_s: 1, counts: { passed: 5, failed: 1, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 } },
          { outcome: 'passed', exit_code: 0, duration_s: 1, counts: { passed: 6, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 } },
        ],
      }),
    ]);
    const { text } = await prepareBrief(job(data, { evidence: { path: join(temp.dir, 'out', 'e.json'), text: '{}', manifest: evidence }, verifyLogs: false }));
    expect(text).toContain('1 pytest selector guards this hand-over.');
    expect(text).toContain('✗ **flaky** (expected to pass): 6 passed in 3.4s; attempts: failed, passed;');
    expect(text).toContain('**Verdict:** 0 of 1 selector as expected; not as expected: s-sel-a flaky.');
  });
});
