// One file a publication writes (io/file-transaction.ts does the writing), as planning decides it.
import type { FileChange } from '../io/file-transaction.js';

export interface PlannedFile {
  change: FileChange;
  /** Repo-relative, for messages and the ledger. */
  shown: string;
  /** Text of a text file (for --dry-run diffs and idempotence). */
  text?: string;
  /** When the file on disk counts as this one already (the brief: all but its Generated line). */
  sameAs?: (onDisk: string, planned: string) => boolean;
}
