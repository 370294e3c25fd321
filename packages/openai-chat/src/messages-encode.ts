import type {
  ContentPart,
  JsonObject,
  JsonValue,
  LossRecorder,
  Message,
  ReasoningPart,
  ToolCallPart,
} from '@interlingua/core';
import { encodeBreakpoint, encodeTextSignature, encodeUserPart } from './content-encode.ts';
import { extFields, extMarkers, FORMAT, type Markers, nested, put } from './ext.ts';
import type { ChatEncodeOptions } from './options.ts';
import { type Placed, reportMoves, slotOf } from './position.ts';
import { encodeReasoning } from './reasoning.ts';
import { writeToolCallSignature } from './tool-call-signature.ts';
import { chatToolName } from './tool-name.ts';

type Path = (string | number)[];

/**
 * Writes canonical messages as Chat `messages[]`: one wire message per core message, except tool
 * messages (one wire `tool` message per result) and media in tool results (Chat tool results are
 * text only, so the media follow in a user message).
 */
export function encodeMessages(
  messages: readonly Message[],
  losses: LossRecorder,
  options: ChatEncodeOptions,
): JsonObject[] {
  const out: JsonObject[] = [];
  // Tool-call ids the source left empty (Gemini) get a synthetic id; results find it by tool name.
  const synthetic = new Map<string, string>();
  messages.forEach((message, index) => {
    const path: Path = ['messages', index];
    switch (message.role) {
      case 'system':
      case 'developer':
      case 'user':
        out.push(...encodeUserLike(message, path, losses, synthetic));
        return;
      case 'assistant':
        out.push(encodeAssistant(message, path, losses, options, synthetic));
        return;
      case 'tool':
        out.push(...encodeTool(message, path, losses, synthetic));
        return;
    }
  });
  return out;
}

function encodeUserLike(
  message: Message,
  path: Path,
  losses: LossRecorder,
  synthetic: Map<string, string>,
): JsonObject[] {
  const fields = extFields(message);
  const markers = extMarkers(message);
  const results = message.content.filter((p) => p.type === 'tool-result');
  // A user turn that carries tool results (not canonical, but tolerated) writes them first.
  const before = results.length > 0 ? encodeTool({ role: 'tool', content: results }, path, losses, synthetic) : [];
  const parts: JsonObject[] = [];
  const paths: Path[] = [];
  message.content.forEach((part, i) => {
    if (part.type === 'tool-result') return;
    const partPath = [...path, 'content', i];
    if (message.role !== 'user' && part.type !== 'text') {
      losses.drop(partPath, `Chat ${message.role} messages take text only`, featureOf(part));
      return;
    }
    const wire = encodeUserPart(part, partPath, losses);
    if (wire) {
      parts.push(wire);
      paths.push(partPath);
    } else if (!isMedia(part))
      losses.drop(partPath, `Chat ${message.role} messages cannot carry ${part.type} parts`, featureOf(part));
  });
  const wire: JsonObject = { ...fields, role: message.role };
  put(wire, 'name', message.name);
  if (setContent(wire, parts, markers, fields)) reportEmptyText(losses, paths[0] ?? path);
  return [...before, wire];
}

