/**
 * S3's REST-XML bodies: writing the responses (namespace `http://s3.amazonaws.com/doc/2006-03-01/`)
 * and reading the few small request documents (versioning, Object Lock, retention, legal hold). The
 * reader takes elements and text only, which is all those documents hold; anything else is MalformedXML.
 */
import { errors } from './errors.ts';

/** One element to write: a name and its text, its child elements, or nothing (left out). */
export type XmlNode = [name: string, content: string | number | boolean | XmlNode[] | undefined];

/** A parsed element: its local name (namespace prefix dropped), child elements and text. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const namespace = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Escapes text for an element's content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

function write(nodes: XmlNode[]): string {
  return nodes
    .filter(([, content]) => content !== undefined)
    .map(([name, content]) =>
      Array.isArray(content)
        ? `<${name}>${write(content)}</${name}>`
        : `<${name}>${escapeXml(String(content))}</${name}>`,
    )
    .join('');
}

/** A whole response document with S3's declaration and namespace on its root. */
export function xmlDocument(root: string, children: XmlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${write(children)}</${root}>`;
}

/** An `<Error>` document, which S3 writes without a namespace. */
export function xmlError(children: XmlNode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${write(children)}</Error>`;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return String.fromCodePoint(name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return entities[name] ?? whole;
  });
}

/** Parses a request document; a broken one is S3's MalformedXML. */
export function parseXml(source: string): XmlElement {
  const body = source.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>)?/, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const root: XmlElement = { name: '', children: [], text: '' };
  const stack: XmlElement[] = [root];
  for (const match of body.matchAll(tag)) {
    const [, closing, qualified, , selfClosing, text, stray] = match;
    const top = stack.at(-1) ?? root;
    if (stray) throw errors.malformedXml();
    if (text !== undefined) {
      top.text += decode(text);
      continue;
    }
    const name = (qualified ?? '').slice((qualified ?? '').indexOf(':') + 1);
    if (closing) {
      if (stack.length < 2 || top.name !== name) throw errors.malformedXml();
      stack.pop();
      continue;
    }
    const element: XmlElement = { name, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  const [document] = root.children;
  if (stack.length !== 1 || !document || root.children.length !== 1 || root.text.trim() !== '')
    throw errors.malformedXml();
  return document;
}

/** The one child of that name, if any. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name);
}

/** The trimmed text of the child of that name, if any. */
export function childText(element: XmlElement | undefined, name: string): string | undefined {
  const found = child(element, name);
  return found === undefined ? undefined : found.text.trim();
}
