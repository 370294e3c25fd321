import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { InterlinguaError, type WireEvent } from '@interlingua/core';
import { type ConvertOptions, convertBody } from './convert.ts';
import type { Kind } from './detect.ts';
import { writeWithBackpressure } from './input.ts';

/** Per-batch outcome of a JSONL conversion. */
export interface JsonlSummary {
  /** Lines converted. */
  converted: number;
  /** Lines that failed (reported on stderr, batch continues). */
  failed: number;
}

/**
 * Converts JSONL input line by line (one body per line): each line's result is written as one
 * output line as soon as it is ready; a bad line is reported with its line number and the batch
 * goes on. On a terminal, a progress line shows how far it got.
 */
export async function convertJsonl(
  lines: AsyncIterable<string>,
  kind: Exclude<Kind, 'stream'>,
  options: ConvertOptions,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream & { isTTY?: boolean },
  totalBytes?: number,
): Promise<JsonlSummary> {
  let lineNumber = 0;
  let bytes = 0;
  const summary: JsonlSummary = { converted: 0, failed: 0 };
  const progress = err.isTTY === true && totalBytes !== undefined && totalBytes > 1_000_000;
  for await (const line of lines) {
    lineNumber++;
    bytes += Buffer.byteLength(line) + 1;
    if (line.trim() === '') continue;
    try {
      const result = convertBody(JSON.parse(line), kind, {
        ...options,
        onLoss: (loss) => options.onLoss?.({ ...loss, path: [`line ${lineNumber}`, ...loss.path] }),
      });
      await writeWithBackpressure(out, `${JSON.stringify(result.body)}\n`);
      summary.converted++;
    } catch (error) {
      summary.failed++;
      const message = InterlinguaError.is(error) || error instanceof SyntaxError ? error.message : String(error);
      err.write(`${progress ? '\r\x1b[K' : ''}line ${lineNumber}: ${message}\n`);
    }
    if (progress && lineNumber % 200 === 0) {
      const percent = Math.min(100, Math.round((bytes / totalBytes) * 100));
      err.write(`\r\x1b[K[${'#'.repeat(percent / 5).padEnd(20)}] ${percent}%  ${lineNumber} lines`);
    }
  }
  if (progress) err.write('\r\x1b[K');
  return summary;
}

/** Splits a byte stream into lines without holding more than one line. */
export function readLines(input: Readable): AsyncIterable<string> {
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/** Turns JSONL stream chunks (one `data:` payload per line, as recordings store them) into wire events. */
export async function* jsonlToWireEvents(lines: AsyncIterable<string>): AsyncGenerator<WireEvent> {
  for await (const line of lines) {
    if (line.trim() === '') continue;
    // Named-event formats (Claude, Responses) repeat the SSE event name in the payload's `type`.
    const type = topLevelType(line);
    yield type === undefined ? { data: line } : { event: type, data: line };
  }
}

function topLevelType(line: string): string | undefined {
  try {
    const value = JSON.parse(line) as { type?: unknown; object?: unknown };
    return typeof value.type === 'string' && value.object === undefined ? value.type : undefined;
  } catch {
    return undefined; // the decoder reports the bad line with its position
  }
}
