// Text and numbers as an SVG file holds them. Everything a chart writes goes through here, so a
// hostile selector id or outcome can never close a tag, open an attribute or bring in a reference,
// and the same number always gives the same characters (no locale, no float noise).

/** Characters XML 1.0 does not allow at all (a parser rejects the file): dropped. */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Anything escapeXml changes (surrogates too, valid pairs included: the slow path sorts them out). */
const SPECIAL = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an element's content or an attribute value in double quotes. */
export function escapeXml(text: string): string {
  // Most text is plain: checked once, returned as it is.
  if (!SPECIAL.test(text)) return text;
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * A coordinate: one decimal, no trailing `.0`, never `-0`. A whole number of tenths divided by
 * ten prints with at most one decimal (the shortest form that reads back the same).
 */
export function formatCoordinate(value: number): string {
  const tenths = Math.round(value * 10);
  return tenths === 0 ? '0' : String(tenths / 10);
}

/**
 * Seconds as a reader wants them: whole seconds from 10 s up, one decimal below, two below 1 s;
 * trailing zeros dropped (`36`, `3.4`, `0.05`).
 */
export function formatSeconds(seconds: number): string {
  const digits = seconds >= 10 ? 0 : seconds >= 1 ? 1 : 2;
  const text = seconds.toFixed(digits);
  return digits === 0 ? text : text.replace(/\.?0+$/, '') || '0';
}
