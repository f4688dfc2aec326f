// The evidence manifest written by `handoff run` (SPEC §6) and read by `render --evidence`.

export type Outcome = 'passed' | 'skipped' | 'failed' | 'error' | 'no-tests' | 'timeout' | 'flaky';

export interface Counts {
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  xfailed: number;
  xpassed: number;
  deselected: number;
}

export interface FailureExcerpt {
  nodeid: string;
  /** First line of the failure message. */
  message: string;
  /** Head and tail of the traceback with an "N lines omitted" marker. */
  excerpt: string;
}

export interface SelectorEvidence {
  id: string;
  run: string;
  argv: string[];
  outcome: Outcome;
  expect: 'pass' | 'fail' | 'skip';
  met: boolean;
  exit_code: number | null;
  attempts: number;
  started_at: string;
  duration_s: number;
  counts: Counts;
  runtime_findings: string[];
  /** Relative to the manifest's folder. */
  log: string;
  log_sha256: string;
  junit: string | null;
  failures: FailureExcerpt[];
  /** sha256 of each test file the selector names, relative to the repo (stale detection). */
  files?: Record<string, string | null>;
  /** Run in a shared warm worker or in a pytest process of its own (SPEC §13); absent before 0.2. */
  worker?: 'shared' | 'own';
}

export interface EvidenceManifest {
  version: 1;
  generated_at: string;
  tool: { name: string; version: string };
  repo: { path: string; commit: string | null; dirty: boolean | null };
  environment: { python: string; pytest: string; platform: string };
  /** How many shared worker processes ran selectors (a fresh one after each timeout or crash); absent before 0.2. */
  shared_workers?: number;
  selectors: SelectorEvidence[];
}
