// HandoffInput objects built in TypeScript, so the view model and templates can be tested
// without the input loader.
import type { EvidenceManifest, SelectorEvidence } from '../../src/evidence/manifest.js';
import type { HandoffInput, LoadedInput } from '../../src/input/model.js';

/** A small valid input: only the required fields. */
export function minimalInput(): HandoffInput {
  return {
    version: 1,
    brief: { id: 'mini', title: 'Mini brief', initiative: 'INIT-A', phase: 'P1', recipient: { initiative: 'INIT-B', phase: 'P2' } },
    flags: [],
    contract: [],
    selectors: [],
    coordination: [],
    ownership: [],
    followups: [],
    open_questions: [],
    plans: [],
    references: [],
    checklist: [],
  };
}

/**
 * Every field of docs/input-format.md set, each to a distinct sentinel (`S-<field>`), so a test can check
 * that each one reaches the brief.
 */
export function sentinelInput(): HandoffInput {
  return {
    version: 1,
    brief: {
      id: 's-brief-id',
      title: 'S-brief-title',
      initiative: 'S-brief-initiative',
      phase: 'S-brief-phase',
      recipient: { initiative: 'S-recipient-initiative', phase: 'S-recipient-phase' },
      template: 'handoff',
      stamp: '2031-01-02T030405Z',
      date: '2031-01-02',
    },
    repo: 'S-repo',
    purpose: 'S-purpose',
    flags: [{ name: 'S-flag-name', where: 'S-flag-where', values: ['S-flag-value-1', 'S-flag-value-2'], default: 'S-flag-default', notes: 'S-flag-notes' }],
    contract: ['S-contract'],
    selectors: [
      {
        id: 's-sel-a',
        run: 'pytest tests/S-sel-run.py -k S-sel-k',
        pytestArgs: ['tests/S-sel-run.py', '-k', 'S-sel-k'],
        files: ['tests/S-sel-run.py'],
        collectOnly: false,
        purpose: 'S-sel-purpose',
        group: 'S-sel-group',
        owner: 'S-sel-owner',
        markers: ['S-sel-marker'],
        expect: 'fail',
        timeout: 4321,
        runtime: { max: 11, warn: 12, expected: 13, tolerance: 14, min: 15 },
      },
      {
        id: 's-sel-b',
        run: 'pytest tests/other.py',
        pytestArgs: ['tests/other.py'],
        files: ['tests/other.py'],
        collectOnly: false,
        purpose: 'S-sel-b-purpose',
        markers: [],
        expect: 'skip',
      },
    ],
    ci: {
      markers: [{ name: 'S-ci-marker', meaning: 'S-ci-marker-meaning', registered: false }],
      timeout: 5432,
      retries: 7,
      retry_on: ['timeout', 'failure'],
      skip_policy: 'S-ci-skip-policy',
      environment: [{ name: 'S_CI_ENV', value: 'S-ci-env-value', why: 'S-ci-env-why' }],
      requirements: ['S-ci-requirement'],
      setup: ['S-ci-setup'],
    },
    coordination: [{ topic: 'S-coord-topic', with: 'S-coord-with', action: 'S-coord-action', status: 'agreed' }],
    ownership: [{ component: 'S-own-component', owner: 'S-own-owner', scope: 'S-own-scope', contact: 'S-own-contact' }],
    escalation: { path: 'S-esc-path', triggers: [{ id: 'S-trig-id', when: 'S-trig-when', response: 'S-trig-response', owner: 'S-trig-owner' }] },
    followups: [
      {
        id: 's-fu-id',
        check: 'S-fu-check',
        selectors: ['s-sel-a'],
        cadenceText: 'every 3 days',
        cadence: { kind: 'every', count: 3, unit: 'days' },
        paths: [],
        owner: 'S-fu-owner',
        expect: 'S-fu-expect',
      },
      {
        id: 's-fu-change',
        check: 'S-fu-change-check',
        selectors: [],
        cadenceText: 'on-change',
        cadence: { kind: 'on-change' },
        paths: ['S-fu-path.py'],
      },
      {
        id: 's-fu-next',
        check: 'S-fu-next-check',
        selectors: [],
        cadenceText: 'weekly',
        cadence: { kind: 'weekly' },
        paths: [],
        next: '2031-03-04',
      },
    ],
    plan_extension: { recommend: true, phase: 'S-ext-phase', reason: 'S-ext-reason' },
    open_questions: ['S-open-question'],
    plans: [{ file: 'S-plan-file.md', rows: ['S1'] }],
    references: [{ path: 'S-ref-path.md', anchor: 'S-ref-anchor', note: 'S-ref-note' }],
    checklist: [{ item: 'S-check-item', done: true }],
    notes: 'S-notes',
  };
}

/** Wrap an input as the loader would return it. */
export function asLoaded(data: HandoffInput, absPath: string, repoDir: string, text = JSON.stringify(data)): LoadedInput {
  return { file: absPath, absPath, text, data, repoDir, repoFrom: data.repo !== undefined ? 'input' : 'option', positionOf: () => ({ line: 1, col: 1 }) };
}

export function selectorEvidence(overrides: Partial<SelectorEvidence> & { id: string }): SelectorEvidence {
  return {
    run: `pytest tests/${overrides.id}.py`,
    argv: ['python3', '-m', 'pytest', `tests/${overrides.id}.py`],
    outcome: 'passed',
    expect: 'pass',
    met: true,
    exit_code: 0,
    attempts: 1,
    started_at: '2025-10-19T20:58:32Z',
    duration_s: 3.37,
    counts: { passed: 6, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0, deselected: 0 },
    runtime_findings: [],
    log: `logs/${overrides.id}.log`,
    log_sha256: 'ab'.repeat(32),
    junit: `logs/${overrides.id}.junit.xml`,
    failures: [],
    ...overrides,
  };
}

export function manifest(selectors: SelectorEvidence[]): EvidenceManifest {
  return {
    version: 1,
    generated_at: '2025-10-19T20:58:32Z',
    tool: { name: 'handoff-brief', version: '0.1.0' },
    repo: { path: '/repo', commit: '0123456789abcdef0123456789abcdef01234567', dirty: false },
    environment: { python: '3.11.7', pytest: '9.0.3', platform: 'linux-x86_64' },
    selectors,
  };
}
