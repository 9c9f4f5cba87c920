/** XML text escaping for the parts written by hand. */

/** Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return). */
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(text: string): string {
  return text
    .replace(INVALID_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * Text of an ST_Xstring (cell text, table column names, chart caches) that is already XML-escaped:
 * Excel reads "_xHHHH_" there as one character, so literal text of that shape gets its
 * underscore escaped ("_x005F_x0041_" reads back as "_x0041_", not "A").
 */
export function escapeXstring(escaped: string): string {
  return escaped.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1");
}

export function xstringText(text: string): string {
  return escapeXstring(xmlText(text));
}

export function xmlUnescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");
}

/** Attributes of the first start tag in `tag` ("<sheet name=... r:id=.../>"). */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    out.set(match[1]!, xmlUnescape(match[3] ?? match[4] ?? ""));
  }
  return out;
}

export interface ChildElement {
  /** Qualified name as written ("drawing", "x14:id"). */
  name: string;
  /** Offset of its start tag's "<". */
  start: number;
}

/**
 * The direct children of the document element, in order. A regular-expression search for a tag
 * would also find elements nested deeper (an <extLst> inside a <cfRule>).
 */
export function rootChildren(xml: string): ChildElement[] {
  const children: ChildElement[] = [];
  let depth = 0;
  // Comments, processing instructions and CDATA are skipped whole; tags are counted.
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<!DOCTYPE[^>]*>|<(\/?)([\w:.-]+)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
  for (const match of xml.matchAll(token)) {
    const [, close, name, selfClosing] = match;
    if (name === undefined) continue;
    if (close) {
      depth--;
      continue;
    }
    if (depth === 1) children.push({ name, start: match.index! });
    if (!selfClosing) depth++;
  }
  return children;
}
