import type {
  CacheHint,
  ContentPart,
  FilePart,
  ImagePart,
  JsonObject,
  JsonValue,
  TextPart,
  ToolResultPart,
  WireKind,
} from '@interlingua/core';
import { decodeCitation } from './citations.ts';
import { claudeExt, FORMAT, isObject, leftovers } from './ext.ts';
import { decodeToolId, decodeToolName } from './ids.ts';
import { decodeSource } from './media.ts';
import { callKind, resultKind, SERVER_CALL_TYPES, SERVER_RESULT_TYPES } from './server-tools.ts';
import {
  ClaudeBlock,
  ClaudeDocumentBlock,
  ClaudeImageBlock,
  ClaudeRedactedThinkingBlock,
  ClaudeServerToolResultBlock,
  ClaudeServerToolUseBlock,
  ClaudeTextBlock,
  ClaudeThinkingBlock,
  ClaudeToolResultBlock,
  ClaudeToolUseBlock,
} from './wire/content.ts';
import { parseWire } from './wire/parse.ts';

/** A block the core has no part for, kept whole with its position in the wire content array. */
export interface ExtraBlock {
  /** Index in the wire content array. */
  at: number;
  /** The wire block. */
  block: JsonObject;
}

/** Decoded content: the parts, plus the blocks kept whole. */
export interface DecodedContent {
  /** Parts, in order. */
  parts: ContentPart[];
  /** Unknown blocks with their wire positions. */
  extra: ExtraBlock[];
}

/** Reads a wire content array (validated block by block). */
export function decodeBlocks(blocks: unknown[], kind: WireKind, path: (string | number)[]): DecodedContent {
  const out: DecodedContent = { parts: [], extra: [] };
  blocks.forEach((raw, i) => {
    const part = decodeBlock(raw, kind, [...path, i]);
    if (part) out.parts.push(part);
    else out.extra.push({ at: i, block: raw as JsonObject });
  });
  return out;
}

/** `extraBlocks` marker value for extensions, or nothing. */
export function extraMarker(extra: ExtraBlock[]): JsonObject | undefined {
  return extra.length > 0 ? { extraBlocks: extra.map((e) => ({ at: e.at, block: e.block })) } : undefined;
}

function cacheOf(block: JsonObject): CacheHint | undefined {
  const cc = block.cache_control;
  if (!isObject(cc) || cc.type !== 'ephemeral') return undefined;
  const keys = Object.keys(cc).filter((k) => k !== 'type' && k !== 'ttl');
  if (keys.length > 0 || (cc.ttl !== undefined && typeof cc.ttl !== 'string')) return undefined;
  return typeof cc.ttl === 'string' ? { type: 'ephemeral', ttl: cc.ttl } : { type: 'ephemeral' };
}

