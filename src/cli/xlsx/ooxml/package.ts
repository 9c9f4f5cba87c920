/**
 * An Open Packaging Conventions package (.xlsx): its parts, their relationships and content
 * types. Parts are held as bytes until read as XML trees (parsed once, serialized on packing);
 * large parts may be generated as a stream of text chunks, deflated as they come, so a sheet of
 * ten million cells never exists as one string. Zip reading and writing is fflate's.
 */
import { unzipSync, Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { childElements, element, parseXml, serializeXml, type XmlDocument } from "./xml";

export const REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
export const CONTENT_TYPES = "[Content_Types].xml";
/** Text chunks of a generated part, produced while it is packed. */
export type PartStream = () => Iterable<string>;

export interface Relationship {
  id: string;
  type: string;
  /** Target as written (relative to the source part's folder, or absolute, or an external URI). */
  target: string;
  /** The target part's path in the package ("xl/charts/chart1.xml"); "" for external targets. */
  path: string;
  external: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

export class OoxmlPackage {
  private readonly bytes = new Map<string, Uint8Array>();
  private readonly trees = new Map<string, XmlDocument>();
  private readonly streams = new Map<string, PartStream>();

  /** Reads a zip; throws on bytes that are not one. */
  static load(data: Uint8Array): OoxmlPackage {
    const pkg = new OoxmlPackage();
    for (const [name, content] of Object.entries(unzipSync(data)))
      if (!name.endsWith("/")) pkg.bytes.set(name, content);
    return pkg;
  }

  paths(): string[] {
    const all = new Set([...this.bytes.keys(), ...this.trees.keys(), ...this.streams.keys()]);
    return [...all];
  }

  has(path: string): boolean {
    return this.bytes.has(path) || this.trees.has(path) || this.streams.has(path);
  }

  /** A part's bytes (a parsed part serialized as it stands). */
  data(path: string): Uint8Array | undefined {
    const tree = this.trees.get(path);
    if (tree) return encoder.encode(serializeXml(tree));
    if (this.streams.has(path)) throw new Error(`internal: ${path} is generated while packing and cannot be read`);
    return this.bytes.get(path);
  }

  text(path: string): string | undefined {
    const tree = this.trees.get(path);
    if (tree) return serializeXml(tree);
    const data = this.data(path);
    return data ? decoder.decode(data) : undefined;
  }

  /** The part as a tree, parsed once; edits to it are written on packing. */
  xml(path: string): XmlDocument | undefined {
    const cached = this.trees.get(path);
    if (cached) return cached;
    const data = this.bytes.get(path);
    if (!data) return undefined;
    const tree = parseXml(decoder.decode(data), path);
    this.trees.set(path, tree);
    this.bytes.delete(path);
    return tree;
  }

  /** As xml(), for a part the package must have. */
  requireXml(path: string): XmlDocument {
    const tree = this.xml(path);
    if (!tree) throw new Error(`internal: the package has no ${path}`);
    return tree;
  }

  setData(path: string, data: Uint8Array): void {
    this.remove(path);
    this.bytes.set(path, data);
  }

  setText(path: string, text: string): void {
    this.setData(path, encoder.encode(text));
  }

  setXml(path: string, doc: XmlDocument): void {
    this.remove(path);
    this.trees.set(path, doc);
  }

  setStream(path: string, stream: PartStream): void {
    this.remove(path);
    this.streams.set(path, stream);
  }

  remove(path: string): void {
    this.bytes.delete(path);
    this.trees.delete(path);
    this.streams.delete(path);
  }

  // ---- relationships ----

  relationships(partPath: string): Relationship[] {
    const rels = this.xml(relsPathOf(partPath));
    if (!rels) return [];
    return childElements(rels.root, "Relationship").map((rel) => {
      const external = rel.attrs.TargetMode === "External";
      const target = rel.attrs.Target ?? "";
      return {
        id: rel.attrs.Id ?? "",
        type: rel.attrs.Type ?? "",
        target,
        external,
        path: external ? "" : resolvePath(partPath, target),
      };
    });
  }

  /** Adds a relationship from `partPath` to `targetPath` (a part of this package); returns its fresh id. */
  addRelationship(partPath: string, type: string, targetPath: string): string {
    const relsPath = relsPathOf(partPath);
    const rels = this.xml(relsPath) ?? {
      declaration: { version: "1.0", encoding: "UTF-8", standalone: "yes" },
      root: element("Relationships", { xmlns: REL_NS }),
    };
    const taken = new Set(childElements(rels.root, "Relationship").map((r) => r.attrs.Id));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    rels.root.children.push(
      element("Relationship", { Id: id, Type: type, Target: relativeTarget(partPath, targetPath) }),
    );
    this.setXml(relsPath, rels);
    return id;
  }

  // ---- content types ----

  /** The content type of a part: its Override, else the Default of its extension. */
  contentType(path: string): string | undefined {
    const types = this.xml(CONTENT_TYPES);
    if (!types) return undefined;
    const override = childElements(types.root, "Override").find((o) => o.attrs.PartName === `/${path}`);
    if (override) return override.attrs.ContentType;
    const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
    return childElements(types.root, "Default").find((d) => (d.attrs.Extension ?? "").toLowerCase() === ext)?.attrs
      .ContentType;
  }

  setOverride(path: string, contentType: string): void {
    const types = this.contentTypes();
    types.root.children = types.root.children.filter(
      (n) => !("name" in n && n.name === "Override" && n.attrs.PartName === `/${path}`),
    );
    types.root.children.push(element("Override", { PartName: `/${path}`, ContentType: contentType }));
  }

  /** A Default for this extension, unless there is one (Defaults come first in CT_Types). */
  ensureDefault(extension: string, contentType: string): void {
    const types = this.contentTypes();
    if (
      childElements(types.root, "Default").some(
        (d) => (d.attrs.Extension ?? "").toLowerCase() === extension.toLowerCase(),
      )
    )
      return;
    types.root.children.unshift(element("Default", { Extension: extension, ContentType: contentType }));
  }

  private contentTypes(): XmlDocument {
    const types = this.xml(CONTENT_TYPES);
    if (types) return types;
    const created: XmlDocument = {
      declaration: { version: "1.0", encoding: "UTF-8", standalone: "yes" },
      root: element("Types", { xmlns: CT_NS }),
    };
    this.setXml(CONTENT_TYPES, created);
    return created;
  }

  // ---- copying between packages ----

  /** "xl/charts/chart3.xml" taken → the lowest free number in that folder ("xl/charts/chart1.xml"...). */
  freePath(path: string): string {
    const dot = path.lastIndexOf(".");
    let stem = path.slice(0, dot);
    while (stem.length > 0 && stem[stem.length - 1]! >= "0" && stem[stem.length - 1]! <= "9") stem = stem.slice(0, -1);
    for (let n = 1; ; n++) {
      const candidate = `${stem}${n}${path.slice(dot)}`;
      if (!this.has(candidate)) return candidate;
    }
  }

  /**
   * Copies a part of `from` and, recursively, the parts it refers to, under free names, with their
   * relationships and content types; returns the new path of `path`. `copied` maps old → new paths.
   */
  copyPartFrom(from: OoxmlPackage, path: string, copied: Map<string, string>): string {
    const done = copied.get(path);
    if (done) return done;
    const data = from.data(path);
    if (!data) throw new Error(`the input workbook refers to a missing part ${path}`);
    const target = this.freePath(path);
    copied.set(path, target);
    this.setData(target, data);
    const type = from.contentType(path);
    if (type && this.contentType(target) !== type) this.setOverride(target, type);
    const rels = from.xml(relsPathOf(path));
    if (!rels) return target;
    const copy = structuredClone(rels);
    for (const rel of childElements(copy.root, "Relationship")) {
      if (rel.attrs.TargetMode === "External") continue;
      const newPath = this.copyPartFrom(from, resolvePath(path, rel.attrs.Target ?? ""), copied);
      rel.attrs.Target = relativeTarget(target, newPath);
    }
    this.setXml(relsPathOf(target), copy);
    return target;
  }

  // ---- packing ----

  /**
   * The zip, [Content_Types].xml first. Parts held are deflated whole at `level`; generated parts
   * chunk by chunk, at level 1. Fixed timestamps make the same workbook give the same bytes.
   */
  pack(level: DeflateLevel = 6): Uint8Array {
    return concat(this.packChunks(level));
  }

  /** As pack(), in the zip writer's chunks (a large workbook is never copied into one buffer). */
  packChunks(level: DeflateLevel = 6): Uint8Array[] {
    const chunks: Uint8Array[] = [];
    let failure: Error | null = null;
    let done = false;
    const zip = new Zip((error, chunk, final) => {
      if (error) failure = error;
      else chunks.push(chunk);
      if (final) done = true;
    });
    const names = this.paths().sort((a, b) => Number(b === CONTENT_TYPES) - Number(a === CONTENT_TYPES));
    const mtime = new Date(1980, 0, 1);
    for (const name of names) {
      const stream = this.streams.get(name);
      if (stream) {
        // Level 1: on sheet XML it deflates within a few per cent of level 6, in about half the time.
        const file = new ZipDeflate(name, { level: Math.min(level, 1) as 0 | 1 });
        file.mtime = mtime;
        zip.add(file);
        let pending = "";
        for (const piece of stream()) {
          pending += piece;
          if (pending.length >= 1 << 20) {
            file.push(encoder.encode(pending));
            pending = "";
          }
        }
        file.push(encoder.encode(pending), true);
        continue;
      }
      const data = this.data(name)!;
      // Parts that do not shrink (images, tiny parts) are stored.
      const file = data.length < 64 || isCompressed(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
      file.mtime = mtime;
      zip.add(file);
      file.push(data, true);
    }
    zip.end();
    if (failure) throw failure;
    if (!done) throw new Error("internal: the zip writer did not finish");
    return chunks;
  }
}

type DeflateLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function isCompressed(name: string): boolean {
  return /\.(png|jpe?g|gif|zip|bin|emf|wmf)$/i.test(name);
}

export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

export function resolvePath(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== ".") parts.push(segment);
  }
  return parts.join("/");
}

export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}
