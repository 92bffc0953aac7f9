/** XML annotation files (ELAN, NOVA) through fast-xml-parser: checked for well-formedness first, so a broken file is refused with its line. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { badRequest } from '../../contract/errors.js';
import type { EventFile } from './types.js';

/** An element: attributes under `@NAME`, child elements as arrays under their tag, text under `#text`. */
export interface XmlElement {
  [key: string]: XmlElement[] | string | undefined;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseAttributeValue: false,
  parseTagValue: false,
  alwaysCreateTextNode: true,
  ignoreDeclaration: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** The document's root element, which must be `rootTag`. */
export function readXml(file: EventFile, rootTag: string): XmlElement {
  const text = file.text.replace(/^\uFEFF/, '');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw badRequest(`${file.name} line ${valid.err.line}: not well-formed XML: ${valid.err.msg}`);
  const root = children(parser.parse(text) as XmlElement, rootTag)[0];
  if (!root) throw badRequest(`${file.name}: no <${rootTag}> element at its root`);
  return root;
}

export const children = (e: XmlElement, tag: string): XmlElement[] => (Array.isArray(e[tag]) ? (e[tag] as XmlElement[]) : []);

export const attr = (e: XmlElement, name: string): string | undefined => (typeof e[`@${name}`] === 'string' ? (e[`@${name}`] as string) : undefined);

export const textOf = (e: XmlElement): string => (typeof e['#text'] === 'string' ? (e['#text'] as string) : '');

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITY[c]);
