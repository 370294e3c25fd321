import type { Citation, ContentPart, JsonObject, TextPart } from '@interlingua/core';
import { isObject } from './util.ts';

const encoder = new TextEncoder();

/** Converts a UTF-8 byte offset into `text` (Gemini segment indices) to a UTF-16 offset (core citations). */
export function byteToUtf16(text: string, bytes: number): number {
  let count = 0;
  let units = 0;
  for (const char of text) {
    if (count >= bytes) break;
    count += encoder.encode(char).length;
    units += char.length;
  }
  return units;
}

/** Converts a UTF-16 offset into `text` to a UTF-8 byte offset. */
export function utf16ToByte(text: string, units: number): number {
  return encoder.encode(text.slice(0, units)).length;
}

/** The core citations a `groundingMetadata` gives the text part at `partIndex` (or the candidate's first text part). */
export function citationsFromGrounding(metadata: JsonObject, text: string, partIndex: number): Citation[] {
  const chunks = Array.isArray(metadata.groundingChunks) ? metadata.groundingChunks : [];
  const supports = Array.isArray(metadata.groundingSupports) ? metadata.groundingSupports : [];
  const out: Citation[] = [];
  for (const support of supports) {
    if (!isObject(support) || !isObject(support.segment)) continue;
    const segment = support.segment;
    if ((typeof segment.partIndex === 'number' ? segment.partIndex : 0) !== partIndex) continue;
    const start = typeof segment.startIndex === 'number' ? segment.startIndex : 0;
    const end = typeof segment.endIndex === 'number' ? segment.endIndex : encoder.encode(text).length;
    const indices = Array.isArray(support.groundingChunkIndices) ? support.groundingChunkIndices : [];
    for (const index of indices) {
      const chunk = typeof index === 'number' ? chunks[index] : undefined;
      if (!isObject(chunk)) continue;
      const source = Object.values(chunk).find(isObject);
      if (!source || typeof source.uri !== 'string') continue;
      const citation: Citation = {
        type: 'url',
        url: source.uri,
        startIndex: byteToUtf16(text, start),
        endIndex: byteToUtf16(text, end),
      };
      if (typeof source.title === 'string') citation.title = source.title;
      out.push(citation);
    }
  }
  return out;
}

/** Attaches grounding citations to the first non-thought text part of a candidate's content. */
export function attachGrounding(content: ContentPart[], metadata: JsonObject): void {
  const target = content.find((p): p is TextPart => p.type === 'text');
  if (!target) return;
  const citations = citationsFromGrounding(metadata, target.text, 0);
  if (citations.length > 0) target.citations = [...(target.citations ?? []), ...citations];
}

/** Builds a `groundingMetadata` (chunks + supports with byte offsets) from a text part's citations. */
export function groundingFromCitations(text: string, citations: Citation[]): JsonObject | undefined {
  const chunks: JsonObject[] = [];
  const chunkIndex = new Map<string, number>();
  const supports = new Map<string, { segment: JsonObject; indices: number[] }>();
  for (const citation of citations) {
    if (citation.url === undefined) continue;
    const key = `${citation.url}\u0000${citation.title ?? ''}`;
    let index = chunkIndex.get(key);
    if (index === undefined) {
      index = chunks.length;
      chunkIndex.set(key, index);
      chunks.push({
        web: citation.title !== undefined ? { uri: citation.url, title: citation.title } : { uri: citation.url },
      });
    }
    const start = citation.startIndex ?? 0;
    const end = citation.endIndex ?? text.length;
    const segmentKey = `${start}:${end}`;
    let support = supports.get(segmentKey);
    if (!support) {
      const segment: JsonObject = { endIndex: utf16ToByte(text, end), text: text.slice(start, end) };
      if (start > 0) segment.startIndex = utf16ToByte(text, start);
      support = { segment, indices: [] };
      supports.set(segmentKey, support);
    }
    if (!support.indices.includes(index)) support.indices.push(index);
  }
  if (chunks.length === 0) return undefined;
  return {
    groundingChunks: chunks,
    groundingSupports: [...supports.values()].map((s) => ({ segment: s.segment, groundingChunkIndices: s.indices })),
  };
}
