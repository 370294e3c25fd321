import { decodeLatin1, decodeUtf8, view } from './bytes.ts';
import { SseEvent } from './event.ts';
import { Segment } from './segment.ts';
import { SseLineTooLongError } from './sse-error.ts';

/** Options of {@link createSseTokenizer}. */
export interface SseTokenizerOptions {
  /**
   * Largest allowed line, and largest joined data of one event, in bytes (default 16 MiB).
   * Exceeding it throws {@link SseLineTooLongError}; this bounds the memory a stream can pin.
   */
  maxLineBytes?: number;
  /** Called for each comment line (`:text`) with the text after the colon, minus one leading space. */
  onComment?: (text: string) => void;
  /** Called for each valid `retry` field (ASCII digits only) with the reconnection delay in milliseconds. */
  onRetry?: (milliseconds: number) => void;
}

/**
 * Incremental, synchronous event-stream tokenizer (WHATWG "parse an event stream") over UTF-8 bytes.
 * Create one with {@link createSseTokenizer}.
 */
export interface SseTokenizer {
  /**
   * Consumes one chunk and returns the events it completed, in order (often none).
   * The returned array is fresh when non-empty and a shared frozen empty array otherwise.
   * Events may hold views of `chunk` (see {@link SseEvent}).
   * @throws SseLineTooLongError when a line or an event's data exceeds `maxLineBytes`; the tokenizer then
   * refuses input until {@link SseTokenizer.reset}.
   */
  feed(chunk: Uint8Array): readonly SseEvent[];
  /**
   * Ends the current stream: an unterminated line and an undispatched event are discarded (as the spec
   * requires), and the tokenizer is ready for the next stream (e.g. after a reconnection), whose leading
   * BOM is stripped again. `lastEventId` is kept, as a reconnecting client keeps it.
   */
  end(): void;
  /** Returns to the initial state, including `lastEventId` and a failed state after an error. */
  reset(): void;
  /** The last event ID: the last valid `id` field seen when an event block ended (empty string before any). */
  readonly lastEventId: string;
}

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const COLON = 0x3a;
const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);
/** Chunks shorter than this are scanned byte by byte: building their latin1 image costs more than it saves. */
const SMALL_CHUNK = 128;
const NAME_CACHE_SIZE = 16;
const SLAB_SIZE = 16 * 1024;
/** Lines up to this size are joined in the slab; larger ones get a buffer of their own. */
const SLAB_MAX_LINE = SLAB_SIZE >> 2;
/** Unterminated remainders up to this size are copied at once rather than kept as views. */
const ACC_MAX_COPY = 256;
const EMPTY: readonly SseEvent[] = Object.freeze([]);

/**
 * Creates an incremental event-stream tokenizer.
 *
 * Conformance: LF, CR and CRLF line ends (also when the CR and LF arrive in different chunks); one leading
 * UTF-8 BOM stripped per stream; comments; `event`, `data`, `id` (ignored when it contains NUL) and `retry`
 * (ASCII digits only) fields; other fields ignored; a field without a colon has an empty value; one space
 * after the colon is dropped; multi-line data joined with "\n"; a block without data lines dispatches
 * nothing but still sets `lastEventId`; an unterminated last block is discarded by `end()`. Unlike browsers,
 * `event` is undefined (not "message") when the block had no non-empty `event` field.
 *
 * Lines inside one chunk are never copied; a line split across chunks is copied once into a pooled buffer.
 * Line ends are found with `String#indexOf` on a latin1 image of each chunk (one code unit per byte, so
 * offsets are byte offsets): V8 runs that as a vectorised search, while `Uint8Array#indexOf` is a scalar
 * loop (~1 GB/s) and `Buffer#indexOf` costs ~100 ns per call. Chunks under 128 bytes are scanned in JS.
 *
 * @example
 * ```ts
 * const tokenizer = createSseTokenizer();
 * for await (const chunk of response.body) {
 *   for (const event of tokenizer.feed(chunk)) handle(event.event ?? 'message', event.json());
 * }
 * tokenizer.end();
 * ```
 */
export function createSseTokenizer(options: SseTokenizerOptions = {}): SseTokenizer {
  return new Tokenizer(options);
}

