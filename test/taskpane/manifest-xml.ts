/** A minimal XML reader for the add-in manifest tests (the manifest is schema-validated first, so it is well formed). */
import { MANIFEST_XSD_DIR } from "../helpers/conformance";

export interface XmlElement {
  name: string;
  /** Name without its namespace prefix ("bt:Image" → "Image"). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  parent: XmlElement | null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!);

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, "").replace(/<!--[\s\S]*?-->/g, "");
  const root: XmlElement = { name: "#document", local: "#document", attrs: {}, children: [], text: "", parent: null };
  let current = root;
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const match of body.matchAll(token)) {
    const [, closing, name, attrText, selfClosing, text] = match;
    if (text !== undefined) {
      current.text += decode(text).trim();
      continue;
    }
    if (closing) {
      if (current.name !== name) throw new Error(`mismatched </${name}> inside <${current.name}>`);
      current = current.parent!;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const [, key, value] of attrText!.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[key!] = decode(value!);
    const element: XmlElement = {
      name: name!,
      local: name!.split(":").pop()!,
      attrs,
      children: [],
      text: "",
      parent: current,
    };
    current.children.push(element);
    if (!selfClosing) current = element;
  }
  if (current !== root) throw new Error(`unclosed <${current.name}>`);
  return root.children[0]!;
}

/** Every descendant (depth first) whose local name matches. */
export function findAll(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (child.local === local) found.push(child);
      walk(child);
    }
  };
  walk(element);
  return found;
}

export function findOne(element: XmlElement, local: string): XmlElement {
  const all = findAll(element, local);
  if (all.length !== 1) throw new Error(`expected one <${local}>, found ${all.length}`);
  return all[0]!;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error("not a PNG file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const XSD_DIR = MANIFEST_XSD_DIR;
const XSD_MAIN = "OfficeAppManifestV1_1.xsd";

/** Validates a manifest against the Office XSDs with xmllint (compiled to WebAssembly); returns the error lines. */
export async function validateManifest(
  xml: string,
  xsdDir = process.env.OFFICE_MANIFEST_XSD ?? XSD_DIR,
): Promise<string[]> {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { validateXML } = await import("xmllint-wasm");
  const schemas = readdirSync(xsdDir).filter((name) => name.endsWith(".xsd"));
  const result = await validateXML({
    xml: { fileName: "manifest.xml", contents: xml },
    schema: { fileName: XSD_MAIN, contents: readFileSync(join(xsdDir, XSD_MAIN), "utf8") },
    preload: schemas
      .filter((name) => name !== XSD_MAIN)
      .map((name) => ({ fileName: name, contents: readFileSync(join(xsdDir, name), "utf8") })),
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
