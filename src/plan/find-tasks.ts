// Where the task-list items of a Markdown file are (`- [ ] A1: text`, `1. [x] …`, nested items
// too), as source offsets. The two table readers of find-tables.ts find them in the same pass:
// the fast one from markdown-it's block tokens, the reference one from the mdast tree. Both
// take the item's text from the source, so they agree byte for byte.
import type { Heading, Node, Paragraph, Parent } from 'mdast';
import { findLineEnd, headingSource, startOffset, type CellSpan } from './markdown.js';

/** A list item whose first paragraph starts with `[c]` and whitespace; `c` is any one symbol. */
export interface RawTask {
  /** 1-based line of the `[c]` marker. */
  line: number;
  /** The symbol inside the brackets (a space for `[ ]`). */
  state: CellSpan;
  /** Offset just after the closing bracket. */
  after: number;
  /** The item's first paragraph after the marker, lines folded into one, trimmed. */
  text: string;
  /** List items around this one: 0 for a top-level item. */
  depth: number;
  /** Source of the nearest heading above, '' if none. */
  heading: string;
}

/** `[c]` at the start of a paragraph, followed by whitespace or its end: a task marker. */
const TASK_MARKER = /^\[([^[\]\s]\uFE0F?| )\](?=[ \t\r\n]|$)/u;
/** Before a task's `[`: indentation, blockquote markers and list markers only. */
const ITEM_PREFIX = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(?=\[)/;

/**
 * The fast reader's half: a paragraph token that opens a list item. `content` is markdown-it's
 * paragraph text; `firstLine`/`lastLine` are its 1-based lines. Returns null when it is no task,
 * 'decline' when the source does not line up with the token (the reference reader decides).
 */
export function readTaskToken(
  text: string,
  lineStarts: number[],
  content: string,
  firstLine: number,
  lastLine: number,
  depth: number,
  heading: string,
): RawTask | null | 'decline' {
  const marker = TASK_MARKER.exec(content);
  if (!marker) return null;
  const from = lineStarts[firstLine - 1] ?? 0;
  const prefix = ITEM_PREFIX.exec(text.slice(from, from + 200));
  if (!prefix) return 'decline';
  const open = from + prefix[0].length;
  if (!text.startsWith(marker[0], open)) return 'decline';
  const end = lastLine < lineStarts.length ? lineEndBefore(text, lineStarts[lastLine]!) : text.length;
  return makeTask(text, open, marker[1]!.length, end, firstLine, depth, heading);
}

/** The reference reader's half: every task item in an mdast tree, in document order. */
export function findTasksInTree(text: string, root: Node): RawTask[] {
  const tasks: RawTask[] = [];
  let heading = '';
  const visit = (node: Node, depth: number): void => {
    if (node.type === 'heading') heading = headingSource(text, node as Heading);
    const children = (node as Partial<Parent>).children;
    if (!children) return;
    if (node.type === 'listItem') {
      const first = children[0];
      if (first?.type === 'paragraph') {
        const task = readTaskParagraph(text, first as Paragraph, depth, heading);
        if (task) tasks.push(task);
      }
    }
    const inner = node.type === 'listItem' ? depth + 1 : depth;
    for (const child of children) visit(child, inner);
  };
  visit(root, 0);
  return tasks;
}

function readTaskParagraph(text: string, paragraph: Paragraph, depth: number, heading: string): RawTask | null {
  const open = startOffset(paragraph);
  const marker = TASK_MARKER.exec(text.slice(open, open + 8));
  if (!marker) return null;
  const end = lineEndBefore(text, findLineEnd(text, Math.max(open, (paragraph.position?.end.offset ?? 0) - 1)));
  return makeTask(text, open, marker[1]!.length, end, paragraph.position?.start.line ?? 0, depth, heading);
}

function makeTask(text: string, open: number, symbolLength: number, end: number, line: number, depth: number, heading: string): RawTask {
  const start = open + 1;
  const after = start + symbolLength + 1;
  const lineStart = text.lastIndexOf('\n', open) + 1;
  const crStart = text.lastIndexOf('\r', open) + 1;
  const col = open - Math.max(lineStart, crStart) + 2;
  return {
    line,
    state: { start, end: start + symbolLength, line, col },
    after,
    // Continuation lines lose their indentation and blockquote markers, as a renderer shows them.
    text: text.slice(after, end).replace(/[ \t]*(?:\r\n|\r|\n)[ \t>]*/g, ' ').trim(),
    depth,
    heading,
  };
}

/** `lineStart` is the start of a line; the offset where the previous line's text ends. */
function lineEndBefore(text: string, lineStart: number): number {
  let end = lineStart;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return end;
}
