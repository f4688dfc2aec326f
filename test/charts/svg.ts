// Reading a chart back as XML (fast-xml-parser), the way a browser or a screen reader would see
// its elements: every element with its attributes and text, in document order.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface SvgElement {
  name: string;
  attributes: Record<string, string>;
  /** The element's own text (title, desc, text). */
  text: string;
  /** The classes of the groups it sits in, outermost first. */
  groups: string[];
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Every element of a well-formed SVG, in document order; throws when it is not well-formed XML. */
export function readSvg(svg: string): SvgElement[] {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, processEntities: true }).parse(svg) as Ordered[];
  const out: SvgElement[] = [];
  const walk = (nodes: Ordered[], groups: string[]): void => {
    for (const node of nodes) {
      const name = Object.keys(node).find((k) => k !== ':@')!;
      if (name === '#text') continue;
      const children = node[name] as Ordered[];
      const attributes = node[':@'] ?? {};
      const text = children.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
      out.push({ name, attributes, text, groups });
      walk(children, name === 'g' ? [...groups, attributes.class ?? ''] : groups);
    }
  };
  walk(tree, []);
  return out;
}

/** The elements of one class (`rt-met`), inside a group of another (`rt-runs`) when given. */
export function byClass(elements: readonly SvgElement[], cls: string, group?: string): SvgElement[] {
  return elements.filter((e) => (e.attributes.class ?? '').split(' ').includes(cls) && (group === undefined || e.groups.includes(group)));
}
