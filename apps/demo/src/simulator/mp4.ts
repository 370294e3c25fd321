import { paintGradient, paletteOf } from './png.ts';

/**
 * A small, valid MP4 (ISO-BMFF: `ftyp`, `mdat`, `moov`) with one uncompressed RGB24 video track
 * (QuickTime `raw ` sample entry): honest bytes any ISO-BMFF parser accepts, with no video encoder
 * to write. Each frame is the prompt's gradient, shifted a little so the clip visibly moves.
 */
export function encodeMp4(
  seed: string,
  options: { width?: number; height?: number; frames?: number; fps?: number } = {},
): Buffer {
  const { width = 96, height = 54, frames = 8, fps = 4 } = options;
  const [from, to] = paletteOf(seed);
  const frameBytes = width * height * 3;
  const pixels = Buffer.alloc(frameBytes * frames);
  for (let f = 0; f < frames; f++) {
    const frame = pixels.subarray(f * frameBytes, (f + 1) * frameBytes);
    const mix = f / Math.max(1, frames - 1);
    const shifted = to.map((c, i) => Math.round(c * (1 - mix) + (from[i] as number) * mix));
    paintGradient(frame, width, { x0: 0, y0: 0, width, height }, from, shifted);
  }
  const timescale = 1000;
  const duration = Math.round((frames * timescale) / fps);
  const ftyp = box('ftyp', ascii('isom'), u32(512), ascii('isom'), ascii('iso2'), ascii('mp41'));
  const mdat = box('mdat', pixels);
  const chunkOffset = ftyp.length + 8;
  const matrix = Buffer.concat([
    u32(0x10000),
    u32(0),
    u32(0),
    u32(0),
    u32(0x10000),
    u32(0),
    u32(0),
    u32(0),
    u32(0x40000000),
  ]);
  const mvhd = full(
    'mvhd',
    0,
    0,
    u32(0),
    u32(0),
    u32(timescale),
    u32(duration),
    u32(0x10000),
    u16(0x100),
    zeros(10),
    matrix,
    zeros(24),
    u32(2),
  );
  const tkhd = full(
    'tkhd',
    0,
    3,
    u32(0),
    u32(0),
    u32(1),
    u32(0),
    u32(duration),
    zeros(8),
    u16(0),
    u16(0),
    u16(0),
    u16(0),
    matrix,
    u32(width << 16),
    u32(height << 16),
  );
  const mdhd = full('mdhd', 0, 0, u32(0), u32(0), u32(timescale), u32(duration), u16(0x55c4), u16(0));
  const hdlr = full('hdlr', 0, 0, u32(0), ascii('vide'), zeros(12), Buffer.from('VideoHandler\0', 'latin1'));
  const vmhd = full('vmhd', 0, 1, u16(0), u16(0), u16(0), u16(0));
  const dinf = box('dinf', full('dref', 0, 0, u32(1), full('url ', 0, 1)));
  const name = Buffer.alloc(32);
  name.write('\x0binterlingua', 'latin1');
  const entry = box(
    'raw ',
    zeros(6),
    u16(1),
    zeros(16),
    u16(width),
    u16(height),
    u32(0x480000),
    u32(0x480000),
    u32(0),
    u16(1),
    name,
    u16(24),
    u16(0xffff),
  );
  const stbl = box(
    'stbl',
    full('stsd', 0, 0, u32(1), entry),
    full('stts', 0, 0, u32(1), u32(frames), u32(timescale / fps)),
    full('stsc', 0, 0, u32(1), u32(1), u32(frames), u32(1)),
    full('stsz', 0, 0, u32(frameBytes), u32(frames)),
    full('stco', 0, 0, u32(1), u32(chunkOffset)),
  );
  const moov = box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', vmhd, dinf, stbl))));
  return Buffer.concat([ftyp, mdat, moov]);
}

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(body.length + 8), ascii(type), body]);
}

function full(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...parts);
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value & 0xffff);
  return out;
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

function zeros(length: number): Buffer {
  return Buffer.alloc(length);
}