function encodeAssistant(
  message: Message,
  path: Path,
  losses: LossRecorder,
  options: ChatEncodeOptions,
  synthetic: Map<string, string>,
): JsonObject {
  const fields = extFields(message);
  const markers = extMarkers(message);
  const wire: JsonObject = { ...fields, role: 'assistant' };
  put(wire, 'name', message.name);
  const content: JsonObject[] = [];
  const contentPaths: Path[] = [];
  const refusals: string[] = [];
  const calls: JsonObject[] = [];
  const reasoning: { part: ReasoningPart; path: Path }[] = [];
  const placed: Placed[] = [];
  const inline = markers.contentArray === true;
  message.content.forEach((part, i) => {
    const partPath = [...path, 'content', i];
    if (part.type !== 'audio' || part.id !== undefined) placed.push({ index: i, part, slot: slotOf(part, inline) });
    switch (part.type) {
      case 'text': {
        const text: JsonObject = { ...extFields(part), type: 'text', text: part.text };
        encodeBreakpoint(text, part.cache, partPath, losses);
        encodeTextSignature(part, partPath, losses);
        content.push(text);
        contentPaths.push(partPath);
        return;
      }
      case 'refusal':
        if (inline) content.push({ ...extFields(part), type: 'refusal', refusal: part.text });
        else refusals.push(part.text);
        return;
      case 'reasoning':
        reasoning.push({ part, path: partPath });
        return;
      case 'tool-call':
        calls.push(encodeToolCall(part, partPath, losses, synthetic));
        return;
      case 'audio':
        if (part.id !== undefined) wire.audio = { ...nested(fields, 'audio'), id: part.id };
        else losses.drop(partPath, 'Chat assistant messages replay audio by id only', 'content.audio');
        return;
      default:
        placed.pop();
        losses.drop(partPath, `Chat assistant messages cannot carry ${part.type} parts`, featureOf(part));
    }
  });
  reportMoves(placed, path, losses, !inline);
  encodeReasoning(wire, reasoning, losses, options.reasoningField, markers);
  if (setContent(wire, content, markers, fields)) reportEmptyText(losses, contentPaths[0] ?? path);
  if (refusals.length > 0) wire.refusal = refusals.join('');
  if (markers.legacy === 'function_call' && calls.length === 1) {
    const fn = calls[0]?.function as JsonObject;
    wire.function_call = { name: fn.name ?? '', arguments: fn.arguments ?? '' };
  } else if (calls.length > 0) {
    wire.tool_calls = calls;
  }
  // OpenAI rejects an assistant turn with neither content nor calls (e.g. one whose only part was
  // foreign reasoning that could not be carried); an empty string is accepted.
  if (!markers.noContent && wire.content === undefined && !wire.tool_calls && !wire.function_call && !wire.audio)
    wire.content = '';
  return wire;
}

/** Writes a tool call as a `tool_calls[]` entry. */
export function encodeToolCall(
  part: ToolCallPart,
  path: Path,
  losses: LossRecorder,
  synthetic: Map<string, string>,
): JsonObject {
  const fields = extFields(part);
  let id = part.id;
  if (id === '') {
    id = `call_${path.join('_')}`;
    synthetic.set(part.name, id);
    losses.add('defaulted', [...path, 'id'], 'Chat tool calls need an id; a synthetic one was written', 'tool-call.id');
  }
  if (part.itemId !== undefined)
    losses.drop([...path, 'itemId'], 'Chat tool calls have no item id besides the call id', 'tool-call.id');
  const sameFormat = part.signature?.format === FORMAT;
  if (part.signature && !sameFormat)
    losses.drop(
      [...path, 'signature'],
      `a ${part.signature.format} signature on a tool call is not forwarded to Chat`,
      'reasoning.signature',
    );
  const name = chatToolName(part.name, [...path, 'name'], losses);
  let out: JsonObject;
  if (part.kind === 'custom') {
    out = { ...fields, id, type: 'custom', custom: { ...nested(fields, 'custom'), name, input: part.arguments } };
  } else {
    out = { ...fields, id, function: { ...nested(fields, 'function'), name, arguments: part.arguments } };
    if (!extMarkers(part).noType) out.type = 'function';
  }
  if (part.signature && sameFormat) writeToolCallSignature(out, part.signature);
  return out;
}

