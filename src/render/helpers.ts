// Handlebars helpers for the brief's templates. Each is a thin wrapper over text/ (Markdown
// cells, code spans, dates, durations); absent values (null) render as an empty string so a
// template can pass an optional field straight in.
import type { HelperDelegate } from 'handlebars';
import { formatDuration } from '../text/duration.js';
import { escapeTags, foldLines, formatCell, formatCode, formatFence } from '../text/markdown-format.js';
import { formatDate } from '../text/format-date.js';
import { dropEmptyColumns } from './table-columns.js';

/** Handlebars passes its `options` object as the last argument; drop it. */
function args(all: unknown[]): unknown[] {
  return all.slice(0, -1);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** A Markdown link; the target goes in angle brackets when it has spaces or parentheses. */
function formatLink(label: string, target: string): string {
  const safe = /[\s()<>]/.test(target) ? `<${target.replace(/[<>]/g, encodeURIComponent)}>` : target;
  return `[${label}](${safe})`;
}

/**
 * A Markdown image. Its alt text is plain text on one line: every character Markdown could read as
 * syntax there (brackets, `<`, emphasis, entities) is backslash-escaped, so it reads as typed.
 */
function formatImage(alt: string, target: string): string {
  return `!${formatLink(foldLines(alt).replace(/[\\[\]<>*_`&]/g, '\\$&'), target)}`;
}

export const helpers: Record<string, HelperDelegate> = {
  /**
   * `{{cell value}}`: one table cell, `|` escaped, newlines folded; arrays joined with ", ";
   * an empty value shows as `—` (an empty cell would also break markdownlint's table style).
   */
  cell: (...all: unknown[]) => formatCell(text(args(all)[0])) || '—',
  /** `{{oneline value}}`: newlines folded (list items, headings), `<tag>`-like text kept visible. */
  oneline: (...all: unknown[]) => escapeTags(foldLines(text(args(all)[0]))),
  /** `{{code value}}`: an inline code span that survives backticks inside. */
  code: (...all: unknown[]) => formatCode(text(args(all)[0])),
  /** `{{codes list}}`: each item as a code span, joined with ", ". */
  codes: (...all: unknown[]) => {
    const list = args(all)[0];
    return (Array.isArray(list) ? list : []).map((v) => formatCode(text(v))).join(', ');
  },
  /** `{{fence text "python"}}`: a fenced code block with a fence longer than any inside. */
  fence: (...all: unknown[]) => {
    const [body, info] = args(all);
    return formatFence(text(body), typeof info === 'string' ? info : 'text');
  },
  /** `{{duration seconds}}`: `90s`, `2m`, `1h30m`; '' for null. */
  duration: (...all: unknown[]) => {
    const value = args(all)[0];
    return typeof value === 'number' ? formatDuration(value) : '';
  },
  /** `{{date value "YYYY-MM-DD"}}`: a date or time in UTC (dayjs pattern). */
  date: (...all: unknown[]) => {
    const [value, pattern] = args(all);
    if (value === null || value === undefined) return '';
    return formatDate(value as string | Date, typeof pattern === 'string' ? pattern : undefined);
  },
  /** `{{link "log" path}}`. */
  link: (...all: unknown[]) => {
    const [label, target] = args(all);
    return formatLink(text(label), text(target));
  },
  /** `{{join list ", "}}`. */
  join: (...all: unknown[]) => {
    const [list, separator] = args(all);
    return (Array.isArray(list) ? list : []).map(text).join(typeof separator === 'string' ? separator : ', ');
  },
  /** `{{#if (eq a b)}}`. */
  eq: (...all: unknown[]) => {
    const [a, b] = args(all);
    return a === b;
  },
  /** `{{#if (or a b)}}`, with `#if`'s idea of truth: an empty list is false. */
  or: (...all: unknown[]) => args(all).some(isTruthy),
  /** `{{#if (not a)}}`, with `#if`'s idea of truth. */
  not: (...all: unknown[]) => !isTruthy(args(all)[0]),
  /** `{{joinLines a b}}`: the non-empty values, one per line (a shell block from parts). */
  joinLines: (...all: unknown[]) => args(all).map(text).filter((t) => t !== '').join('\n'),
  /**
   * `{{#table}}…{{/table}}`: the tables inside, without the columns that are empty (`—`) in every
   * row of every table with the same header there (the groups of one section keep one shape).
   */
  table(this: unknown, ...all: unknown[]) {
    const options = all[all.length - 1] as { fn: (context: unknown) => string };
    return dropEmptyColumns(options.fn(this));
  },
  /** `{{plural count "selector"}}` → `1 selector`, `3 selectors`. */
  plural: (...all: unknown[]) => {
    const [count, word] = args(all);
    return `${text(count)} ${text(word)}${count === 1 ? '' : 's'}`;
  },
  /** `{{image alt path}}`: `![alt](path)`. */
  image: (...all: unknown[]) => {
    const [alt, target] = args(all);
    return formatImage(text(alt), text(target));
  },
};

/** Handlebars' `#if` truth: like JavaScript's, except that an empty list is false. */
function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}
