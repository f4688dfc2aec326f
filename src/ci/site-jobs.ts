// The jobs `ci github --site` adds (issue 18): after the run (or the merge of its shards), one job
// builds the hand-over site from the run's artifact and the checkout (`handoff site`) and uploads
// it as an artifact; with --pages it also uploads it for GitHub Pages, and a deploy job publishes
// it, never from a pull request. Like the other jobs: constant scripts, values from env. Pure.

/** The Pages actions, at their current major versions. */
export const PAGES_ACTIONS = {
  uploadPagesArtifact: 'actions/upload-pages-artifact@v4',
  deployPages: 'actions/deploy-pages@v4',
} as const;

export interface SiteJobParts {
  /** The brief's id: the run's artifact is `handoff-<id>`, the site's `handoff-<id>-site`. */
  id: string;
  /** The job whose artifact holds the evidence: `run`, or `merge` when sharded. */
  after: 'run' | 'merge';
  pages: boolean;
  runner: string;
  /** The checkout step, the Node.js and handoff install steps (as the other jobs have them). */
  setupSteps: unknown[];
  /** How a step calls handoff (`npx --no-install handoff`, or the installed package's bin). */
  call: string;
  actions: { downloadArtifact: string; uploadArtifact: string };
  /** Turns a script's lines into the workflow's block scalar. */
  script: (...lines: string[]) => unknown;
}

const SITE = '${{ runner.temp }}/handoff-site';

export function siteJobs(parts: SiteJobParts): Record<string, unknown> {
  const site = {
    name: 'Build the hand-over site',
    needs: ['select', parts.after],
    // Also when a selector failed: that is when the site is read.
    if: "${{ !cancelled() && needs.select.outputs.count != '0' }}",
    'runs-on': parts.runner,
    'timeout-minutes': 10,
    steps: [
      ...parts.setupSteps,
      { uses: parts.actions.downloadArtifact, with: { name: `handoff-${parts.id}`, path: '${{ runner.temp }}/handoff' } },
      {
        name: 'handoff site',
        run: parts.script(`${parts.call} site "$HANDOFF_INPUT" --from "$RUNNER_TEMP/handoff" --out "$RUNNER_TEMP/handoff-site"`),
      },
      { uses: parts.actions.uploadArtifact, with: { name: `handoff-${parts.id}-site`, path: `${SITE}/` } },
      ...(parts.pages ? [{ uses: PAGES_ACTIONS.uploadPagesArtifact, with: { path: `${SITE}/` } }] : []),
    ],
  };
  if (!parts.pages) return { site };
  return {
    site,
    deploy: {
      name: 'Deploy the site to GitHub Pages',
      needs: 'site',
      // A pull request's run builds the site but never publishes it.
      if: "github.event_name != 'pull_request'",
      'runs-on': parts.runner,
      'timeout-minutes': 10,
      permissions: { pages: 'write', 'id-token': 'write' },
      environment: { name: 'github-pages', url: '${{ steps.deployment.outputs.page_url }}' },
      steps: [{ id: 'deployment', uses: PAGES_ACTIONS.deployPages }],
    },
  };
}
