/**
 * exceljs reads charts but does not write them back: an input sheet's drawing (its charts, with
 * their style, colour and image parts) is copied from the original package into the written one
 * under fresh part names, and linked to the same sheet again.
 */
import type JSZip from "jszip";
import { linkDrawing, worksheetPaths } from "./package";
import { attributes } from "./xml";

/** Returns one message per sheet, or sheet's drawing, that could not be carried over; `skip`: sheets not to carry over. */
export async function graftInputDrawings(original: JSZip, written: JSZip, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const warnings: string[] = [];
  const before = await worksheetPaths(original);
  const after = await worksheetPaths(written);
  const originalTypes = (await original.file("[Content_Types].xml")?.async("string")) ?? "";
  const added: string[] = [];
  for (const [name, originalSheet] of before) {
    if (skip.has(name)) continue;
    const writtenSheet = after.get(name);
    if (!writtenSheet) {
      const what = originalSheet.includes("chartsheets/") ? "chart sheet" : "sheet";
      warnings.push(`${what} "${name}" of the input workbook could not be kept (the .xlsx library cannot write it)`);
      continue;
    }
    const drawing = await drawingTarget(original, originalSheet);
    if (!drawing) continue;
    const sheetXml = (await written.file(writtenSheet)?.async("string")) ?? "";
    if (/<drawing\b/.test(sheetXml)) {
      // exceljs rewrote the drawing itself (pictures); only charts would be lost.
      if (!(await relationships(original, drawing)).some((r) => r.tag.includes("/relationships/chart\""))) continue;
      warnings.push(`sheet "${name}": its pictures were kept but its charts could not be carried over`);
      continue;
    }
    const copied = new Map<string, string>();
    const newDrawing = await copyPart(original, written, drawing, copied);
    for (const [from, to] of copied) added.push(contentTypeFor(originalTypes, from, to));
    await linkDrawing(written, writtenSheet, relativeTarget(writtenSheet, newDrawing));
  }
  if (added.length > 0) {
    const types = await written.file("[Content_Types].xml")!.async("string");
    const defaults = [...originalTypes.matchAll(/<Default\b[^>]*>/g)].map((m) => m[0])
      .filter((tag) => !types.includes(`Extension="${attributes(tag).get("Extension")}"`));
    written.file("[Content_Types].xml", types.replace(/(<Types\b[^>]*>)/, `$1${defaults.join("")}`).replace("</Types>", `${added.join("")}</Types>`));
  }
  return warnings;
}

export async function drawingTarget(zip: JSZip, sheetPath: string): Promise<string | undefined> {
  const sheet = (await zip.file(sheetPath)?.async("string")) ?? "";
  const id = /<drawing\b[^>]*r:id="([^"]+)"/.exec(sheet)?.[1];
  if (!id) return undefined;
  const rels = await relationships(zip, sheetPath);
  return rels.find((r) => r.id === id)?.path;
}

export interface Relationship { id: string; path: string; tag: string; external: boolean }

export async function relationships(zip: JSZip, partPath: string): Promise<Relationship[]> {
  const xml = await zip.file(relsPathOf(partPath))?.async("string");
  if (!xml) return [];
  return (xml.match(/<Relationship\b[^>]*>/g) ?? []).map((tag) => {
    const a = attributes(tag);
    const external = a.get("TargetMode") === "External";
    return { id: a.get("Id") ?? "", tag, external, path: external ? "" : resolvePath(partPath, a.get("Target") ?? "") };
  });
}

/** Copies a part and, recursively, the parts it refers to; returns the new path of `path`. */
export async function copyPart(from: JSZip, to: JSZip, path: string, copied: Map<string, string>): Promise<string> {
  const done = copied.get(path);
  if (done) return done;
  const file = from.file(path);
  if (!file) throw new Error(`the input workbook refers to a missing part ${path}`);
  const target = freeName(to, path);
  copied.set(path, target);
  to.file(target, await file.async("uint8array"));
  const rels = await relationships(from, path);
  if (rels.length === 0) return target;
  let xml = (await from.file(relsPathOf(path))!.async("string"));
  for (const rel of rels) {
    if (rel.external) continue;
    const newPath = await copyPart(from, to, rel.path, copied);
    xml = xml.replace(rel.tag, rel.tag.replace(/Target="[^"]*"/, `Target="${relativeTarget(target, newPath)}"`));
  }
  to.file(relsPathOf(target), xml);
  return target;
}

/** "xl/charts/chart3.xml" taken → "xl/charts/chart5.xml" (the next free number in that folder). */
function freeName(zip: JSZip, path: string): string {
  const match = /^(.*\/)?([^/]*?)(\d*)(\.[^./]+)$/.exec(path)!;
  const [dir, stem, ext] = [match[1] ?? "", match[2]!, match[4]!];
  for (let n = 1; ; n++) {
    const candidate = `${dir}${stem}${n}${ext}`;
    if (!zip.file(candidate)) return candidate;
  }
}

export function contentTypeFor(types: string, from: string, to: string): string {
  const tag = [...types.matchAll(/<Override\b[^>]*>/g)].map((m) => m[0]).find((t) => attributes(t).get("PartName") === `/${from}`);
  return tag ? `<Override PartName="/${to}" ContentType="${attributes(tag).get("ContentType")}"/>` : "";
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf("/");
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

function resolvePath(fromPart: string, target: string): string {
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
