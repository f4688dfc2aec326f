// Finding and reading templates. `--template` (or `brief.template`) is either a NAME, meaning
// templates/<name>.md.hbs shipped with the package, or a PATH to a .hbs file whose sibling
// `partials/` folder adds or overrides partials. The package's own partials always load first.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as loadYaml } from 'js-yaml';
import { InputError, UsageError } from '../errors.js';
import { splitFrontMatter } from '../text/front-matter.js';

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

/** Front matter of a template; a YAML error in it is an InputError on the template. */
function readFrontMatter(file: TemplateFile): { file: TemplateFile; data: Record<string, unknown> } {
  // Parsed with js-yaml, which the input loader's fast path already loads (the `yaml` package
  // is not loaded at all on a valid render). An unclosed block is not front matter.
  const split = splitFrontMatter(file.text);
  if (split.kind !== 'ok') return { file, data: {} };
  let data: unknown;
  try {
    data = loadYaml(split.yaml);
  } catch (error) {
    // js-yaml's mark is 0-based.
    const { mark, reason } = error as { mark?: { line: number; column: number }; reason?: string };
    throw new InputError([
      {
        file: file.path,
        line: (mark?.line ?? 0) + split.yamlLineOffset + 1,
        col: (mark?.column ?? 0) + 1,
        path: 'front matter',
        message: `template front matter is not valid YAML: ${reason ?? (error as Error).message.split('\n')[0]}`,
      },
    ]);
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new InputError([{ file: file.path, line: 2, col: 1, path: 'front matter', message: 'template front matter must be a mapping' }]);
  }
  return {
    file: { ...file, body: split.body, lineOffset: split.bodyLineOffset },
    data: (data ?? {}) as Record<string, unknown>,
  };
}

function optionalString(data: Record<string, unknown>, key: string, file: TemplateFile): string | null {
  const value = data[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  throw new InputError([
    { file: file.path, line: findKeyLine(file.text, key), col: 1, path: key, message: `expected a string, got ${typeof value}` },
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
  if (!existsSync(mainPath)) {
    const known = await readdir(packageDir).catch(() => [] as string[]);
    const names = known.filter((f) => f.endsWith('.md.hbs')).map((f) => f.replace(/\.md\.hbs$/, ''));
    throw new UsageError(
      isName(spec)
        ? `${options.origin}: no template named "${spec}" (known: ${names.join(', ') || 'none'}); give a NAME or a path to a .hbs file`
        : `${options.origin}: template file not found: ${mainPath}`,
    );
  }
  const { file: main, data } = readFrontMatter(await readTemplateFile(mainPath, partialName(mainPath)));
  const partials = await readPartials(join(packageDir, 'partials'));
  const ownDir = join(dirname(mainPath), 'partials');
  if (resolve(ownDir) !== resolve(packageDir, 'partials')) partials.push(...(await readPartials(ownDir)));
  return {
    main,
    partials,
    description: optionalString(data, 'description', main),
    output: optionalString(data, 'output', main),
  };
}
