/**
 * XML parts as trees: fast-xml-parser in preserveOrder mode (OOXML schemas fix the order of
 * child elements), converted to a small typed tree and back. Text and attribute values are held
 * decoded; escaping is done here on writing, so a carriage return survives (&#13;) and nothing
 * is escaped twice.
 */
import { XMLBuilder, XMLParser } from "fast-xml-parser";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | { text: string } | { comment: string } | { cdata: string };

export interface XmlDocument {
  /** The <?xml ...?> declaration's attributes, if the part had one. */
  declaration?: Record<string, string>;
  root: XmlElement;
}

/** fast-xml-parser's ordered form: one key per node (its name), attributes under ":@". */
type Ordered = Record<string, unknown> & { ":@"?: Record<string, string> };

const COMMON = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  textNodeName: "#text",
} as const;
const parser = new XMLParser({
  ...COMMON,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignorePiTags: false,
});
const builder = new XMLBuilder({
  ...COMMON,
  suppressEmptyNode: true,
  format: false,
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeText(String(value)),
  attributeValueProcessor: (_name: string, value: unknown) => escapeAttributeText(String(value)),
});

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function parseXml(text: string, what = "an XML part"): XmlDocument {
  const nodes = parser.parse(text) as Ordered[];
  let declaration: Record<string, string> | undefined;
  let root: XmlElement | undefined;
  for (const node of nodes) {
    const name = nameOf(node);
    if (name === "?xml") declaration = { ...(node[":@"] ?? {}) };
    else if (name !== undefined && !name.startsWith("?") && name !== "#comment" && name !== "#text")
      root = toElement(node, name);
  }
  if (!root) throw new Error(`${what} has no document element`);
  return { ...(declaration ? { declaration } : {}), root };
}

export function serializeXml(doc: XmlDocument): string {
  const body = builder.build([fromElement(doc.root)]) as string;
  return (doc.declaration ? XML_DECLARATION : "") + body;
}

function nameOf(node: Ordered): string | undefined {
  return Object.keys(node).find((key) => key !== ":@");
}

function toElement(node: Ordered, name: string): XmlElement {
  const children = ((node[name] as Ordered[] | undefined) ?? [])
    .map(toNode)
    .filter((n): n is XmlNode => n !== undefined);
  return { name, attrs: { ...(node[":@"] ?? {}) }, children };
}

function toNode(node: Ordered): XmlNode | undefined {
  const name = nameOf(node);
  if (name === undefined) return undefined;
  if (name === "#text") return { text: String(node[name]) };
  const inner = (node[name] as Ordered[] | undefined)?.[0]?.["#text"];
  if (name === "#comment") return { comment: String(inner ?? "") };
  if (name === "#cdata") return { cdata: String(inner ?? "") };
  if (name.startsWith("?")) return undefined;
  return toElement(node, name);
}

function fromElement(element: XmlElement): Ordered {
  const out: Ordered = { [element.name]: element.children.map(fromNode) };
  if (Object.keys(element.attrs).length > 0) out[":@"] = element.attrs;
  return out;
}

function fromNode(node: XmlNode): Ordered {
  if ("name" in node) return fromElement(node);
  if ("text" in node) return { "#text": node.text };
  if ("comment" in node) return { "#comment": [{ "#text": node.comment }] };
  return { "#cdata": [{ "#text": node.cdata }] };
}

// ---- navigation and editing ----

export function isElement(node: XmlNode): node is XmlElement {
  return "name" in node;
}

/** The local part of a qualified name ("x14:id" → "id"). */
export function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

export function childElements(parent: XmlElement, name?: string): XmlElement[] {
  return parent.children.filter((n): n is XmlElement => isElement(n) && (name === undefined || n.name === name));
}

export function firstChild(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((n): n is XmlElement => isElement(n) && n.name === name);
}

/** Every element of this name below `parent`, depth first. */
export function descendants(parent: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const child of parent.children) {
    if (!isElement(child)) continue;
    if (child.name === name) out.push(child);
    descendants(child, name, out);
  }
  return out;
}

/** The concatenated text of an element's own text children. */
export function textOf(element: XmlElement): string {
  return element.children.map((n) => ("text" in n ? n.text : "cdata" in n ? n.cdata : "")).join("");
}

export function setText(element: XmlElement, text: string): void {
  element.children = text === "" ? [] : [{ text }];
}

export function element(name: string, attrs: Record<string, string> = {}, children: XmlNode[] = []): XmlElement {
  return { name, attrs, children };
}

/**
 * Inserts `child` into `parent` before the first child whose name is in `before` (a schema's
 * sequence: the elements that must follow it), else at the end.
 */
export function insertBefore(parent: XmlElement, child: XmlElement, before: readonly string[]): void {
  const at = parent.children.findIndex((n) => isElement(n) && before.includes(n.name));
  if (at < 0) parent.children.push(child);
  else parent.children.splice(at, 0, child);
}

export function removeChildren(parent: XmlElement, keep: (child: XmlElement) => boolean): void {
  parent.children = parent.children.filter((n) => !isElement(n) || keep(n));
}

// ---- escaping, for parts written as text (chart XML, streamed rows) ----

/** Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return). */
function invalidXmlChar(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;" };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, "\n": "&#10;", "\t": "&#9;" };
/** The builder escapes quotes in attributes itself, after this. */
const BUILDER_ATTRIBUTE_ESCAPES: Record<string, string> = { ...ATTRIBUTE_ESCAPES, '"': '"' };

function escapeWith(text: string, table: Record<string, string>): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const replacement = table[ch] ?? (invalidXmlChar(text.charCodeAt(i)) ? "" : undefined);
    if (replacement === undefined) continue;
    out += text.slice(from, i) + replacement;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Element text: &, <, >, " escaped, a carriage return as a character reference, invalid characters dropped. */
export function escapeText(text: string): string {
  return escapeWith(text, TEXT_ESCAPES);
}

/** An attribute value (the builder escapes quotes itself; by hand, use xmlText). */
function escapeAttributeText(text: string): string {
  return escapeWith(text, BUILDER_ATTRIBUTE_ESCAPES);
}

/** Text for element content or a double-quoted attribute, in parts written as text. */
export function xmlText(text: string): string {
  return escapeWith(text, ATTRIBUTE_ESCAPES);
}

/**
 * Text of an ST_Xstring (cell text, table column names, chart caches): Excel reads "_xHHHH_"
 * there as one character, so literal text of that shape gets its underscore escaped
 * ("_x005F_x0041_" reads back as "_x0041_", not "A"). Works on raw or escaped text alike.
 */
export function escapeXstring(text: string): string {
  return text.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

export function xstringText(text: string): string {
  return escapeXstring(xmlText(text));
}
