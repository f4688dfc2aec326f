// The parts of a ledger (docs/fix_plan.md): items (a heading of any level `[ID] Title` and the
// blocks up to the next heading of the same or a higher level), a top-level `## Attempts
// History` of `### <time> — <title>` sections, and lines that look like an item heading broken
// by a stray character (`-### [ID] Title`), which Markdown reads as plain text.
import type { Code, Heading, Html, Root, RootContent } from 'mdast';
import { headingSource, walkNodes } from './markdown.js';

export interface LedgerItem {
  id: string;
  title: string;
  line: number;
  heading: Heading;
  /** Top-level nodes of the item, up to the next heading of the same or a higher level. */
  body: RootContent[];
}

export interface BrokenHeading {
  id: string;
  line: number;
  /** What breaks it, for the message: `a stray "-" before "###"`. */
  why: string;
  /** The heading as it should read. */
  fixed: string;
}

export interface HistorySection {
  heading: Heading;
  /** The `### <time> — <title>` headings and the blocks under each, in file order. */
  sections: { heading: Heading; time: string | null; title: string; body: RootContent[] }[];
  /** Blocks between the history heading and its first section. */
  intro: RootContent[];
}

export interface LedgerDoc {
  items: LedgerItem[];
  broken: BrokenHeading[];
  history: HistorySection | null;
}

const ITEM_HEADING = /^\[([^\]]+)\]\s*(.*)$/;
const HISTORY_HEADING = /^attempts history$/i;
const SECTION_HEADING = /^(\d{4}-\d{2}-\d{2}(?:T[\d:]+Z?)?)\s+[—–-]+\s+(.*)$/;
/** `-### [ID] …` (a stray character) or `###[ID] …` (no space): not a heading to Markdown. */
const BROKEN = /^[ \t]{0,3}([^#\s]?)(#{1,6})([ \t]*)\[([^\]\r\n]+)\](.*)$/;

export function readLedger(text: string, root: Root): LedgerDoc {
  const items: LedgerItem[] = [];
  let open: { item: LedgerItem; depth: number } | null = null;
  let history: HistorySection | null = null;
  // The history section is open from its heading to the next heading of its level or higher.
  let inHistory = false;
  for (const node of root.children) {
    if (node.type === 'heading') {
      if (open && node.depth <= open.depth) open = null;
      if (inHistory && history && node.depth <= history.heading.depth) inHistory = false;
      const source = headingSource(text, node);
      const m = ITEM_HEADING.exec(source);
      if (m) {
        const item: LedgerItem = { id: m[1]!.trim(), title: m[2] ?? '', line: node.position?.start.line ?? 0, heading: node, body: [] };
        items.push(item);
        open = { item, depth: node.depth };
        continue;
      }
      if (!open && !history && node.depth <= 2 && HISTORY_HEADING.test(source)) {
        history = { heading: node, sections: [], intro: [] };
        inHistory = true;
        continue;
      }
      if (inHistory && history && node.depth === history.heading.depth + 1) {
        const s = SECTION_HEADING.exec(source);
        history.sections.push({ heading: node, time: s?.[1] ?? null, title: (s?.[2] ?? source).trim(), body: [] });
        continue;
      }
    }
    open?.item.body.push(node);
    if (inHistory && history) {
      const last = history.sections[history.sections.length - 1];
      (last ? last.body : history.intro).push(node);
    }
  }
  return { items, broken: findBrokenHeadings(text, root), history };
}

/** Lines outside code and HTML that would be an item heading but for a stray character. */
function findBrokenHeadings(text: string, root: Root): BrokenHeading[] {
  if (!/[^#\s\n]#|#\[/.test(text)) return [];
  const skip = new Set<number>();
  for (const node of walkNodes(root)) {
    if (node.type !== 'code' && node.type !== 'html') continue;
    const { start, end } = (node as Code | Html).position ?? { start: { line: 0 }, end: { line: -1 } };
    for (let l = start.line; l <= end.line; l++) skip.add(l);
  }
  const broken: BrokenHeading[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = BROKEN.exec(line);
    if (!m || skip.has(i + 1)) return;
    const [, stray, hashes, space, id, rest] = m;
    if (stray === '' && space !== '') return; // a real heading
    const why = stray !== '' ? `a stray "${stray}" before "${hashes}"` : `no space after "${hashes}"`;
    broken.push({ id: id!.trim(), line: i + 1, why, fixed: `${hashes} [${id}]${rest}` });
  });
  return broken;
}
