// The fast path for inputs that are valid, which is almost all of them: js-yaml parses about
// ten times faster than the `yaml` package's position-keeping document (README "Performance").
// Its result is trusted only when it is a plain tree that then passes validation; anything
// else (a syntax error, a tag, an anchor, a validation problem) goes through yaml-source.ts,
// which parses again keeping positions and is the only one that reports problems.
import { CORE_SCHEMA, load } from 'js-yaml';

/** The data of a YAML text, or undefined when only the precise parser should judge it. */
export function parseYamlQuickly(text: string): unknown {
  let data: unknown;
  try {
    // CORE_SCHEMA: the YAML 1.2 core types, as the `yaml` package reads them (no timestamps,
    // so `date: 2025-10-19` stays text); duplicate keys throw.
    data = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  return isPlainTree(data) ? data : undefined;
}

/**
 * No object reached twice. js-yaml shares one object for every alias of an anchor, so an
 * alias bomb is a small graph that walking would expand; it is refused here, at its first
 * repeat, and the precise parser reports it.
 */
function isPlainTree(root: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (seen.has(value)) return false;
    seen.add(value);
    if (Array.isArray(value)) stack.push(...value);
    else if (Object.getPrototypeOf(value) === Object.prototype) stack.push(...Object.values(value));
    else return false;
  }
  return true;
}
