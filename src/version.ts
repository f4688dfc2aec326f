// The tool version, injected by the esbuild bundle (scripts/build.mjs); tests run from source.
declare const __HANDOFF_VERSION__: string;

export const TOOL_VERSION: string = typeof __HANDOFF_VERSION__ === 'string' ? __HANDOFF_VERSION__ : '0.0.0-dev';
