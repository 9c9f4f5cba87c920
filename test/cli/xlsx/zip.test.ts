/** The native zip writer: readable by JSZip, UTF-8 names, stored or deflated, deterministic. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as zlib from "node:zlib";
import JSZip from "jszip";
import { packZip, tableCrc32 } from "../../../src/cli/xlsx/zip";

describe("packZip", () => {
  const text = "<sheet>".repeat(5000) + "结果";
  const noise = randomBytes(4096);
  const entries = [
    { name: "[Content_Types].xml", data: Buffer.from(text, "utf8") },
    { name: "xl/worksheets/结果.xml", data: Buffer.from("<x/>") },
    { name: "xl/media/noise.bin", data: noise },
    { name: "empty.txt", data: new Uint8Array(0) },
  ];

  it("round-trips every entry through JSZip, compressing only what shrinks", async () => {
    const packed = packZip(entries);
    const zip = await JSZip.loadAsync(packed);
    assert.deepEqual(Object.keys(zip.files), entries.map((e) => e.name));
    for (const entry of entries) assert.deepEqual(Buffer.from(await zip.file(entry.name)!.async("uint8array")), Buffer.from(entry.data));
    assert.ok(packed.length < text.length / 10 + noise.length + 1000, "repetitive XML is deflated");
    // Central directory: method of the random entry is "stored" (0), the XML "deflated" (8).
    const methods = [...packed.toString("latin1").matchAll(/PK\x01\x02/g)].map((m) => packed.readUInt16LE(m.index! + 10));
    assert.deepEqual(methods, [8, 0, 0, 0], "tiny and random parts do not shrink: stored");
  });

  it("gives the same bytes for the same parts", () => {
    assert.deepEqual(packZip(entries), packZip(entries));
  });

  it("computes CRC-32 as zlib does (the fallback for Node before 20.15)", () => {
    assert.equal(tableCrc32(Buffer.from("hello")), 0x3610a686);
    assert.equal(tableCrc32(Buffer.from("123456789")), 0xcbf43926, "the CRC-32 check value");
    const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
    if (native) assert.equal(tableCrc32(noise), native(noise) >>> 0);
  });
});
