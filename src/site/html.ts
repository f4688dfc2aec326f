// HTML built from text the user, a plan, a ledger or a test log wrote: every value is escaped
// unless it is already HTML made here. `html` is a tagged template whose interpolations are
// escaped (arrays are joined, SafeHtml passes through), so a page cannot forget to escape one.
// Pure.

/** HTML made by this folder: safe to put into a page as it is. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** `html\`<td>${text}</td>\``: each value escaped (null, undefined and false: nothing). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** HTML that was made safe elsewhere (the sanitised brief). */
export function trusted(text: string): SafeHtml {
  return new SafeHtml(text);
}
