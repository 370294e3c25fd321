import type { Buffer } from 'node:buffer';
import { createParser } from 'eventsource-parser';
import { createSseTokenizer, readSse } from '../src/sse/index.ts';

/** One measured way of consuming a chunked stream; returns the number of events (or lines) it saw. */
export interface Contender {
  /** Short stable key used in the JSON results. */
  key: string;
  /** Human-readable label for the table. */
  label: string;
  /** Whether `run` counts events (false for the floors, which count lines or characters). */
  countsEvents: boolean;
  run: (chunks: readonly Buffer[]) => number | Promise<number>;
}

// Results are folded into this sink so no work can be optimised away.
let sink = 0;
/** Reads the sink (keeps V8 from treating the benchmarked work as dead). */
export function consumeSink(): number {
  return sink;
}

function oursStrings(chunks: readonly Buffer[]): number {
  const tokenizer = createSseTokenizer();
  let events = 0;
  let chars = 0;
  for (let i = 0; i < chunks.length; i++) {
    const batch = tokenizer.feed(chunks[i] as Buffer);
    for (let j = 0; j < batch.length; j++) chars += (batch[j] as { data: string }).data.length;
    events += batch.length;
  }
  tokenizer.end();
  sink += chars;
  return events;
}

function oursBytes(chunks: readonly Buffer[]): number {
  const tokenizer = createSseTokenizer();
  let events = 0;
  let bytes = 0;
  for (let i = 0; i < chunks.length; i++) {
    const batch = tokenizer.feed(chunks[i] as Buffer);
    for (let j = 0; j < batch.length; j++) bytes += (batch[j] as { dataBytes: Uint8Array }).dataBytes.length;
    events += batch.length;
  }
  tokenizer.end();
  sink += bytes;
  return events;
}

async function oursAsync(chunks: readonly Buffer[]): Promise<number> {
  async function* source(): AsyncGenerator<Buffer> {
    for (let i = 0; i < chunks.length; i++) yield chunks[i] as Buffer;
  }
  let events = 0;
  let chars = 0;
  for await (const event of readSse(source())) {
    chars += event.data.length;
    events++;
  }
  sink += chars;
  return events;
}

function eventsourceParser(chunks: readonly Buffer[]): number {
  let events = 0;
  let chars = 0;
  const parser = createParser({
    onEvent(event) {
      chars += event.data.length;
      events++;
    },
  });
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let i = 0; i < chunks.length; i++) parser.feed(decoder.decode(chunks[i], { stream: true }));
  sink += chars;
  return events;
}

function bufferIndexOfFloor(chunks: readonly Buffer[]): number {
  let lines = 0;
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i] as Buffer;
    let p = chunk.indexOf(10);
    while (p !== -1) {
      lines++;
      p = chunk.indexOf(10, p + 1);
    }
  }
  return lines;
}

function textDecoderFloor(chunks: readonly Buffer[]): number {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let chars = 0;
  for (let i = 0; i < chunks.length; i++) chars += decoder.decode(chunks[i], { stream: true }).length;
  sink += chars;
  return chars;
}

function decodeScanFloor(chunks: readonly Buffer[]): number {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let lines = 0;
  for (let i = 0; i < chunks.length; i++) {
    const text = decoder.decode(chunks[i], { stream: true });
    let p = text.indexOf('\n');
    while (p !== -1) {
      lines++;
      p = text.indexOf('\n', p + 1);
    }
  }
  return lines;
}

/** Everything measured, in table order. */
export const CONTENDERS: readonly Contender[] = [
  { key: 'strings', label: 'interlingua, data as strings', countsEvents: true, run: oursStrings },
  { key: 'bytes', label: 'interlingua, data as bytes', countsEvents: true, run: oursBytes },
  { key: 'async', label: 'interlingua readSse (async iterable)', countsEvents: true, run: oursAsync },
  { key: 'eventsource-parser', label: 'eventsource-parser 4.1.3', countsEvents: true, run: eventsourceParser },
  { key: 'floor-buffer-indexof', label: 'floor: Buffer#indexOf LF scan', countsEvents: false, run: bufferIndexOfFloor },
  { key: 'floor-textdecoder', label: 'floor: streaming TextDecoder', countsEvents: false, run: textDecoderFloor },
  {
    key: 'floor-decode-indexof',
    label: 'floor: decode + String#indexOf',
    countsEvents: false,
    run: decodeScanFloor,
  },
];
