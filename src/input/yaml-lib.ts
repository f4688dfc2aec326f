// The `yaml` package, loaded on first use. Valid inputs are read by the fast path
// (quick-parse.ts) and never need it; only problems, positions and the precise parse do. A
// synchronous require keeps `LoadedInput.positionOf` synchronous while leaving the package out
// of every start-up that does not need it (README "Performance").
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';

let loaded: typeof YamlModule | undefined;

export function yaml(): typeof YamlModule {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return loaded;
}