class Tokenizer implements SseTokenizer {
  lastEventId = '';
  private readonly max: number;
  private readonly onComment: ((text: string) => void) | undefined;
  private readonly onRetry: ((milliseconds: number) => void) | undefined;
  /** Events completed by the current `feed` call. */
  private out: SseEvent[] | undefined = undefined;
  /** Thrown again by every `feed` after a limit error, until `reset()`. */
  private failed: SseLineTooLongError | undefined = undefined;
  /** Leading BOM bytes matched so far; 3 once the check is over for this stream. */
  private bom = 0;
  /** The previous chunk ended with CR: a LF starting this chunk belongs to that line end. */
  private skipLf = false;
  /**
   * The unterminated line is `pieces` (views of earlier chunks, for large remainders) followed by
   * `accLen` bytes accumulated in the slab at `slabUsed` (copies of small remainders, already in place
   * for when the line completes). Either way it is joined once, when its end arrives.
   */
  private pieces: Uint8Array[] = [];
  private piecesBytes = 0;
  private accLen = 0;
  /** Slab that small joined lines are carved from, like Node's Buffer pool; `slabUsed` bytes are taken. */
  private slab: Segment | undefined = undefined;
  private slabUsed = 0;
  // The event block being built.
  private eventName: string | undefined = undefined;
  private blockId: string | undefined = undefined;
  private blockRetry: number | undefined = undefined;
  private idBuffer = '';
  private dataLines = 0;
  private dataSize = 0;
  private dataSeg: Segment | undefined = undefined;
  private dataStart = 0;
  private dataEnd = 0;
  /** Data lines after the first (views), joined at dispatch. */
  private moreData: Uint8Array[] = [];
  // Event names repeat endlessly: decode each distinct one once, and compare the last one in place.
  private nameBytes: Uint8Array[] = [];
  private names: string[] = [];
  private nameVictim = 0;
  private lastName: Uint8Array | undefined = undefined;
  private lastNameText = '';

  constructor(options: SseTokenizerOptions) {
    const max = options.maxLineBytes ?? 16 * 1024 * 1024;
    if (!(max >= 0)) throw new RangeError('maxLineBytes must be a non-negative number');
    this.max = max;
    this.onComment = options.onComment;
    this.onRetry = options.onRetry;
  }

  feed(chunk: Uint8Array): readonly SseEvent[] {
    if (this.failed !== undefined) throw this.failed;
    const n = chunk.length;
    if (n === 0) return EMPTY;
    let pos = 0;
    if (this.bom < 3) {
      pos = this.stripBom(chunk);
      if (pos === n) return EMPTY;
    }
    if (this.skipLf) {
      this.skipLf = false;
      if (chunk[pos] === LF && ++pos === n) return EMPTY;
    }
    if (n - pos < SMALL_CHUNK) this.scanSmall(chunk, pos);
    else this.scanLarge(chunk, pos);
    const out = this.out;
    if (out === undefined) return EMPTY;
    this.out = undefined;
    return out;
  }

  end(): void {
    this.pieces.length = 0;
    this.piecesBytes = 0;
    this.accLen = 0;
    this.skipLf = false;
    this.bom = 0;
    this.out = undefined;
    this.clearBlock();
  }

  reset(): void {
    this.end();
    this.failed = undefined;
    this.idBuffer = '';
    this.lastEventId = '';
  }

  /** Consumes a leading BOM (possibly split across chunks); returns where input starts in `chunk`. */
  private stripBom(chunk: Uint8Array): number {
    let matched = this.bom;
    let i = 0;
    while (matched < 3 && i < chunk.length && chunk[i] === BOM[matched]) {
      matched++;
      i++;
    }
    if (matched === 3) {
      this.bom = 3;
      return i;
    }
    if (i === chunk.length) {
      this.bom = matched;
      return i;
    }
    // Not a BOM after all: bytes matched in earlier chunks are ordinary input, and so is all of this chunk.
    this.bom = 3;
    if (matched > i) this.appendPending(BOM, 0, matched - i);
    return 0;
  }

  /** Byte-at-a-time scan for tiny chunks (network-sized trickles), looking for LF and CR in one pass. */
  private scanSmall(chunk: Uint8Array, pos: number): void {
    const n = chunk.length;
    let seg: Segment | undefined;
    let start = pos;
    for (let i = pos; i < n; i++) {
      const c = chunk[i];
      if (c !== LF && c !== CR) continue;
      if (this.piecesBytes + this.accLen !== 0) {
        this.completeLine(chunk, start, i);
      } else if (i === start) {
        this.dispatch();
      } else {
        if (i - start > this.max) this.tooLong('line');
        if (seg === undefined) seg = new Segment(chunk, undefined);
        this.processLine(seg, chunk, start, i);
      }
      if (c === CR) {
        if (i + 1 === n) this.skipLf = true;
        else if (chunk[i + 1] === LF) i++;
      }
      start = i + 1;
    }
    if (start < n) this.appendPending(chunk, start, n);
  }

