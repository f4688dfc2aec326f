// Checks of the project's Markdown documentation, in process: every relative link and image in
// the given files resolves to a file of the repository (and a `#fragment` to a heading of its
// target), and markdownlint passes with the repository's `.markdownlint.jsonc`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import MarkdownIt from 'markdown-it';
import { main as markdownlintCli2 } from 'markdownlint-cli2';

type Token = ReturnType<MarkdownIt['parse']>[number];

const markdown = new MarkdownIt();

/** README.md and every `.md` under docs/, as paths relative to `root`, sorted. */
export function docFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name).split(sep).join('/'));
  return ['README.md', ...docs.sort()];
}

export interface BrokenLink {
  file: string;
  line: number;
  target: string;
  problem: string;
}

/**
 * Every relative link and image in `files` (relative to `root`) whose target is not a file or
 * folder of the repository, or whose `#fragment` names no heading of its Markdown target.
 * Targets under git-ignored top folders (out/, dist/, node_modules/) count as missing: a fresh
 * clone does not have them.
 */
export function findBrokenLinks(root: string, files: string[]): BrokenLink[] {
  const ignored = ignoredTopFolders(root);
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (file: string): Set<string> => {
    let found = anchorsOf.get(file);
    if (!found) anchorsOf.set(file, (found = headingAnchors(readFileSync(file, 'utf8'))));
    return found;
  };
  const broken: BrokenLink[] = [];
  for (const file of files) {
    const path = resolve(root, file);
    for (const { target, line } of linksIn(readFileSync(path, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const hash = target.indexOf('#');
      const pathPart = decodeURI(hash < 0 ? target : target.slice(0, hash));
      const fragment = hash < 0 ? null : decodeURIComponent(target.slice(hash + 1));
      const resolved = pathPart === '' ? path : resolve(dirname(path), pathPart);
      const inRepo = relative(root, resolved).split(sep);
      const report = (problem: string) => broken.push({ file, line, target, problem });
      if (inRepo[0] === '..' || resolved === root && pathPart.startsWith('/')) report('points outside the repository');
      else if (ignored.has(inRepo[0]!)) report(`points into ${inRepo[0]}/, which git ignores: a fresh clone has no such file`);
      else if (!existsSync(resolved)) report('no such file');
      else if (fragment !== null && resolved.endsWith('.md') && statSync(resolved).isFile() && !anchors(resolved).has(fragment)) {
        report(`no heading with the anchor #${fragment} in ${relative(root, resolved).split(sep).join('/')}`);
      }
    }
  }
  return broken;
}

/** Links and images of a Markdown text, with the line each is on (1-based). */
function linksIn(text: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  for (const token of markdown.parse(text, {})) {
    if (token.type !== 'inline' || !token.children) continue;
    const line = (token.map?.[0] ?? 0) + 1;
    for (const child of token.children) {
      const target = child.type === 'link_open' ? child.attrGet('href') : child.type === 'image' ? child.attrGet('src') : null;
      if (target !== null) found.push({ target, line });
    }
  }
  return found;
}

/** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as dashes, -1, -2 for repeats. */
export function headingAnchors(text: string): Set<string> {
  const tokens = markdown.parse(text, {});
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  tokens.forEach((token, i) => {
    if (token.type !== 'heading_open') return;
    const slug = slugOf(plainText(tokens[i + 1]));
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  });
  return anchors;
}

function plainText(inline: Token | undefined): string {
  return (inline?.children ?? []).map((c) => (c.type === 'text' || c.type === 'code_inline' ? c.content : '')).join('');
}

function slugOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Top-level folders .gitignore names as `name/`. */
function ignoredTopFolders(root: string): Set<string> {
  const lines = existsSync(join(root, '.gitignore')) ? readFileSync(join(root, '.gitignore'), 'utf8').split('\n') : [];
  return new Set(lines.map((l) => /^\/?([\w.-]+)\/$/.exec(l.trim())?.[1]).filter((name): name is string => !!name));
}

/** markdownlint-cli2 on `files` (relative to `root`) with the repository's config: its exit code and what it printed. */
export async function lintDocs(root: string, files: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await markdownlintCli2({
    directory: root,
    argv: ['--config', join(root, '.markdownlint.jsonc'), ...files.map(literalGlob)],
    logMessage: () => {},
    logError: (message: string) => lines.push(message),
  });
  return { code, output: lines.join('\n') };
}

/** markdownlint-cli2 reads its arguments as globs: a `:` prefix makes a path literal. */
function literalGlob(file: string): string {
  return `:${file}`;
}
