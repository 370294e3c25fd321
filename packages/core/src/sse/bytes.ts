import { Buffer } from 'node:buffer';

type Slicer = (this: Uint8Array, start: number, end: number) => string;

// Buffer's own slice decoders also accept plain Uint8Arrays and skip the argument checks of
// `toString()`; they are several times cheaper per call than `TextDecoder#decode(subarray)`.
const proto = Buffer.prototype as unknown as { utf8Slice: Slicer; latin1Slice: Slicer };
const utf8Slice: Slicer = proto.utf8Slice;
const latin1Slice: Slicer = proto.latin1Slice;

/** Decodes `bytes[start, end)` as UTF-8, replacing invalid sequences with U+FFFD. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  return utf8Slice.call(bytes, start, end);
}

/**
 * Maps every byte of `bytes[start, end)` to the code unit of the same value.
 * The result has one code unit per byte, so string offsets are byte offsets.
 */
export function decodeLatin1(bytes: Uint8Array, start: number, end: number): string {
  return latin1Slice.call(bytes, start, end);
}

/** A zero-copy view of `bytes[start, end)`; cheaper than `subarray`, which looks up a species constructor. */
export function view(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start);
}

const encoder = new TextEncoder();

/** Encodes a string as UTF-8 (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