/** Leftover fields of a block; `cache_control` stays a leftover only when the core cannot express it. */
function rest(block: JsonObject, known: string[], extra?: JsonObject): JsonObject | undefined {
  const cacheKnown = cacheOf(block) !== undefined ? ['cache_control'] : [];
  const fields = { ...leftovers(block, ['type', ...known, ...cacheKnown]), ...extra };
  for (const key of known) if (block[key] === null) fields[key] = null;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

function withCommon<T extends ContentPart>(part: T, block: JsonObject, ext: JsonObject | undefined): T {
  const cache = cacheOf(block);
  if (cache) part.cache = cache;
  const extensions = claudeExt(ext);
  if (extensions) part.extensions = extensions;
  return part;
}

/** Reads one wire block; `undefined` for a type the core has no part for. */
export function decodeBlock(raw: unknown, kind: WireKind, path: (string | number)[]): ContentPart | undefined {
  const block = parseWire(ClaudeBlock, raw, kind, path) as JsonObject;
  const type = block.type as string;
  switch (type) {
    case 'text': {
      const b = parseWire(ClaudeTextBlock, block, kind, path);
      const part: TextPart = { type: 'text', text: b.text };
      if (Array.isArray(b.citations)) part.citations = b.citations.map((c) => decodeCitation(c as JsonObject));
      return withCommon(part, block, rest(block, ['text', 'citations']));
    }
    case 'image': {
      parseWire(ClaudeImageBlock, block, kind, path);
      const source = decodeSource(block.source as JsonObject);
      const part: ImagePart = { type: 'image', source: source ?? { type: 'url', url: '' } };
      return withCommon(part, block, rest(block, source ? ['source'] : []));
    }
    case 'document': {
      const b = parseWire(ClaudeDocumentBlock, block, kind, path);
      const source = decodeSource(block.source as JsonObject);
      const part: FilePart = { type: 'file', source: source ?? { type: 'text', text: '' } };
      const known = source ? ['source', 'title', 'context'] : ['title', 'context'];
      if (typeof b.title === 'string') part.title = b.title;
      if (typeof b.context === 'string') part.context = b.context;
      const citations = block.citations;
      if (
        isObject(citations) &&
        Object.keys(citations).join() === 'enabled' &&
        typeof citations.enabled === 'boolean'
      ) {
        part.citations = citations.enabled;
        known.push('citations');
      }
      return withCommon(part, block, rest(block, known));
    }
    case 'tool_use': {
      const b = parseWire(ClaudeToolUseBlock, block, kind, path);
      return withCommon(
        { type: 'tool-call', id: decodeToolId(b.id), name: decodeToolName(b.name), arguments: stringify(b.input) },
        block,
        rest(block, ['id', 'name', 'input']),
      );
    }
    case 'tool_result':
      return decodeToolResult(block, kind, path);
    case 'thinking': {
      const b = parseWire(ClaudeThinkingBlock, block, kind, path);
      const part: ContentPart = { type: 'reasoning', text: b.thinking };
      if (b.signature !== undefined) part.signature = { format: FORMAT, value: b.signature };
      return withCommon(part, block, rest(block, ['thinking', 'signature']));
    }
    case 'redacted_thinking': {
      const b = parseWire(ClaudeRedactedThinkingBlock, block, kind, path);
      const part: ContentPart = {
        type: 'reasoning',
        text: '',
        redacted: true,
        encrypted: { format: FORMAT, value: b.data },
      };
      return withCommon(part, block, rest(block, ['data']));
    }
  }
  if (SERVER_CALL_TYPES.has(type)) {
    const b = parseWire(ClaudeServerToolUseBlock, block, kind, path);
    const name = callKind(type, b.name);
    const marker: JsonObject = { wireType: type };
    if (name !== b.name) marker.wireName = b.name;
    const part: ContentPart = { type: 'server-tool-call', id: b.id, name, input: (b.input ?? {}) as JsonValue };
    return withCommon(part, block, { ...marker, ...rest(block, ['id', 'name', 'input']) });
  }
  if (SERVER_RESULT_TYPES.has(type)) {
    const b = parseWire(ClaudeServerToolResultBlock, block, kind, path);
    const content = (b.content ?? null) as JsonValue;
    const part: ContentPart = {
      type: 'server-tool-result',
      callId: b.tool_use_id,
      name: resultKind(type),
      output: content,
    };
    const sources = searchSources(content);
    if (sources) part.sources = sources;
    const isError =
      typeof block.is_error === 'boolean'
        ? block.is_error
        : isObject(content) && typeof content.type === 'string' && content.type.endsWith('_error');
    if (isError) part.isError = true;
    else if (block.is_error === false) part.isError = false;
    return withCommon(part, block, { wireType: type, ...rest(block, ['tool_use_id', 'content']) });
  }
  return undefined;
}

function decodeToolResult(block: JsonObject, kind: WireKind, path: (string | number)[]): ToolResultPart {
  const b = parseWire(ClaudeToolResultBlock, block, kind, path);
  const part: ToolResultPart = { type: 'tool-result', callId: decodeToolId(b.tool_use_id), content: [] };
  const marker: JsonObject = {};
  if (typeof b.content === 'string') {
    part.content = [{ type: 'text', text: b.content }];
    marker.contentForm = 'string';
  } else if (Array.isArray(b.content)) {
    const extra: ExtraBlock[] = [];
    b.content.forEach((raw, i) => {
      const inner = decodeBlock(raw, kind, [...path, 'content', i]);
      if (inner && (inner.type === 'text' || inner.type === 'image' || inner.type === 'file')) part.content.push(inner);
      else extra.push({ at: i, block: raw as JsonObject });
    });
    Object.assign(marker, extraMarker(extra));
    if (b.content.length === 0) marker.contentForm = 'array';
  }
  if (b.is_error !== undefined) part.isError = b.is_error;
  return withCommon(part, block, { ...marker, ...rest(block, ['tool_use_id', 'content', 'is_error']) });
}

function searchSources(content: JsonValue): { url: string; title?: string }[] | undefined {
  if (!Array.isArray(content)) return undefined;
  const sources: { url: string; title?: string }[] = [];
  for (const item of content) {
    if (!isObject(item) || typeof item.url !== 'string') continue;
    sources.push(typeof item.title === 'string' ? { url: item.url, title: item.title } : { url: item.url });
  }
  return sources.length > 0 ? sources : undefined;
}

/** JSON text of a tool input (`{}` when absent). */
export function stringify(input: unknown): string {
  return JSON.stringify(input ?? {});
}
