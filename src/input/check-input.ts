// Checks that need more than one field at a time: duplicate ids, follow-ups naming selectors
// that do not exist, `paths` on a cadence that is not on-change, guardrails that contradict each
// other. They read the raw data defensively (it may also have failed the schema), so every
// problem in a file is reported in one run.
import type { Problem } from '../errors.js';
import { closestName } from '../text/edit-distance.js';
import { isPlainObject, type Finding } from './describe-issues.js';
import { parseDuration } from './grammars.js';
import type { FieldPath } from '../text/yaml-document.js';
import type { LoadedInput } from './model.js';
import { parseSelectorCommand } from './selector-command.js';

type Entry = { value: Record<string, unknown>; path: FieldPath };

function entries(list: unknown, path: FieldPath): Entry[] {
  const found: Entry[] = [];
  if (!Array.isArray(list)) return found;
  list.forEach((value, i) => {
    if (isPlainObject(value)) found.push({ value, path: [...path, i] });
  });
  return found;
}

export function checkInput(data: unknown): Finding[] {
  if (!isPlainObject(data)) return [];
  const findings: Finding[] = [];
  const selectors = entries(data.selectors, ['selectors']);
  const followups = entries(data.followups, ['followups']);
  const triggers = isPlainObject(data.escalation) ? entries(data.escalation.triggers, ['escalation', 'triggers']) : [];
  findings.push(...checkUniqueIds(selectors, 'selector'), ...checkUniqueIds(followups, 'follow-up'), ...checkUniqueIds(triggers, 'trigger'));

  const selectorIds = [...new Set(selectors.map((s) => s.value.id).filter((id): id is string => typeof id === 'string'))];
  const known = new Set(selectorIds);
  for (const selector of selectors) {
    findings.push(...checkCollectOnly(selector));
    if (isPlainObject(selector.value.runtime)) findings.push(...checkGuardrails(selector.value.runtime, [...selector.path, 'runtime']));
  }
  for (const followup of followups) {
    const named = followup.value.selectors;
    if (Array.isArray(named)) {
      named.forEach((id, j) => {
        if (typeof id === 'string' && !known.has(id)) {
          findings.push({ path: [...followup.path, 'selectors', j], message: danglingMessage(id, selectorIds) });
        }
      });
    }
    const cadence = followup.value.cadence;
    if (followup.value.paths !== undefined && typeof cadence === 'string' && cadence !== 'on-change') {
      findings.push({ path: [...followup.path, 'paths'], message: `paths only apply to cadence: on-change (this follow-up is ${cadence}); remove them or change the cadence` });
    }
  }
  for (const flag of entries(data.flags, ['flags'])) {
    const { values, default: def } = flag.value;
    if (Array.isArray(values) && values.length > 0 && typeof def === 'string' && !values.includes(def)) {
      findings.push({ path: [...flag.path, 'default'], message: `"${def}" is not one of the flag's values (${values.join(', ')})` });
    }
  }
  return findings;
}

/** `expect: collect` and `collected:` belong to --collect-only selectors (docs/input-format.md), and only there. */
function checkCollectOnly({ value, path }: Entry): Finding[] {
  if (typeof value.run !== 'string') return [];
  const parsed = parseSelectorCommand(value.run);
  if (!parsed.ok) return [];
  const collectOnly = parsed.command.collectOnly;
  if (collectOnly && value.expect !== undefined && value.expect !== 'collect') {
    return [{ path: [...path, 'expect'], message: `a --collect-only selector can only expect collect (its default); remove expect: ${String(value.expect)}` }];
  }
  if (!collectOnly && value.expect === 'collect') {
    return [{ path: [...path, 'expect'], message: 'expect: collect needs a --collect-only selector; add --collect-only to run, or expect pass, fail or skip' }];
  }
  if (!collectOnly && value.collected !== undefined) {
    return [{ path: [...path, 'collected'], message: 'collected: applies to --collect-only selectors only; add --collect-only to run or remove it' }];
  }
  return [];
}

function checkUniqueIds(list: Entry[], what: string): Finding[] {
  const seen = new Map<string, FieldPath>();
  const findings: Finding[] = [];
  for (const { value, path } of list) {
    if (typeof value.id !== 'string') continue;
    const first = seen.get(value.id);
    if (first) findings.push({ path: [...path, 'id'], message: `duplicate ${what} id "${value.id}"; ${formatPath(first)} already uses it` });
    else seen.set(value.id, path);
  }
  return findings;
}

function danglingMessage(id: string, defined: string[]): string {
  const close = closestName(id, defined);
  const hint = close ? `; did you mean "${close}"?` : defined.length > 0 ? `; defined: ${defined.join(', ')}` : '; the input defines no selectors';
  return `no selector has id "${id}"${hint}`;
}

/** Guardrails must be ordered min ≤ warn ≤ max, with expected inside [min, max]. */
function checkGuardrails(runtime: Record<string, unknown>, path: FieldPath): Finding[] {
  const seconds = (key: string): number | undefined => {
    const v = runtime[key];
    return typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : undefined;
  };
  const findings: Finding[] = [];
  const order: Array<[string, string]> = [
    ['min', 'warn'],
    ['warn', 'max'],
    ['min', 'max'],
    ['min', 'expected'],
    ['expected', 'max'],
  ];
  for (const [low, high] of order) {
    const a = seconds(low);
    const b = seconds(high);
    if (a !== undefined && b !== undefined && a > b) {
      findings.push({ path: [...path, high], message: `${high} (${String(runtime[high])}) is below ${low} (${String(runtime[low])})` });
      break;
    }
  }
  return findings;
}

/** A problem at a field of the input, where the field (or the nearest part of its path) is written. */
export function problemAt(loaded: LoadedInput, path: FieldPath, message: string): Problem {
  return { file: loaded.file, ...loaded.positionOf(path), path: formatPath(path), message };
}

export function formatPath(path: FieldPath): string {
  return path.reduce<string>((acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}
