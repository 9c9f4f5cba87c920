// Draws the add-in's ribbon and store icons (a green tile with three ranking bars) as real PNG files,
// using only Node's zlib, so that no image tool is needed: node scripts/make-icons.mjs
import { deflateSync } from "node:zlib";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const ICON_SIZES = [16, 32, 64, 80];
const TILE = [0x21, 0x73, 0x46]; // Excel green
const BAR = [0xff, 0xff, 0xff];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels of the icon at one size: rounded tile, three bars of falling height (1st, 2nd, 3rd). */
function drawIcon(size) {
  const px = new Uint8Array(size * size * 4);
  const radius = Math.max(2, Math.round(size * 0.18));
  const pad = Math.max(3, Math.round(size * 0.2));
  const inner = size - 2 * pad;
  const gap = Math.max(1, Math.round(inner * 0.12));
  const barWidth = Math.max(1, Math.floor((inner - 2 * gap) / 3));
  const heights = [1, 0.72, 0.45];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      // Distance outside the rounded corner decides transparency.
      const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
      const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
      const outside = Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - radius;
      if (outside > 0.5) continue;
      const alpha = outside > -0.5 ? Math.round((0.5 - outside) * 255) : 255;
      let colour = TILE;
      for (let b = 0; b < 3; b++) {
        const left = pad + b * (barWidth + gap);
        const top = pad + Math.round(inner * (1 - heights[b]));
        if (x >= left && x < left + barWidth && y >= top && y < size - pad) colour = BAR;
      }
      px.set([...colour, alpha], i);
    }
  }
  return px;
}

export function encodePng(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(process.cwd(), "assets");
  mkdirSync(dir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(dir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, drawIcon(size)));
    console.log(`wrote ${file}`);
  }
}
