import { isAscii } from 'node:buffer';
import { decodeUtf8, view } from './bytes.ts';

/** Granularity (as a shift) of the lazily computed ASCII map of a chunk: 512-byte blocks. */
const BLOCK_SHIFT = 9;

/**
 * A byte buffer that events point into: one input chunk, or one line joined from several chunks.
 * Shared by all events from that buffer so text decoding work can be shared too.
 * @internal
 */
export class Segment {
  /** The bytes; events hold offsets into them. */
  readonly bytes: Uint8Array;
  /** The latin1 image of `bytes` used for scanning, when there is one (offsets equal byte offsets). */
  readonly latin1: string | undefined;
  /** Whether `bytes` is pure ASCII: -1 not yet known, 0 no, 1 yes. */
  private ascii: number;
  /** Per 512-byte block of a mixed chunk: 0 not yet known, 1 ASCII, 2 not. */
  private blocks: Uint8Array | undefined;

  constructor(bytes: Uint8Array, latin1: string | undefined) {
    this.bytes = bytes;
    this.latin1 = latin1;
    this.ascii = -1;
    this.blocks = undefined;
  }

  /** Decodes `bytes[start, end)` as UTF-8. */
  text(start: number, end: number): string {
    const latin1 = this.latin1;
    // For ASCII bytes the latin1 image is already the decoded text, and slicing it is O(1);
    // decoding a short range natively costs ~5x more. Whether a range is ASCII is looked up in
    // the whole-chunk flag, else in a per-block map filled on demand (one SIMD check per block).
    if (start === end) return '';
    if (latin1 === undefined) return decodeUtf8(this.bytes, start, end);
    let ascii = this.ascii;
    if (ascii < 0) ascii = this.ascii = isAscii(this.bytes) ? 1 : 0;
    if (ascii === 1 || this.rangeIsAscii(start, end)) return latin1.slice(start, end);
    return decodeUtf8(this.bytes, start, end);
  }

  private rangeIsAscii(start: number, end: number): boolean {
    const bytes = this.bytes;
    let blocks = this.blocks;
    if (blocks === undefined) blocks = this.blocks = new Uint8Array(((bytes.length - 1) >> BLOCK_SHIFT) + 1);
    const last = (end - 1) >> BLOCK_SHIFT;
    for (let b = start >> BLOCK_SHIFT; b <= last; b++) {
      let state = blocks[b];
      if (state === 0) {
        const from = b << BLOCK_SHIFT;
        const to = Math.min(bytes.length, from + (1 << BLOCK_SHIFT));
        state = blocks[b] = isAscii(view(bytes, from, to)) ? 1 : 2;
      }
      if (state === 2) return false;
    }
    return true;
  }
}
