// `handoff merge` (docs/ci.md), the pure part: check that shard manifests belong together (same
// input, same repo commit, each selector exactly once) and put them into one manifest, as one
// `run` of all those selectors would have written it, each selector noting its shard.
import type { Problem } from '../errors.js';
import type { Selector } from '../input/model.js';
import type { EvidenceManifest } from './manifest.js';
import { formatShard } from './shard.js';

export interface ManifestPart {
  /** How the file is named in messages. */
  file: string;
  manifest: EvidenceManifest;
}

export type MergeResult = { ok: true; manifest: EvidenceManifest; selectors: Selector[] } | { ok: false; problems: Problem[] };

function problem(file: string, message: string): Problem {
  return { file, line: 1, col: 1, path: '', message };
}

/**
 * @param inputSha sha256 of the input given to merge: every part must have been run from it.
 * @param selectors the input's selectors (their order is the merged manifest's order).
 */
export function mergeManifests(parts: readonly ManifestPart[], inputSha: string, inputFile: string, selectors: readonly Selector[]): MergeResult {
  const problems: Problem[] = [];
  for (const { file, manifest } of parts) {
    if (!manifest.input) problems.push(problem(file, 'records no input (made by handoff 0.1.0?); run the shards again with this version'));
    else if (manifest.input.sha256 !== inputSha) {
      problems.push(problem(file, `was made from another version of the input than ${inputFile} (input sha256 ${manifest.input.sha256.slice(0, 12)}…, this input ${inputSha.slice(0, 12)}…); run every shard from the same input`));
    }
  }
  const commits = new Set(parts.map((p) => p.manifest.repo.commit ?? 'no commit'));
  if (commits.size > 1) {
    problems.push(problem(parts[0]!.file, `the parts ran against different repo commits (${parts.map((p) => `${p.file}: ${(p.manifest.repo.commit ?? 'not a git repository').slice(0, 12)}`).join(', ')}); run every shard at the same commit`));
  }
  const counts = new Set(parts.map((p) => p.manifest.shard?.count ?? 1));
  if (counts.size > 1) problems.push(problem(parts[0]!.file, `the parts come from runs split differently (${parts.map((p) => `${p.file}: ${p.manifest.shard ? formatShard(p.manifest.shard) : 'not a shard'}`).join(', ')})`));
  const seenShard = new Map<number, string>();
  for (const { file, manifest } of parts) {
    if (!manifest.shard) continue;
    const earlier = seenShard.get(manifest.shard.index);
    if (earlier) problems.push(problem(file, `shard ${formatShard(manifest.shard)} was given twice: ${earlier} and ${file}`));
    else seenShard.set(manifest.shard.index, file);
  }
  // The selectors the sharded run covers: what its parts say (an --only run covers fewer than the input has).
  const expected = new Set(parts.find((p) => p.manifest.shard)?.manifest.shard?.selectors ?? selectors.map((s) => s.id));
  const from = new Map<string, string[]>();
  for (const { file, manifest } of parts) for (const s of manifest.selectors) from.set(s.id, [...(from.get(s.id) ?? []), file]);
  const doubled = [...from].filter(([, files]) => files.length > 1);
  for (const [id, files] of doubled) problems.push(problem(files[1]!, `selector "${id}" is in more than one part: ${files.join(', ')}`));
  const missing = [...expected].filter((id) => !from.has(id));
  if (missing.length > 0) problems.push(problem(inputFile, `no part has evidence for ${missing.map((id) => `"${id}"`).join(', ')}; merge every shard's manifest`));
  const bases = new Set(parts.map((p) => p.manifest.shard?.split).filter((b) => b !== undefined));
  if ((doubled.length > 0 || missing.length > 0) && bases.size > 1) {
    problems.push(problem(parts[0]!.file, `the shards were split from different last runs (${parts.map((p) => `${p.file}: ${p.manifest.shard?.split ?? 'unknown'}`).join('; ')}); run every shard with the same --out contents (an empty one is safest), or give every selector runtime.expected`));
  }
  const known = new Set(selectors.map((s) => s.id));
  const unknown = [...from.keys()].filter((id) => !known.has(id) || !expected.has(id));
  for (const id of unknown) problems.push(problem(from.get(id)![0]!, `selector "${id}" is not one this run covers (not in the input, or not in the shards' selection)`));
  if (problems.length > 0) return { ok: false, problems };

  const bySelector = new Map(parts.flatMap(({ manifest }) => manifest.selectors.map((s) => [s.id, { s, shard: manifest.shard }] as const)));
  const ordered = selectors.filter((s) => bySelector.has(s.id));
  const first = parts[0]!.manifest;
  // The newest part's time: the evidence was complete then.
  const generatedAt = parts.map((p) => p.manifest.generated_at).sort().at(-1)!;
  const merged: EvidenceManifest = {
    version: 1,
    generated_at: generatedAt,
    tool: first.tool,
    ...(first.input ? { input: first.input } : {}),
    repo: mergeRepo(parts.map((p) => p.manifest.repo)),
    environment: first.environment,
    ...(parts.some((p) => p.manifest.shared_workers !== undefined) ? { shared_workers: parts.reduce((n, p) => n + (p.manifest.shared_workers ?? 0), 0) } : {}),
    selectors: ordered.map((s) => {
      const { s: evidence, shard } = bySelector.get(s.id)!;
      return shard ? { ...evidence, shard: formatShard(shard) } : evidence;
    }),
  };
  return { ok: true, manifest: merged, selectors: ordered };
}

/** One repo for the parts (one commit, checked above): dirty when any part was, with every part's changed paths. */
function mergeRepo(repos: readonly EvidenceManifest['repo'][]): EvidenceManifest['repo'] {
  const first = repos[0]!;
  const dirtyParts = repos.filter((r) => r.dirty === true);
  const { changed: _changed, changed_count: _count, ...rest } = first;
  if (dirtyParts.length === 0) return rest;
  const changed = [...new Set(dirtyParts.flatMap((r) => r.changed ?? []))];
  const counted = dirtyParts.some((r) => r.changed_count !== undefined);
  return {
    ...rest,
    dirty: true,
    ...(counted ? { changed: changed.slice(0, 20), changed_count: Math.max(changed.length, ...dirtyParts.map((r) => r.changed_count ?? 0)) } : {}),
  };
}