  /**
   * Scan for large chunks. Terminators are found with `String#indexOf` on the chunk's latin1 image (one
   * code unit per byte, so offsets are byte offsets): V8 runs that as a SIMD search, while
   * `Uint8Array#indexOf` is a scalar loop and `Buffer#indexOf` costs ~100 ns per call.
   */
  private scanLarge(chunk: Uint8Array, pos: number): void {
    const n = chunk.length;
    const text = decodeLatin1(chunk, 0, n);
    const seg = new Segment(chunk, text);
    const max = this.max;
    let p = pos;
    let cr = text.indexOf('\r', p);
    let lf = text.indexOf('\n', p);
    if (this.piecesBytes + this.accLen !== 0) {
      const t = cr !== -1 && (lf === -1 || cr < lf) ? cr : lf;
      if (t === -1) {
        this.appendPending(chunk, p, n);
        return;
      }
      this.completeLine(chunk, p, t);
      p = t + 1;
      if (t === cr) {
        if (p === n) {
          this.skipLf = true;
          return;
        }
        if (chunk[p] === LF) p++;
        cr = text.indexOf('\r', p);
      }
      if (lf !== -1 && lf < p) lf = text.indexOf('\n', p);
    }
    if (cr === -1) {
      // LF-only chunk: the overwhelmingly common shape, with single-line events dispatched inline.
      while (lf !== -1) {
        if (lf === p) {
          this.dispatch();
        } else {
          if (lf - p > max) this.tooLong('line');
          const c = chunk[p];
          if (
            c === 0x64 &&
            chunk[p + 1] === 0x61 &&
            chunk[p + 2] === 0x74 &&
            chunk[p + 3] === 0x61 &&
            chunk[p + 4] === COLON
          ) {
            let v = p + 5;
            if (chunk[v] === SPACE) v++;
            if (this.dataLines === 0 && chunk[lf + 1] === LF) {
              // `data:...\n\n`: dispatch without touching the block's data state.
              this.lastEventId = this.idBuffer;
              this.emit(new SseEvent(this.eventName, this.blockId, this.blockRetry, seg, v, lf, undefined));
              this.eventName = undefined;
              this.blockId = undefined;
              this.blockRetry = undefined;
              p = lf + 2;
              lf = text.indexOf('\n', p);
              continue;
            }
            this.addData(seg, v, lf);
          } else if (
            c === 0x65 &&
            chunk[p + 1] === 0x76 &&
            chunk[p + 2] === 0x65 &&
            chunk[p + 3] === 0x6e &&
            chunk[p + 4] === 0x74 &&
            chunk[p + 5] === COLON
          ) {
            let v = p + 6;
            if (chunk[v] === SPACE) v++;
            const len = lf - v;
            const last = this.lastName;
            let hit = last !== undefined && last.length === len;
            if (hit) {
              for (let i = len - 1; i >= 0; i--) {
                if ((last as Uint8Array)[i] !== chunk[v + i]) {
                  hit = false;
                  break;
                }
              }
            }
            this.eventName = hit ? this.lastNameText : len === 0 ? undefined : this.name(chunk, v, lf);
          } else {
            this.processLine(seg, chunk, p, lf);
          }
        }
        p = lf + 1;
        lf = text.indexOf('\n', p);
      }
    } else {
      // Mixed line ends: the next terminator is whichever of CR and LF comes first.
      for (;;) {
        let t: number;
        if (cr !== -1 && (lf === -1 || cr < lf)) t = cr;
        else if (lf !== -1) t = lf;
        else break;
        if (t === p) this.dispatch();
        else {
          if (t - p > max) this.tooLong('line');
          this.processLine(seg, chunk, p, t);
        }
        p = t + 1;
        if (t === cr) {
          if (p === n) {
            this.skipLf = true;
            break;
          }
          if (chunk[p] === LF) p++;
          cr = text.indexOf('\r', p);
        }
        if (lf !== -1 && lf < p) lf = text.indexOf('\n', p);
      }
    }
    if (p < n) this.appendPending(chunk, p, n);
  }

  /** Appends `src[start, end)` to the unterminated line. */
  private appendPending(src: Uint8Array, start: number, end: number): void {
    const size = end - start;
    if (this.piecesBytes + this.accLen + size > this.max) this.tooLong('line');
    if (size <= ACC_MAX_COPY && this.accLen + size <= SLAB_MAX_LINE) {
      // Small remainders (every chunk of a trickle) are copied straight to where the joined line will live.
      this.ensureSlab(this.accLen + size);
      copy(src, start, end, (this.slab as Segment).bytes, this.slabUsed + this.accLen);
      this.accLen += size;
      return;
    }
    this.spillAccumulator();
    this.pieces.push(start === 0 && end === src.length ? src : view(src, start, end));
    this.piecesBytes += size;
  }

