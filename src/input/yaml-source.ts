// The bytes of an input file as text (UTF-8, binary files refused), and the flow-mapping comma
// trap explained. YAML itself is read by src/text/yaml-document.ts, front matter by
// src/text/front-matter.ts.
import { walkPath, type FieldPath, type SourceProblem, type YamlNode, type YamlSource } from '../text/yaml-document.js';

/** Decode UTF-8, refusing binary files; the position is that of the first offending byte. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problems: SourceProblem[] } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, problems: [{ line: 1, col: 1, message: 'the file is UTF-16 text; save the input as UTF-8' }] };
  }
  let bad = bytes.indexOf(0);
  let why = 'contains a NUL byte: this is a binary file, not YAML or Markdown text';
  if (bad === -1) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
    } catch {
      bad = firstInvalidUtf8(bytes);
      why = 'is not valid UTF-8 text (a binary file?); save the input as UTF-8';
    }
  }
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const lines = before.split('\n');
  return { ok: false, problems: [{ line: lines.length, col: (lines.at(-1)?.length ?? 0) + 1, message: `the file ${why}` }] };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest valid prefix, by bisection: a cut inside a character only shortens it a little.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * In a flow mapping `{topic: x, action: a, b c, status: open}` the comma ends `action`'s value
 * and `b c` becomes a key with no value. Explain that instead of just "unknown key".
 */
export function explainFlowCommaTrap(source: YamlSource, mapPath: FieldPath, key: string): string | undefined {
  const trail = walkPath(source, mapPath);
  const map = trail.length === mapPath.length + 1 ? trail.at(-1)?.node : undefined;
  if (map?.kind !== 'mapping' || !map.flow) return undefined;
  const index = map.pairs.findIndex((p) => p.key.kind === 'scalar' && String(p.key.value) === key);
  const pair = map.pairs[index];
  const previous = map.pairs[index - 1];
  if (!pair || !previous || !isEmpty(pair.value)) return undefined;
  const { key: prevKey, value: prevValue } = previous;
  const keyNode = pair.key;
  if (prevKey.kind !== 'scalar' || keyNode.kind !== 'scalar' || prevKey.start === -1 || prevValue.start === -1) return undefined;
  const joined = source.yamlText.slice(prevValue.start, keyNode.end);
  const name = source.yamlText.slice(prevKey.start, prevKey.end);
  return (
    `"${key}" became a key of its own: in a flow mapping {…} a comma splits the value, so ` +
    `${name}'s value stopped at the comma. Quote the value: ${name}: "${joined.replace(/"/g, '\\"')}"`
  );
}

/** A key with no value at all (`b c` in `{a: x, b c}`), not one whose value is written `~` or `null`. */
function isEmpty(node: YamlNode): boolean {
  return node.kind === 'scalar' && node.empty && node.start === -1;
}
