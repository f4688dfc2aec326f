// Which links a page of the site may hold. Text from inputs, plans and logs can carry any URL;
// the site keeps only those that neither run code nor reach outside it by themselves: links
// within the page (#…), relative links (which the site resolves to its own files or drops),
// web pages (http, https) and mail addresses. `javascript:`, `data:`, `vbscript:`, `file:` and
// every other scheme are dropped, however they are spelled (case, entities, control characters,
// spaces). Pure.

export type LinkKind = 'fragment' | 'relative' | 'web' | 'mailto' | 'unsafe';

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** What a link is. `href` as a page would hold it (entities decoded). */
export function classifyLink(href: string): LinkKind {
  // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`).
  const bare = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (bare === '') return 'unsafe';
  if (bare.startsWith('#')) return 'fragment';
  // `//host/path`: another host over the page's own scheme (file:// or https://).
  if (bare.startsWith('//') || bare.startsWith('\\\\') || bare.startsWith('/\\') || bare.startsWith('\\/')) return 'unsafe';
  const scheme = SCHEME.exec(bare)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // A colon before the first slash that is not a scheme (`a b:c`) is still read as one by some
    // browsers; a relative link has none.
    const firstSlash = bare.search(/[/?#]/);
    const colon = bare.indexOf(':');
    return colon !== -1 && (firstSlash === -1 || colon < firstSlash) ? 'unsafe' : 'relative';
  }
  if (scheme === 'http' || scheme === 'https') return 'web';
  if (scheme === 'mailto') return 'mailto';
  return 'unsafe';
}

/** Whether a page may link to it as it is (a relative link is still resolved by the page). */
export function isAllowedLink(href: string): boolean {
  return classifyLink(href) !== 'unsafe';
}
