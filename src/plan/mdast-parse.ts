// The reference Markdown parser (micromark + GFM tables, mdast with exact source offsets).
// A module of its own so that only the commands that need it load it: the ledger always, the
// plan readers only when the fast table reader (find-tables.ts) declines a file.
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { maskBom } from './markdown.js';

export function parseMarkdown(text: string): Root {
  return fromMarkdown(maskBom(text), { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}
