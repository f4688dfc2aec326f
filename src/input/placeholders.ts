// The placeholder `handoff init` writes where the plan does not tell a field (`phase: TODO`).
// `validate` refuses an input that still holds one (exit 2, at its position), so a starting input
// cannot be published with "TODO" as its recipient; render and run still take it, for a draft.
import { isPlainObject, type Finding } from './describe-issues.js';
import type { FieldPath } from '../text/yaml-document.js';

export const PLACEHOLDER = 'TODO';

/** What each field init may leave as TODO asks for. */
const WHAT: Record<string, string> = {
  'brief.initiative': 'the initiative handing over',
  'brief.phase': 'the phase handing over, e.g. E3',
  'brief.recipient.initiative': 'the receiving initiative',
  'brief.recipient.phase': 'the receiving phase, e.g. D3',
};

/** Every value that is still the placeholder, anywhere in the raw data. */
export function findPlaceholders(data: unknown, path: FieldPath = []): Finding[] {
  if (typeof data === 'string') {
    if (data.trim() !== PLACEHOLDER) return [];
    const what = WHAT[path.filter((p) => typeof p === 'string').join('.')] ?? 'the value';
    return [{ path, message: `still the placeholder ${PLACEHOLDER} that handoff init wrote; fill in ${what}` }];
  }
  if (Array.isArray(data)) return data.flatMap((v, i) => findPlaceholders(v, [...path, i]));
  if (isPlainObject(data)) return Object.entries(data).flatMap(([k, v]) => findPlaceholders(v, [...path, k]));
  return [];
}