  /** Turns the accumulated bytes into a piece (a view of the slab, which keeps them) to preserve order. */
  private spillAccumulator(): void {
    const size = this.accLen;
    if (size === 0) return;
    const from = this.slabUsed;
    this.slabUsed += size;
    this.accLen = 0;
    this.pieces.push(view((this.slab as Segment).bytes, from, from + size));
    this.piecesBytes += size;
  }

  /** Completes the unterminated line with `chunk[start, end)`, joining it once, and processes it. */
  private completeLine(chunk: Uint8Array, start: number, end: number): void {
    const tail = end - start;
    const size = this.piecesBytes + this.accLen + tail;
    if (size > this.max) this.tooLong('line');
    if (this.pieces.length === 0 && size <= SLAB_MAX_LINE) {
      // All earlier bytes are already in the slab: append the tail and claim the range in place.
      this.ensureSlab(size);
      const slab = this.slab as Segment;
      const from = this.slabUsed;
      copy(chunk, start, end, slab.bytes, from + this.accLen);
      this.slabUsed = from + size;
      this.accLen = 0;
      this.processLine(slab, slab.bytes, from, from + size);
      return;
    }
    this.spillAccumulator();
    const pieces = this.pieces;
    const seg = this.reserve(size);
    const line = seg.bytes;
    const from = seg === this.slab ? this.slabUsed - size : 0;
    let o = from;
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k] as Uint8Array;
      copy(piece, 0, piece.length, line, o);
      o += piece.length;
    }
    copy(chunk, start, end, line, o);
    pieces.length = 0;
    this.piecesBytes = 0;
    this.processLine(seg, line, from, from + size);
  }

  /** Makes sure the slab has `size` free bytes after `slabUsed`, moving the accumulated bytes to a new one if not. */
  private ensureSlab(size: number): void {
    const slab = this.slab;
    if (slab !== undefined && this.slabUsed + size <= SLAB_SIZE) return;
    const next = new Segment(new Uint8Array(SLAB_SIZE), undefined);
    if (this.accLen !== 0) copy((slab as Segment).bytes, this.slabUsed, this.slabUsed + this.accLen, next.bytes, 0);
    this.slab = next;
    this.slabUsed = 0;
  }

  /**
   * Reserves `size` bytes for a joined line or event data: the last `size` bytes before `slabUsed` in the
   * slab (sparing a separate ArrayBuffer, and its GC bookkeeping, per line), or a buffer of their own when
   * large. Only called with nothing accumulated.
   */
  private reserve(size: number): Segment {
    if (size > SLAB_MAX_LINE) return new Segment(new Uint8Array(size), undefined);
    this.ensureSlab(size);
    this.slabUsed += size;
    return this.slab as Segment;
  }

  /** Interprets the non-empty line `b[s, e)`; field names are compared as bytes, never decoded. */
  private processLine(seg: Segment, b: Uint8Array, s: number, e: number): void {
    const c = b[s];
    let v: number;
    if (c === 0x64) {
      // data
      if (b[s + 1] !== 0x61 || b[s + 2] !== 0x74 || b[s + 3] !== 0x61) return;
      v = s + 4;
      if (v < e && b[v] !== COLON) return;
      v = valueStart(b, v, e);
      this.addData(seg, v, e);
    } else if (c === 0x65) {
      // event
      if (b[s + 1] !== 0x76 || b[s + 2] !== 0x65 || b[s + 3] !== 0x6e || b[s + 4] !== 0x74) return;
      v = s + 5;
      if (v < e && b[v] !== COLON) return;
      v = valueStart(b, v, e);
      this.eventName = v === e ? undefined : this.name(b, v, e);
    } else if (c === 0x69) {
      // id
      if (b[s + 1] !== 0x64) return;
      v = s + 2;
      if (v < e && b[v] !== COLON) return;
      v = valueStart(b, v, e);
      for (let i = v; i < e; i++) if (b[i] === 0) return;
      this.idBuffer = this.blockId = decodeUtf8(b, v, e);
    } else if (c === 0x72) {
      // retry
      if (b[s + 1] !== 0x65 || b[s + 2] !== 0x74 || b[s + 3] !== 0x72 || b[s + 4] !== 0x79) return;
      v = s + 5;
      if (v < e && b[v] !== COLON) return;
      v = valueStart(b, v, e);
      if (v === e) return;
      let ms = 0;
      for (let i = v; i < e; i++) {
        const d = (b[i] as number) - 0x30;
        if (d < 0 || d > 9) return;
        ms = ms * 10 + d;
      }
      this.blockRetry = ms;
      this.onRetry?.(ms);
    } else if (c === COLON) {
      const onComment = this.onComment;
      if (onComment !== undefined) onComment(decodeUtf8(b, b[s + 1] === SPACE ? s + 2 : s + 1, e));
    }
  }

  private addData(seg: Segment, s: number, e: number): void {
    if (this.dataLines === 0) {
      this.dataSeg = seg;
      this.dataStart = s;
      this.dataEnd = e;
      this.dataSize = e - s;
    } else {
      this.moreData.push(view(seg.bytes, s, e));
      this.dataSize += 1 + e - s;
      if (this.dataSize > this.max) this.tooLong('event data');
    }
    this.dataLines++;
  }

  /** Handles a blank line: the block ends, and becomes an event if it had data. */
  private dispatch(): void {
    this.lastEventId = this.idBuffer;
    const lines = this.dataLines;
    if (lines !== 0) {
      let seg = this.dataSeg as Segment;
      let start = this.dataStart;
      let end = this.dataEnd;
      if (lines > 1) {
        const size = this.dataSize;
        const joined = this.reserve(size);
        const data = joined.bytes;
        let o = joined === this.slab ? this.slabUsed - size : 0;
        const from = o;
        copy(seg.bytes, start, end, data, o);
        o += end - start;
        for (const line of this.moreData) {
          data[o++] = LF;
          copy(line, 0, line.length, data, o);
          o += line.length;
        }
        seg = joined;
        start = from;
        end = o;
      }
      this.emit(new SseEvent(this.eventName, this.blockId, this.blockRetry, seg, start, end, undefined));
    }
    this.clearBlock();
  }

  private clearBlock(): void {
    this.eventName = undefined;
    this.blockId = undefined;
    this.blockRetry = undefined;
    if (this.dataLines > 1) this.moreData.length = 0;
    this.dataLines = 0;
    this.dataSize = 0;
    this.dataSeg = undefined;
  }

  private emit(event: SseEvent): void {
    const out = this.out;
    if (out === undefined) this.out = [event];
    else out.push(event);
  }

  /** Returns the decoded event name `b[s, e)`, from a small cache keyed by its bytes. */
  private name(b: Uint8Array, s: number, e: number): string {
    const len = e - s;
    // Streams repeat the previous name most of the time: try it first.
    const last = this.lastName;
    if (last !== undefined && last.length === len && sameBytes(last, b, s, len)) return this.lastNameText;
    const cache = this.nameBytes;
    for (let k = 0; k < cache.length; k++) {
      const known = cache[k] as Uint8Array;
      if (known.length === len && sameBytes(known, b, s, len)) {
        this.lastName = known;
        return (this.lastNameText = this.names[k] as string);
      }
    }
    const name = decodeUtf8(b, s, e);
    if (len <= 64) {
      // A copy: the cache outlives the chunk.
      const bytes = new Uint8Array(len);
      copy(b, s, e, bytes, 0);
      this.lastName = bytes;
      this.lastNameText = name;
      if (cache.length < NAME_CACHE_SIZE) {
        cache.push(bytes);
        this.names.push(name);
      } else {
        const k = this.nameVictim;
        this.nameVictim = (k + 1) % NAME_CACHE_SIZE;
        cache[k] = bytes;
        this.names[k] = name;
      }
    }
    return name;
  }

  private tooLong(what: 'line' | 'event data'): never {
    const error = new SseLineTooLongError(this.max, what);
    this.end();
    this.failed = error;
    throw error;
  }
}

/** Start of a field value: after the colon at `v` (if any) and one optional space. */
function valueStart(b: Uint8Array, v: number, e: number): number {
  if (v === e) return e;
  v++;
  return b[v] === SPACE && v < e ? v + 1 : v;
}

function sameBytes(known: Uint8Array, b: Uint8Array, s: number, len: number): boolean {
  // Names sharing a prefix (content_block_start / _delta) usually differ at the end.
  if (known[len - 1] !== b[s + len - 1]) return false;
  for (let i = 0; i < len; i++) if (known[i] !== b[s + i]) return false;
  return true;
}

/** Copies `src[start, end)` into `dst` at `at`; a plain loop beats `set()` + `subarray()` for short runs. */
function copy(src: Uint8Array, start: number, end: number, dst: Uint8Array, at: number): void {
  if (end - start > 64) {
    dst.set(view(src, start, end), at);
    return;
  }
  for (let i = start; i < end; i++) dst[at++] = src[i] as number;
}