function encodeTool(message: Message, path: Path, losses: LossRecorder, synthetic: Map<string, string>): JsonObject[] {
  const fields = extFields(message);
  const markers = extMarkers(message);
  const out: JsonObject[] = [];
  const media: JsonObject[] = [];
  message.content.forEach((part, i) => {
    const partPath = [...path, 'content', i];
    if (part.type !== 'tool-result') {
      const wire = encodeUserPart(part, partPath, losses);
      if (wire) {
        losses.approximate(
          partPath,
          'Chat tool messages hold results only; this part follows in a user message',
          'tool-result.media',
        );
        media.push(wire);
      } else losses.drop(partPath, `Chat tool messages cannot carry ${part.type} parts`, featureOf(part));
      return;
    }
    const texts: JsonObject[] = [];
    const textPaths: Path[] = [];
    part.content.forEach((inner, j) => {
      const innerPath = [...partPath, 'content', j];
      if (inner.type === 'text') {
        const text: JsonObject = { ...extFields(inner), type: 'text', text: inner.text };
        encodeBreakpoint(text, inner.cache, innerPath, losses);
        texts.push(text);
        textPaths.push(innerPath);
        return;
      }
      const wire = encodeUserPart(inner, innerPath, losses);
      if (!wire) return;
      losses.approximate(
        innerPath,
        'Chat tool results are text only; the media follow in a user message',
        'tool-result.media',
      );
      media.push(wire);
    });
    // Even `false` does not come back: Chat results have no flag, so the field is simply absent.
    if (part.isError !== undefined)
      losses.drop([...partPath, 'isError'], 'Chat tool results have no error flag', 'tool-result.error');
    const own = i === 0 ? fields : {};
    const wire: JsonObject =
      markers.legacy === 'function'
        ? { ...own, role: 'function', name: part.name ?? '' }
        : {
            ...own,
            role: 'tool',
            tool_call_id: part.callId === '' ? (synthetic.get(part.name ?? '') ?? '') : part.callId,
          };
    if (setContent(wire, texts, i === 0 ? markers : {}, own)) reportEmptyText(losses, textPaths[0] ?? partPath);
    out.push(wire);
  });
  if (media.length > 0) out.push({ role: 'user', content: media });
  return out;
}

/**
 * Writes `content`: a plain string for one plain text part (unless the wire used an array), else the
 * parts. Returns true when that string is `""`: Chat reads an empty string as no content at all, so
 * the empty text part does not come back (the caller reports it).
 */
function setContent(wire: JsonObject, parts: JsonObject[], markers: Markers, fields: JsonObject): boolean {
  const unknown = Array.isArray(markers.unknownParts) ? markers.unknownParts : [];
  if (parts.length === 0 && unknown.length === 0) {
    if (markers.contentArray) wire.content = [];
    else if ('content' in fields) wire.content = fields.content ?? null;
    else if (wire.role !== 'assistant') wire.content = '';
    return false;
  }
  const only = parts[0];
  if (!markers.contentArray && parts.length === 1 && unknown.length === 0 && only && isPlainText(only)) {
    wire.content = only.text as string;
    return only.text === '';
  }
  const list: JsonValue[] = [...parts];
  for (const entry of unknown) {
    const { index, part } = entry as { index: number; part: JsonValue };
    list.splice(index, 0, part);
  }
  wire.content = list;
  return false;
}

/** Reports an empty text part that was written as `content: ""` (read back as no part). */
function reportEmptyText(losses: LossRecorder, path: Path): void {
  losses.drop(path, 'Chat reads content "" as no content; the empty text part is not carried', 'content.empty-text');
}

function isPlainText(part: JsonObject): boolean {
  return part.type === 'text' && Object.keys(part).length === 2;
}

function isMedia(part: ContentPart): boolean {
  return part.type === 'image' || part.type === 'audio' || part.type === 'file';
}

/** The loss feature name for a part Chat cannot carry where it is. */
export function featureOf(part: ContentPart): string {
  switch (part.type) {
    case 'image':
      return 'content.image';
    case 'audio':
      return 'content.audio';
    case 'file':
      return 'content.file';
    case 'reasoning':
      return 'reasoning.text';
    case 'refusal':
      return 'content.refusal';
    case 'server-tool-call':
    case 'server-tool-result':
      return 'server-tool';
    case 'tool-call':
    case 'tool-result':
      return 'tool-call.position';
    default:
      return 'extensions';
  }
}
