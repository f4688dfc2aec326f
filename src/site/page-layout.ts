// The frame of every page: one stylesheet and one script of the site's own, no font, no CDN.
// The Content-Security-Policy says so to the browser too: were anything from an input to slip
// through escaping, an inline script, an event attribute or a request elsewhere would still be
// refused.
import { html, type SafeHtml } from './html.js';

/** Nothing but the site's own files; no inline script or style, no frames, no forms sent anywhere. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

export interface PageOptions {
  title: string;
  /** The path from the page to the site's top: '' or '../'. */
  root: string;
  body: SafeHtml;
  /** The page sorts and filters its tables. */
  script: boolean;
}

export function renderPage(options: PageOptions): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<title>${options.title}</title>
<link rel="icon" href="${options.root}site-icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${options.root}site.css">
${options.script ? html`<script src="${options.root}site.js" defer></script>\n` : ''}</head>
<body>
${options.body}</body>
</html>
`;
  return page.text;
}
