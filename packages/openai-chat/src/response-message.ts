import type {
  Citation,
  ContentPart,
  JsonObject,
  JsonValue,
  LossRecorder,
  ReasoningPart,
  TextPart,
} from '@interlingua/core';
import { encodeTextSignature } from './content-encode.ts';
import { attachExt, extFields, extMarkers, type Markers, nested, put } from './ext.ts';
import { decodeReasoningFields, decodeToolCall, SIGNATURE_FIELDS } from './messages-decode.ts';
import { encodeToolCall, featureOf } from './messages-encode.ts';
import type { ReasoningField } from './options.ts';
import { type Placed, reportMoves, slotOf } from './position.ts';
import { encodeReasoning } from './reasoning.ts';
import type { ChatWireAnnotation, ChatWireResponseMessage } from './wire/response.ts';

/** Media type given to generated audio: the response does not name its format (the request's `audio.format` does). */
export const OUTPUT_AUDIO_MEDIA_TYPE = 'audio/wav';

/** A response message read into core parts, with the wire leftovers of the message. */
export interface DecodedMessage {
  parts: ContentPart[];
  fields: JsonObject;
  markers: Markers;
}

/**
 * Reads `choices[].message` into core parts, in the core's order: reasoning (compatible servers),
 * text with its citations, refusal, tool calls, audio.
 */
export function decodeResponseMessage(message: ChatWireResponseMessage): DecodedMessage {
  const parts: ContentPart[] = [];
  const markers: Markers = {};
  const known = ['content', 'refusal', 'tool_calls', 'function_call', 'annotations', 'audio', 'reasoning_content'];
  if (message.role === 'assistant') known.push('role');
  const reasoning = decodeReasoningFields(message as JsonObject, markers);
  if (reasoning) {
    parts.push(reasoning);
    known.push(...SIGNATURE_FIELDS);
  }
  if (typeof message.reasoning_content !== 'string') known.push('reasoning');
  const fields: JsonObject = {};
  const citations = decodeAnnotations(message.annotations);
  if (typeof message.content === 'string' && message.content !== '') {
    const text: TextPart = { type: 'text', text: message.content };
    if (citations && citations.length > 0) text.citations = citations;
    parts.push(text);
  } else if (message.content === '') fields.content = '';
  if (
    message.annotations &&
    (!citations || citations.length === 0 || typeof message.content !== 'string' || message.content === '')
  )
    fields.annotations = message.annotations as JsonValue;
  if (typeof message.refusal === 'string') parts.push({ type: 'refusal', text: message.refusal });
  message.tool_calls?.forEach((call) => {
    parts.push(decodeToolCall(call));
  });
  if (message.function_call) {
    parts.push({
      type: 'tool-call',
      id: 'call_legacy_0',
      name: message.function_call.name,
      arguments: message.function_call.arguments,
    });
    markers.legacy = 'function_call';
  }
  if (message.audio) {
    const audio = message.audio;
    const part: ContentPart = {
      type: 'audio',
      source: { type: 'base64', mediaType: OUTPUT_AUDIO_MEDIA_TYPE, data: audio.data ?? '' },
    };
    if (typeof audio.id === 'string') part.id = audio.id;
    if (typeof audio.transcript === 'string') part.transcript = audio.transcript;
    if (typeof audio.expires_at === 'number') part.expiresAt = audio.expires_at;
    const rest = Object.fromEntries(
      Object.entries(audio).filter(([k, v]) => v === null || !['id', 'data', 'transcript', 'expires_at'].includes(k)),
    );
    parts.push(attachExt(part, rest as JsonObject));
  }
  // Compatible servers send `tool_calls: []`; it maps to nothing, so it rides along to be written back.
  if (Array.isArray(message.tool_calls) && message.tool_calls.length === 0) fields.tool_calls = [];
  for (const [key, value] of Object.entries(message)) {
    if (value === undefined) continue;
    if (!known.includes(key) || value === null) fields[key] = value as JsonValue;
  }
  return { parts, fields, markers };
}

/** `url_citation` annotations → core citations; undefined when some annotation is of another shape (kept raw). */
function decodeAnnotations(annotations: ChatWireAnnotation[] | null | undefined): Citation[] | undefined {
  if (!annotations) return undefined;
  const out: Citation[] = [];
  for (const a of annotations) {
    const c = a.url_citation;
    if (a.type !== 'url_citation' || !c || Object.keys(a).length !== 2) return undefined;
    if (Object.keys(c).some((k) => !['url', 'title', 'start_index', 'end_index'].includes(k))) return undefined;
    if (typeof c.start_index !== 'number' || typeof c.end_index !== 'number' || typeof c.title !== 'string')
      return undefined;
    out.push({ type: 'url', url: c.url, title: c.title, startIndex: c.start_index, endIndex: c.end_index });
  }
  return out;
}

