// `ci github --site` and `--pages`: a job that builds the hand-over site from the run's artifact
// after the run (or the merge of the shards), uploads it, and with --pages deploys it to GitHub
// Pages, never from a pull request. actionlint-clean, like every workflow ci github writes.
import { ACTIONS } from '../../src/ci/github-workflow.js';
import { PAGES_ACTIONS } from '../../src/ci/site-jobs.js';
import { makeTempDir } from '../helpers/cli.js';
import { generate as generateWorkflow, inputText, lintWorkflow, type Generated } from './workflow-helpers.js';

const INPUT = inputText(
  'selectors:',
  '  - {id: smoke, run: pytest tests/test_smoke.py -q, purpose: the basics}',
  '  - {id: parity, run: pytest tests/test_parity.py -q, purpose: the two backends agree}',
  'followups:',
  '  - {id: nightly, check: Run everything, selectors: [smoke, parity], cadence: nightly}',
  'ci: {python: "3.11", setup: ["pip install pytest"], timeout: 2m}',
);

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('handoff-ci-site-');
});
afterEach(() => tmp.cleanup());

/** The workflow of INPUT in a PINNED_REPO, printed in process. */
const generate = (options: { site?: boolean; pages?: boolean; shards?: number }): Promise<Generated> => generateWorkflow(tmp.dir, INPUT, options);

test('without --site there is no site job', async () => {
  const { workflow } = await generate({});
  expect(Object.keys(workflow.jobs)).toEqual(['select', 'run']);
});

test('--site: after the run, a job builds the site from the run artifact and uploads it; actionlint finds nothing', async () => {
  const { text, workflow } = await generate({ site: true });
  expect(Object.keys(workflow.jobs)).toEqual(['select', 'run', 'site']);
  const site = workflow.jobs.site!;
  expect(site.needs).toEqual(['select', 'run']);
  expect(site.if).toBe("${{ !cancelled() && needs.select.outputs.count != '0' }}");
  expect(site.steps.map((s) => s.uses ?? s.name)).toEqual([ACTIONS.checkout, ACTIONS.setupNode, 'Install handoff', ACTIONS.downloadArtifact, 'handoff site', ACTIONS.uploadArtifact]);
  expect(site.steps[3]!.with).toEqual({ name: 'handoff-ci_test', path: '${{ runner.temp }}/handoff' });
  expect(site.steps[4]!.run).toBe('npx --no-install handoff site "$HANDOFF_INPUT" --from "$RUNNER_TEMP/handoff" --out "$RUNNER_TEMP/handoff-site"\n');
  expect(site.steps[5]!.with).toEqual({ name: 'handoff-ci_test-site', path: '${{ runner.temp }}/handoff-site/' });
  expect(text).toContain('# Regenerate it at the repository root with:  npx --no-install handoff ci github handoff.yaml --site\n');
  expect(await lintWorkflow(text)).toEqual([]);
});

test('--pages: the site is also deployed to GitHub Pages, not from a pull request, with the permissions Pages needs only there', async () => {
  const { text, stderr, workflow } = await generate({ pages: true, shards: 2 });
  expect(Object.keys(workflow.jobs)).toEqual(['select', 'shard', 'merge', 'site', 'deploy']);
  expect(workflow.jobs.site!.needs).toEqual(['select', 'merge']);
  expect(workflow.jobs.site!.steps.at(-1)).toEqual({ uses: PAGES_ACTIONS.uploadPagesArtifact, with: { path: '${{ runner.temp }}/handoff-site/' } });
  expect(workflow.jobs.deploy).toMatchObject({
    needs: 'site',
    if: "github.event_name != 'pull_request'",
    permissions: { pages: 'write', 'id-token': 'write' },
    environment: { name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' },
    steps: [{ id: 'deployment', uses: PAGES_ACTIONS.deployPages }],
  });
  // The rest of the workflow keeps read-only permissions.
  expect(workflow.permissions).toEqual({ contents: 'read' });
  expect(text).toContain('handoff ci github handoff.yaml --shards 2 --pages\n');
  expect(stderr).toContain('note: --pages: in the repository\'s Settings → Pages, set Source to GitHub Actions');
  expect(await lintWorkflow(text)).toEqual([]);
});
