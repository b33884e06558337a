// Draws build/icon.png (512x512): three nodes wired left to right on a dark
// rounded square, the middle one with a loop (a recurrent cell). Pure Node,
// no image library: shapes by signed distance, anti-aliased, written as PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 512;
const px = new Float32Array(N * N * 4);

const mix = (i, [r, g, b], a) => {
  if (a <= 0) return;
  const k = i * 4;
  const keep = 1 - a;
  px[k] = px[k] * keep + r * a;
  px[k + 1] = px[k + 1] * keep + g * a;
  px[k + 2] = px[k + 2] * keep + b * a;
  px[k + 3] = px[k + 3] * keep + 255 * a;
};
const cover = (d) => Math.max(0, Math.min(1, 0.5 - d));

function paint(color, distance) {
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) mix(y * N + x, color, cover(distance(x + 0.5, y + 0.5)));
}
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
  const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
  return Math.hypot(dx, dy) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - w / 2;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) - w / 2;
};

const BG = [22, 25, 31];
const WIRE = [120, 200, 255];
const NODE = [245, 247, 250];
const CELL = [255, 170, 60];

paint(BG, roundRect(24, 24, 488, 488, 96));
paint(WIRE, segment(120, 300, 256, 300, 18));
paint(WIRE, segment(256, 300, 392, 300, 18));
// The recurrence: a loop leaving the cell and coming back into it.
paint(CELL, ring(256, 214, 62, 18));
paint(BG, circle(256, 300, 58));
paint(NODE, circle(120, 300, 40));
paint(CELL, circle(256, 300, 52));
paint(NODE, circle(392, 300, 40));

function png(width, height, rgba) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let i = 0; i < width * 4; i++) raw[y * (width * 4 + 1) + 1 + i] = Math.round(rgba[y * width * 4 + i]);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Colours were mixed with straight alpha over a transparent start: un-premultiply.
for (let i = 0; i < N * N; i++) {
  const a = px[i * 4 + 3] / 255;
  if (a > 0) for (let c = 0; c < 3; c++) px[i * 4 + c] /= a;
}
writeFileSync(new URL('./icon.png', import.meta.url), png(N, N, px));
console.log('wrote build/icon.png');
