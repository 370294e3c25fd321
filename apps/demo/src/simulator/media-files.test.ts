import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeMp4 } from './mp4.ts';
import { gradientPng, gridPng } from './png.ts';

/** The top-level ISO-BMFF boxes of a file: type and size. */
function boxes(file: Buffer): { type: string; size: number }[] {
  const out: { type: string; size: number }[] = [];
  for (let at = 0; at < file.length; ) {
    const size = file.readUInt32BE(at);
    out.push({ type: file.toString('latin1', at + 4, at + 8), size });
    if (size < 8) break;
    at += size;
  }
  return out;
}

describe('simulated media files', () => {
  it('writes PNGs with a valid signature, IHDR and deflated pixels, the same for the same prompt', () => {
    const png = gridPng('a fox');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const idat = png.indexOf('IDAT');
    const length = png.readUInt32BE(idat - 4);
    expect(inflateSync(png.subarray(idat + 4, idat + 4 + length)).length).toBe((512 * 3 + 1) * 512);
    expect(gridPng('a fox').equals(png)).toBe(true);
    expect(gradientPng('a fox').equals(gradientPng('a cat'))).toBe(false);
  });

  it('writes an MP4 whose boxes tile the file: ftyp, mdat, moov with a raw video track', () => {
    const mp4 = encodeMp4('waves', { width: 8, height: 4, frames: 2, fps: 2 });
    const top = boxes(mp4);
    expect(top.map((box) => box.type)).toEqual(['ftyp', 'mdat', 'moov']);
    expect(top.reduce((sum, box) => sum + box.size, 0)).toBe(mp4.length);
    expect(top[1]?.size).toBe(8 + 8 * 4 * 3 * 2);
    for (const type of ['mvhd', 'tkhd', 'mdhd', 'hdlr', 'stsd', 'raw ', 'stts', 'stsc', 'stsz', 'stco']) {
      expect(mp4.includes(Buffer.from(type, 'latin1'))).toBe(true);
    }
  });
});
