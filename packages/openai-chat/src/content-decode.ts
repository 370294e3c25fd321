import type { ContentPart, ImagePart, JsonObject, JsonValue, MediaSource } from '@interlingua/core';
import { attachExt, leftovers, type Markers } from './ext.ts';
import { audioMediaType, decodeDataUrl } from './media.ts';
import { parseWire } from './parse.ts';
import {
  ChatWireAudioPartSchema,
  ChatWireFilePartSchema,
  ChatWireImagePartSchema,
  type ChatWirePart,
  ChatWireRefusalPartSchema,
  ChatWireTextPartSchema,
} from './wire/request.ts';

/** The result of reading a message's `content`. */
export interface DecodedContent {
  /** The parts, in order. */
  parts: ContentPart[];
  /** Message-level leftovers (`content: ""`, `content: null`). */
  fields: JsonObject;
  /** Message-level markers (content was an array; unknown parts and their positions). */
  markers: Markers;
}

const DETAILS = new Set(['auto', 'low', 'high', 'original']);

/**
 * Reads message `content` (a string, a part list or null) into core parts. Unknown part types are
 * kept whole, with their position, in the message's markers so the same format writes them back.
 */
export function decodeContent(
  content: string | ChatWirePart[] | null | undefined,
  path: (string | number)[],
): DecodedContent {
  const out: DecodedContent = { parts: [], fields: {}, markers: {} };
  if (content === null) out.fields.content = null;
  if (typeof content === 'string') {
    if (content === '') out.fields.content = '';
    else out.parts.push({ type: 'text', text: content });
  }
  if (!Array.isArray(content)) return out;
  out.markers.contentArray = true;
  const unknown: JsonObject[] = [];
  content.forEach((raw, index) => {
    const part = decodePart(raw, [...path, index]);
    if (part) out.parts.push(part);
    else unknown.push({ index, part: raw as JsonObject });
  });
  if (unknown.length > 0) out.markers.unknownParts = unknown;
  return out;
}

/** Reads one content part; undefined for a type this adapter does not model. */
export function decodePart(raw: ChatWirePart, path: (string | number)[]): ContentPart | undefined {
  switch (raw.type) {
    case 'text': {
      const wire = parseWire(ChatWireTextPartSchema, raw, 'request', path);
      const fields = leftovers(wire, ['type', 'text', 'prompt_cache_breakpoint']);
      const part: ContentPart = { type: 'text', text: wire.text };
      decodeBreakpoint(part, wire.prompt_cache_breakpoint, fields);
      return attachExt(part, fields);
    }
    case 'image_url': {
      const wire = parseWire(ChatWireImagePartSchema, raw, 'request', path);
      const inner = leftovers(wire.image_url, ['url', 'detail']);
      const part: ImagePart = { type: 'image', source: decodeDataUrl(wire.image_url.url) };
      const detail = wire.image_url.detail;
      if (typeof detail === 'string' && DETAILS.has(detail)) part.detail = detail as ImagePart['detail'];
      else if (typeof detail === 'string') inner.detail = detail;
      const fields = leftovers(wire, ['type', 'image_url', 'prompt_cache_breakpoint']);
      if (Object.keys(inner).length > 0) fields.image_url = inner;
      decodeBreakpoint(part, wire.prompt_cache_breakpoint, fields);
      return attachExt(part, fields);
    }
    case 'input_audio': {
      const wire = parseWire(ChatWireAudioPartSchema, raw, 'request', path);
      const inner = leftovers(wire.input_audio, ['data', 'format']);
      const fields = leftovers(wire, ['type', 'input_audio', 'prompt_cache_breakpoint']);
      if (Object.keys(inner).length > 0) fields.input_audio = inner;
      const source: MediaSource = {
        type: 'base64',
        mediaType: audioMediaType(wire.input_audio.format),
        data: wire.input_audio.data,
      };
      const part: ContentPart = { type: 'audio', source };
      decodeBreakpoint(part, wire.prompt_cache_breakpoint, fields);
      return attachExt(part, fields);
    }
    case 'file': {
      const wire = parseWire(ChatWireFilePartSchema, raw, 'request', path);
      const file = wire.file;
      const inner = leftovers(file, ['file_id', 'file_data', 'filename']);
      const fields = leftovers(wire, ['type', 'file', 'prompt_cache_breakpoint']);
      const markers: Markers = {};
      let source: MediaSource;
      if (typeof file.file_data === 'string') {
        const decoded = decodeDataUrl(file.file_data);
        // Some clients send bare base64 instead of a data URL; remember it to write it back the same way.
        if (decoded.type === 'url') markers.bareFileData = true;
        source =
          decoded.type === 'url'
            ? { type: 'base64', mediaType: 'application/octet-stream', data: file.file_data }
            : decoded;
        if (typeof file.file_id === 'string') inner.file_id = file.file_id;
      } else if (typeof file.file_id === 'string') {
        source = { type: 'file', fileId: file.file_id };
      } else {
        return undefined;
      }
      if (Object.keys(inner).length > 0) fields.file = inner;
      const part: ContentPart = { type: 'file', source };
      if (typeof file.filename === 'string') part.filename = file.filename;
      decodeBreakpoint(part, wire.prompt_cache_breakpoint, fields);
      return attachExt(part, fields, markers);
    }
    case 'refusal': {
      const wire = parseWire(ChatWireRefusalPartSchema, raw, 'request', path);
      const part: ContentPart = { type: 'refusal', text: wire.refusal };
      return attachExt(part, leftovers(wire, ['type', 'refusal']));
    }
    default:
      return undefined;
  }
}

/** `prompt_cache_breakpoint: {mode: "explicit"}` is a cache breakpoint after the part; other shapes stay raw. */
function decodeBreakpoint(part: ContentPart, value: unknown, fields: JsonObject): void {
  if (value === undefined) return;
  const mode = (value as { mode?: unknown } | null)?.mode;
  const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  if (mode === 'explicit' && keys.length === 1) part.cache = { type: 'ephemeral' };
  else fields.prompt_cache_breakpoint = value as JsonValue;
}
