// The tool version: injected by the esbuild bundle (scripts/build.mjs); read from package.json
// when running from source (tests call the CLI in-process), so both say the same version.
import { readFileSync } from 'node:fs';

declare const __HANDOFF_VERSION__: string;

function fromPackage(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export const TOOL_VERSION: string = typeof __HANDOFF_VERSION__ === 'string' ? __HANDOFF_VERSION__ : fromPackage();
