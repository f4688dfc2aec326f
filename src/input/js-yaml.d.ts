// The part of js-yaml 4 that quick-parse.ts and render/templates.ts use (the package ships no types).
declare module 'js-yaml' {
  export const CORE_SCHEMA: unknown;
  export function load(text: string, options?: { schema?: unknown; json?: boolean; filename?: string }): unknown;
}
