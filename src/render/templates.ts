// Finding and reading templates. `--template` (or `brief.template`) is either a NAME, meaning
// templates/<name>.md.hbs shipped with the package, or a PATH to a .hbs file whose sibling
// `partials/` folder adds or overrides partials. The package's own partials always load first.
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, UsageError } from '../errors.js';
import { readFrontMatter } from '../text/front-matter.js';
import { hashSource, loadPrecompiled } from './handlebars.js';
import { checkTopMapping, locate, scalarSourceAt, type YamlSource } from '../text/yaml-document.js';

export interface TemplateFile {
  /** Partial name (file name without `.hbs` / `.md.hbs`), or the template's own name. */
  name: string;
  /** Absolute path. */
  path: string;
  /** Whole file text (hashed into the provenance comment). */
  text: string;
  /** The text after any front matter: what Handlebars compiles. */
  body: string;
  /** Lines before the body (front matter), added to Handlebars' line numbers in messages. */
  lineOffset: number;
}

export interface TemplateSet {
  main: TemplateFile;
  /** Package partials, then the custom template's partials (later ones override). */
  partials: TemplateFile[];
  description: string | null;
  /** Output file-name pattern from the front matter, e.g. `{{brief.id}}.md`; null: `<id>.md`. */
  output: string | null;
}

export const DEFAULT_TEMPLATE = 'handoff';

/**
 * The package's templates/ folder: next to dist/ in the built bundle (dist/*.js → ../templates),
 * two levels up when running from src/ (tests).
 */
export function findPackageTemplatesDir(): string {
  const candidates = ['../templates/', '../../templates/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(join(dir, `${DEFAULT_TEMPLATE}.md.hbs`))) ?? candidates[0]!;
}

export interface ResolveTemplateOptions {
  /** `--template`, else `brief.template`, else undefined (the default template). */
  spec?: string;
  /** Folder a PATH spec is relative to: cwd for --template, the input's folder for brief.template. */
  baseDir: string;
  /** How the spec is named in messages: `--template` or `brief.template`. */
  origin: string;
  packageDir?: string;
  /** Use front matter read at build time for a package template (default true; the build itself reads it). */
  precompiled?: boolean;
}

function isName(spec: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(spec);
}

function partialName(file: string): string {
  return basename(file).replace(/(\.md)?\.hbs$/, '');
}

async function readTemplateFile(path: string, name: string): Promise<TemplateFile> {
  const text = await readFile(path, 'utf8');
  return { name, path, text, body: text, lineOffset: 0 };
}

async function readPartials(dir: string): Promise<TemplateFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const files = entries.filter((f) => f.endsWith('.hbs')).sort();
  return Promise.all(files.map((f) => readTemplateFile(join(dir, f), partialName(f))));
}

/** Front matter of a template (gray-matter, the same YAML reading as inputs); a problem in it is an InputError on the template. */
async function readTemplateFrontMatter(file: TemplateFile, usePrecompiled: boolean): Promise<{ file: TemplateFile; data: Record<string, unknown>; source: YamlSource | null }> {
  const known = usePrecompiled ? (await loadPrecompiled()).frontMatter[hashSource(file.text)] : undefined;
  if (known) {
    const body = file.text.slice(known.bodyOffset);
    return { file: { ...file, body, lineOffset: known.bodyLineOffset }, data: { description: known.description, output: known.output }, source: null };
  }
  const front = await readFrontMatter(file.text);
  if (front.kind === 'none') return { file, data: {}, source: null };
  if (front.kind === 'problems') {
    throw new InputError(front.problems.map((p) => ({ file: file.path, line: p.line, col: p.col, path: 'front matter', message: p.message })));
  }
  const rest = { ...file, body: front.body, lineOffset: front.bodyLineOffset };
  if (front.source === null) return { file: rest, data: {}, source: null };
  const notMapping = checkTopMapping(front.source, 'description, output');
  if (notMapping) throw new InputError([{ file: file.path, ...notMapping, path: 'front matter', message: 'template front matter must be a mapping' }]);
  return { file: rest, data: front.data as Record<string, unknown>, source: front.source };
}

function optionalString(data: Record<string, unknown>, key: string, file: TemplateFile, source: YamlSource | null): string | null {
  const value = data[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  const at = source ? locate(source, [key]) : { line: findKeyLine(file.text, key), col: 1 };
  const written = source ? scalarSourceAt(source, [key]) : undefined;
  throw new InputError([
    { file: file.path, ...at, path: key, message: `expected text, got ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(value)}`}${written ? `; quote it (${JSON.stringify(written)})` : ''}` },
  ]);
}

/** 1-based line of `key:` in the front matter, or 1. */
export function findKeyLine(text: string, key: string): number {
  const index = text.split('\n').findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? 1 : index + 1;
}

export async function loadTemplateSet(options: ResolveTemplateOptions): Promise<TemplateSet> {
  const packageDir = options.packageDir ?? findPackageTemplatesDir();
  const spec = options.spec ?? DEFAULT_TEMPLATE;
  const mainPath = isName(spec) ? join(packageDir, `${spec}.md.hbs`) : resolve(options.baseDir, spec);
  if (!isName(spec) && existsSync(mainPath) && !statSync(mainPath).isFile()) {
    throw new UsageError(`${options.origin}: ${mainPath} is a folder; give a .hbs template file (or a template NAME)`);
  }
  if (!existsSync(mainPath)) {
    const known = await readdir(packageDir).catch(() => [] as string[]);
    const names = known.filter((f) => f.endsWith('.md.hbs')).map((f) => f.replace(/\.md\.hbs$/, ''));
    throw new UsageError(
      isName(spec)
        ? `${options.origin}: no template named "${spec}" (known: ${names.join(', ') || 'none'}); give a NAME or a path to a .hbs file`
        : `${options.origin}: template file not found: ${mainPath}`,
    );
  }
  const { file: main, data, source } = await readTemplateFrontMatter(await readTemplateFile(mainPath, partialName(mainPath)), options.precompiled !== false);
  const partials = await readPartials(join(packageDir, 'partials'));
  const ownDir = join(dirname(mainPath), 'partials');
  if (resolve(ownDir) !== resolve(packageDir, 'partials')) partials.push(...(await readPartials(ownDir)));
  return {
    main,
    partials,
    description: optionalString(data, 'description', main, source),
    output: optionalString(data, 'output', main, source),
  };
}
