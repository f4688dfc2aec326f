// Runs the templates over the view model. Handlebars runs in strict mode (a missing field
// throws instead of printing a blank) with HTML escaping off (the brief is Markdown: `&`, `<`
// and quotes come out as typed). Its errors are translated into InputErrors that name the
// template file, the line and the field.
import { createHash } from 'node:crypto';
import { isAbsolute, normalize, sep } from 'node:path';
import { InputError } from '../errors.js';
import { hashSource, loadHandlebars, loadPrecompiled, type HandlebarsEnv, type TemplateSpec } from './handlebars.js';
import { helpers } from './helpers.js';
import type { TemplateFile, TemplateSet } from './templates.js';
import { findKeyLine } from './templates.js';

export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

/** Marks an error with the innermost template file it came from. */
interface TemplateFault {
  templateFile?: TemplateFile;
}

type Compiled = (context: unknown, options?: object) => string;

function compileSource(hb: HandlebarsEnv, source: string, specs: Record<string, TemplateSpec>): Compiled {
  const spec = specs[hashSource(source)];
  return (spec ? hb.template(spec) : hb.compile(source, COMPILE_OPTIONS)) as Compiled;
}

function compileFile(hb: HandlebarsEnv, file: TemplateFile, specs: Record<string, TemplateSpec>): Compiled {
  const compiled = compileSource(hb, file.body, specs);
  return (context, options) => {
    try {
      return compiled(context, options);
    } catch (error) {
      const fault = error as TemplateFault;
      if (error instanceof Object && !fault.templateFile) fault.templateFile = file;
      throw error;
    }
  };
}

/** The field a strict-mode lookup failed on, read from the template source at the error. */
function readFieldAt(file: TemplateFile, line: number, column: number): string | null {
  const source = file.body.split('\n')[line - 1] ?? '';
  const match = /^[@\w./[\]-]+/.exec(source.slice(column));
  return match ? match[0] : null;
}

function toInputError(error: unknown, fallback: TemplateFile): InputError {
  const file = (error as TemplateFault).templateFile ?? fallback;
  const raw = error instanceof Error ? error.message : String(error);
  const e = error as { lineNumber?: number; column?: number };
  const missing = /^"([^"]+)" not defined in/.exec(raw);
  let line = e.lineNumber;
  let column = e.column;
  // Parse errors carry their position only in the message.
  const parseLine = /Parse error on line (\d+)/.exec(raw);
  if (line === undefined && parseLine) line = Number(parseLine[1]);
  const partial = /The partial (\S+) could not be found/.exec(raw);
  if (line === undefined && partial) {
    const index = file.body.split('\n').findIndex((l) => new RegExp(`{{~?>\\s*${partial[1]}\\b`).test(l));
    if (index !== -1) {
      line = index + 1;
      column = file.body.split('\n')[index]!.indexOf('{{');
    }
  }
  const field = missing && line !== undefined && column !== undefined ? readFieldAt(file, line, column) : null;
  // `{{shout title}}`: a name followed by arguments is a helper call, not a field lookup.
  const calledWithArgs =
    field !== null && /^\s+[^\s}~]/.test((file.body.split('\n')[line! - 1] ?? '').slice(column! + field.length));
  const message = !missing
    ? `template error: ${describeTemplateError(raw)}`
    : calledWithArgs
      ? `unknown helper "${field}" (helpers: ${Object.keys(helpers).join(', ')})`
      : `the template names a field the data lacks: "${field ?? missing[1]}"`;
  return new InputError([
    {
      file: file.path,
      line: (line ?? 1) + file.lineOffset,
      col: (column ?? 0) + 1,
      path: field ?? missing?.[1] ?? '',
      message,
    },
  ]);
}

export interface BriefRenderer {
  render(view: unknown): string;
  /** Expand an output-name pattern (`{{brief.id}}.md`) with the same helpers and data. */
  renderPattern(pattern: string, view: unknown): string;
}

/**
 * Compile a template set into a renderer: precompiled specs where the source matches one,
 * else the Handlebars compiler (which compiles lazily, at first render).
 */
export async function compileTemplates(set: TemplateSet): Promise<BriefRenderer> {
  const { specs } = await loadPrecompiled();
  const sources = [set.main.body, ...set.partials.map((p) => p.body), ...(set.output === null ? [] : [set.output])];
  const hb = (await loadHandlebars(sources.some((s) => !specs[hashSource(s)]))).create();
  hb.registerHelper(helpers);
  for (const partial of set.partials) {
    // A compiled function rather than the source, so errors inside say which partial failed.
    hb.registerPartial(partial.name, compileFile(hb, partial, specs) as unknown as string);
  }
  const main = compileFile(hb, set.main, specs);
  return {
    render(view) {
      try {
        return main(view);
      } catch (error) {
        throw toInputError(error, set.main);
      }
    },
    renderPattern(pattern, view) {
      try {
        return compileSource(hb, pattern, specs)(view);
      } catch (error) {
        throw new InputError([
          {
            file: set.main.path,
            line: findKeyLine(set.main.text, 'output'),
            col: 1,
            path: 'output',
            message: `output pattern "${pattern}": ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
          },
        ]);
      }
    },
  };
}

/**
 * The brief's file name inside the output folder: the template's `output` pattern, else
 * `<brief.id>.md`. A name that is absolute or climbs out of the folder is an InputError.
 */
export function resolveOutputName(set: TemplateSet, renderer: BriefRenderer, view: { brief: { id: string } }): string {
  if (set.output === null) return `${view.brief.id}.md`;
  const name = renderer.renderPattern(set.output, view).trim();
  const normal = normalize(name);
  const escapes =
    name === '' || isAbsolute(name) || /^[A-Za-z]:/.test(name) || name.includes('\0') ||
    normal === '.' || normal === '..' || normal.startsWith(`..${sep}`) || normal.startsWith('../') || name.endsWith('/');
  if (escapes) {
    throw new InputError([
      {
        file: set.main.path,
        line: findKeyLine(set.main.text, 'output'),
        col: 1,
        path: 'output',
        message: `output "${set.output}" gives "${name}", which is not a file inside the output folder`,
      },
    ]);
  }
  return normal.split(sep).join('/');
}

export interface HashPart {
  /** What the text is (`input:phase_e3.yaml`, `partial:header`); part of the hash. */
  label: string;
  text: string;
}

/** sha256 over labelled texts, each framed by its label and length so parts cannot run together. */
export function hashInputs(parts: readonly HashPart[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = Buffer.from(part.text, 'utf8');
    hash.update(`${part.label}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** The brief's last line: which tool built it, from which inputs. */
function formatProvenance(version: string, hash: string): string {
  return `<!-- generated by handoff-brief ${version}; inputs sha256:${hash} -->`;
}

/** Body + exactly one blank line + the provenance comment + a final newline. */
export function appendProvenance(body: string, version: string, hash: string): string {
  return `${body.replace(/\s+$/, '')}\n\n${formatProvenance(version, hash)}\n`;
}

/** Handlebars' message, on one line: "Parse error on line 1: … Expecting 'CLOSE', got 'INVALID'". */
function describeTemplateError(raw: string): string {
  const lines = raw.replace(/ - \d+:\d+$/, '').split('\n').filter((l) => l.trim() !== '');
  const first = lines[0] ?? raw;
  const last = lines[lines.length - 1] ?? '';
  return lines.length > 1 && /^(Expecting|Expected)/.test(last) ? `${first} ${last}` : first;
}
