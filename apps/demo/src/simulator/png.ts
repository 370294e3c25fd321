import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/** Encodes 8-bit RGB pixels (row-major, 3 bytes a pixel) as a PNG file: IHDR, one IDAT, IEND. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = width * 3;
  // Every scanline starts with its filter type; 0 (none) keeps the encoder trivial and deflate does the rest.
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgb.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Two colours derived from a text (the prompt): the same prompt always paints the same picture. */
export function paletteOf(text: string): [number[], number[]] {
  const hash = createHash('sha256').update(text).digest();
  return [
    [hash[0] as number, hash[1] as number, hash[2] as number],
    [hash[3] as number, hash[4] as number, hash[5] as number],
  ];
}

/** A diagonal gradient between two colours, written into `out` at (x0, y0) of an image `outWidth` wide. */
export function paintGradient(
  out: Uint8Array,
  outWidth: number,
  area: { x0: number; y0: number; width: number; height: number },
  from: number[],
  to: number[],
): void {
  const { x0, y0, width, height } = area;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height - 2 || 1);
      const at = ((y0 + y) * outWidth + x0 + x) * 3;
      for (let c = 0; c < 3; c++) out[at + c] = Math.round((from[c] as number) * (1 - t) + (to[c] as number) * t);
    }
  }
}

/** A PNG of one gradient, `size` pixels square, its colours taken from `seed`. */
export function gradientPng(seed: string, size = 256): Buffer {
  const [from, to] = paletteOf(seed);
  const rgb = new Uint8Array(size * size * 3);
  paintGradient(rgb, size, { x0: 0, y0: 0, width: size, height: size }, from, to);
  return encodePng(size, size, rgb);
}

/** A 2×2 grid PNG (each cell `cell` pixels), as Midjourney answers an imagine: cell n is `${seed}#n`. */
export function gridPng(seed: string, cell = 256): Buffer {
  const size = cell * 2;
  const rgb = new Uint8Array(size * size * 3);
  for (let n = 0; n < 4; n++) {
    const [from, to] = paletteOf(`${seed}#${n + 1}`);
    paintGradient(rgb, size, { x0: (n % 2) * cell, y0: Math.floor(n / 2) * cell, width: cell, height: cell }, from, to);
  }
  return encodePng(size, size, rgb);
}