/** Writes one citation as a `url_citation` annotation, shifted by `offset` (text parts are joined); undefined when Chat cannot say it. */
export function encodeCitation(
  citation: Citation,
  offset: number,
  length: number,
): { value?: JsonObject; approximated: boolean } {
  if (citation.type !== 'url' || citation.url === undefined) return { approximated: true };
  const exact = citation.startIndex !== undefined && citation.endIndex !== undefined;
  return {
    value: {
      type: 'url_citation',
      url_citation: {
        url: citation.url,
        title: citation.title ?? '',
        start_index: offset + (citation.startIndex ?? 0),
        end_index: offset + (citation.endIndex ?? length),
      },
    },
    approximated: !exact || citation.citedText !== undefined,
  };
}

/** Writes core parts as a Chat response message (`role`, `content`, `refusal`, `tool_calls`, `annotations`, `audio`). */
export function encodeResponseMessage(
  parts: readonly ContentPart[],
  ext: { extensions?: Record<string, JsonObject> } | undefined,
  path: (string | number)[],
  losses: LossRecorder,
  reasoningField: ReasoningField | undefined,
): JsonObject {
  const fields = nested(extFields(ext), 'message');
  const markers = extMarkers(ext);
  const foreign = ext?.extensions?.['openai-chat'] === undefined;
  const message: JsonObject = { role: 'assistant', ...fields };
  const reasoning: { part: ReasoningPart; path: (string | number)[] }[] = [];
  const texts: string[] = [];
  const annotations: JsonObject[] = [];
  const refusals: string[] = [];
  const calls: JsonObject[] = [];
  const placed: Placed[] = [];
  const textPaths: (string | number)[][] = [];
  let offset = 0;
  parts.forEach((part, i) => {
    const partPath = [...path, 'content', i];
    placed.push({ index: i, part, slot: slotOf(part) });
    switch (part.type) {
      case 'reasoning':
        reasoning.push({ part, path: partPath });
        return;
      case 'text':
        part.citations?.forEach((citation, j) => {
          const { value, approximated } = encodeCitation(citation, offset, part.text.length);
          if (value) annotations.push(value);
          if (!value)
            losses.drop(
              [...partPath, 'citations', j],
              `Chat annotations cannot carry a ${citation.type} citation`,
              'content.citations',
            );
          else if (approximated)
            losses.approximate(
              [...partPath, 'citations', j],
              'the citation becomes a url_citation over the whole text part',
              'content.citations',
            );
        });
        encodeTextSignature(part, partPath, losses);
        texts.push(part.text);
        textPaths.push(partPath);
        offset += part.text.length;
        return;
      case 'refusal':
        refusals.push(part.text);
        return;
      case 'tool-call':
        calls.push(encodeToolCall(part, partPath, losses, new Map()));
        return;
      case 'audio': {
        const audio: JsonObject = { ...extFields(part) };
        put(audio, 'id', part.id);
        if (part.source.type === 'base64') audio.data = part.source.data;
        else losses.drop(partPath, 'Chat response audio is inline base64 only', 'content.audio');
        put(audio, 'expires_at', part.expiresAt);
        put(audio, 'transcript', part.transcript);
        message.audio = audio;
        return;
      }
      default:
        placed.pop();
        losses.drop(partPath, `Chat responses cannot carry ${part.type} parts`, featureOf(part));
    }
  });
  reportMoves(placed, path, losses, true);
  encodeReasoning(message, reasoning, losses, reasoningField, markers);
  if (texts.length > 0) message.content = texts.join('');
  else if (!('content' in message)) message.content = null;
  // Chat reads `content: ""` as no content: empty text parts do not come back.
  if (message.content === '')
    for (const textPath of textPaths)
      losses.drop(
        textPath,
        'Chat reads content "" as no content; the empty text part is not carried',
        'content.empty-text',
      );
  if (refusals.length > 0) message.refusal = refusals.join('');
  else if (foreign) message.refusal = null;
  if (annotations.length > 0) message.annotations = annotations;
  if (markers.legacy === 'function_call' && calls.length === 1) {
    const fn = calls[0]?.function as JsonObject;
    message.function_call = { name: fn.name ?? '', arguments: fn.arguments ?? '' };
  } else if (calls.length > 0) message.tool_calls = calls;
  return message;
}
