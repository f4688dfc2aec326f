// Loading Handlebars. The package's own templates are precompiled at build time
// (precompile.ts, run by scripts/build.mjs and bundled with the CLI), so a render with them
// needs only the small runtime build; the compiler is loaded only for a template that is not
// precompiled (a custom one, or one edited since the build). Both are the self-contained UMD
// builds: the package's main entry drags in `source-map`, which also makes compiling slower.
import { createHash } from 'node:crypto';
import type HandlebarsNamespace from 'handlebars';

export type HandlebarsEnv = typeof HandlebarsNamespace;
export type TemplateSpec = Parameters<HandlebarsEnv['template']>[0];

/** sha256 of the source a template spec was compiled from. */
export function hashSource(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('hex');
}

/** A package template's front matter, read at build time (the render then needs no YAML for it). */
export interface PrecompiledFrontMatter {
  description: string | null;
  output: string | null;
  /** Where the body starts, and how many lines come before it. */
  bodyOffset: number;
  bodyLineOffset: number;
}

export interface Precompiled {
  /** Handlebars specs by the sha256 of the source compiled. */
  specs: Record<string, TemplateSpec>;
  /** Front matter of the package templates by the sha256 of the whole template file. */
  frontMatter: Record<string, PrecompiledFrontMatter>;
}

let precompiled: Promise<Precompiled> | undefined;

/**
 * The build's precompiled templates, bundled into the CLI by scripts/build.mjs (which resolves
 * this import to the module it generates); empty when running from source (tests).
 */
export function loadPrecompiled(): Promise<Precompiled> {
  // @ts-expect-error -- generated at build time; there is no such file under src/.
  precompiled ??= import('./templates.precompiled.js').then(
    (mod: { default: Precompiled }) => mod.default,
    () => ({ specs: {}, frontMatter: {} }),
  );
  return precompiled;
}

export async function loadHandlebars(withCompiler: boolean): Promise<HandlebarsEnv> {
  const mod = (withCompiler
    ? // @ts-expect-error -- the UMD builds ship no type declarations; typed from the main entry.
      await import('handlebars/dist/handlebars.js')
    : // @ts-expect-error -- as above.
      await import('handlebars/dist/handlebars.runtime.js')) as { default: HandlebarsEnv };
  return mod.default;
}
