import type { ContentPart, JsonObject, LossRecorder, ReasoningPart, RefusalPart, TextPart } from '@interlingua/core';
import { encodeContentPart } from './content.ts';
import { extFields, extMarkers, FORMAT, isObject, jsonEqual, markerObject } from './ext.ts';
import { itemId } from './ids.ts';

/** Options of item encoding. */
export interface ItemEncoding {
  /** `request`: replayed history (ids optional); `response`: output (ids and status required). */
  mode: 'request' | 'response';
  /** Seed of invented ids (the response id without its prefix). */
  base: string;
  /** Where losses go. */
  losses: LossRecorder;
}

/** True when `part` continues the message item `previous` belongs to (consecutive parts of one message). */
export function continuesMessage(previous: ContentPart | undefined, part: ContentPart): boolean {
  if (!previous || !isMessagePart(previous) || !isMessagePart(part)) return false;
  const a = extMarkers(previous);
  const b = extMarkers(part);
  if (b.partIndex === 0 || b.emptyItem || a.emptyItem || b.contentString || a.contentString) return false;
  return jsonEqual(markerObject(a, 'item'), markerObject(b, 'item'));
}

/** Text and refusal parts live inside message items. */
export function isMessagePart(part: ContentPart): part is TextPart | RefusalPart {
  return part.type === 'text' || part.type === 'refusal';
}

/** The envelope (every field but `content`) of the message item a part belongs to, ids invented in response mode. */
export function messageEnvelope(
  part: ContentPart,
  outputIndex: number,
  options: ItemEncoding,
  status: string,
): JsonObject {
  const remembered = markerObject(extMarkers(part), 'item');
  if (remembered) return { ...remembered };
  if (options.mode === 'request') return { type: 'message', role: 'assistant' };
  return { id: itemId('msg', options.base, outputIndex), type: 'message', status, role: 'assistant' };
}

/** Whether a part's message item was written with string content. */
export function hasStringContent(part: ContentPart): boolean {
  return extMarkers(part).contentString === true;
}

/** Whether the message item a part stands for had no content at all. */
export function isEmptyItem(part: ContentPart): boolean {
  return extMarkers(part).emptyItem === true;
}

/**
 * Writes a non-message part as one item, or undefined (with a loss) when Responses cannot replay it.
 * `status` is used for invented output items (`in_progress` while streaming, `completed` at the end).
 */
export function encodeSingleItem(
  part: ContentPart,
  path: (string | number)[],
  outputIndex: number,
  options: ItemEncoding,
  status = 'completed',
): JsonObject | undefined {
  const { losses, mode, base } = options;
  const fields = extFields(part);
  const markers = extMarkers(part);
  switch (part.type) {
    case 'tool-call': {
      if (part.signature)
        losses.drop(
          [...path, 'signature'],
          'a thought signature cannot ride on a Responses call',
          'reasoning.signature',
        );
      const custom = part.kind === 'custom';
      const id = part.itemId ?? (mode === 'response' ? itemId(custom ? 'ctc' : 'fc', base, outputIndex) : undefined);
      const out: JsonObject = { type: custom ? 'custom_tool_call' : 'function_call' };
      if (id !== undefined) out.id = id;
      if (mode === 'response' && fields.status === undefined && !markers.noStatus) out.status = status;
      Object.assign(out, fields);
      out.call_id = part.id !== '' ? part.id : `call_${base}${outputIndex}`;
      out.name = part.name;
      out[custom ? 'input' : 'arguments'] = part.arguments;
      return out;
    }
    case 'reasoning':
      return encodeReasoningItem(part, path, outputIndex, options);
    case 'server-tool-call':
    case 'server-tool-result': {
      const item = markerObject(markers, 'item');
      if (item) return item;
      // Another provider's web search can still be shown as a completed search in Responses output.
      if (mode === 'response' && part.type === 'server-tool-call' && part.name === 'web_search') {
        const query = isObject(part.input) && typeof part.input.query === 'string' ? part.input.query : undefined;
        losses.approximate(
          path,
          'a web search of another provider is written as a web_search_call without results',
          'server-tool',
        );
        return {
          id: itemId('ws', base, outputIndex),
          type: 'web_search_call',
          status: 'completed',
          action: query === undefined ? { type: 'search' } : { type: 'search', query },
        };
      }
      losses.drop(
        path,
        `a ${part.name} server tool block from another provider cannot be replayed to Responses`,
        'server-tool',
      );
      return undefined;
    }
    default:
      return undefined;
  }
}

function encodeReasoningItem(
  part: ReasoningPart,
  path: (string | number)[],
  outputIndex: number,
  options: ItemEncoding,
): JsonObject | undefined {
  const { losses, mode, base } = options;
  const own =
    part.encrypted?.format === FORMAT ||
    (part.encrypted === undefined && part.signature === undefined && part.id !== undefined);
  if (part.signature)
    losses.drop(
      [...path, 'signature'],
      'reasoning signatures of other formats are not forwarded',
      'reasoning.signature',
    );
  if (part.encrypted && part.encrypted.format !== FORMAT)
    losses.drop(
      [...path, 'encrypted'],
      'encrypted reasoning of another format is not forwarded',
      part.redacted ? 'reasoning.redacted' : 'reasoning.encrypted',
    );
  if (mode === 'request' && !own) {
    // A reasoning item needs OpenAI's own encrypted state; foreign thinking cannot be replayed.
    if (part.text !== '')
      losses.drop([...path, 'text'], 'reasoning from another format cannot be replayed to Responses', 'reasoning.text');
    if (part.summary?.length)
      losses.drop(
        [...path, 'summary'],
        'reasoning summaries from another format cannot be replayed',
        'reasoning.summary',
      );
    return undefined;
  }
  const markers = extMarkers(part);
  const out: JsonObject = { id: part.id ?? itemId('rs', base, outputIndex), type: 'reasoning' };
  if (mode === 'request' && part.id === undefined) delete out.id;
  Object.assign(out, extFields(part));
  if (!markers.noSummary || (part.summary?.length ?? 0) > 0) {
    const summary = part.summary ?? [];
    const raw = markers.summary;
    out.summary =
      Array.isArray(raw) &&
      jsonEqual(
        raw.map((s) => (isObject(s) ? s.text : null)),
        summary,
      )
        ? raw
        : summary.map((text) => ({ type: 'summary_text', text }));
  }
  const rawContent = markers.content;
  if (Array.isArray(rawContent) && rawContent.map((c) => (isObject(c) ? c.text : '')).join('') === part.text)
    out.content = rawContent;
  else if (part.text !== '') out.content = [{ type: 'reasoning_text', text: part.text }];
  if (part.encrypted?.format === FORMAT) out.encrypted_content = part.encrypted.value;
  return out;
}

/** Writes assistant-side parts as items, grouping consecutive text / refusal parts into message items. */
export function encodeOutputParts(
  parts: ContentPart[],
  path: (string | number)[],
  options: ItemEncoding,
  firstIndex = 0,
): JsonObject[] {
  const items: JsonObject[] = [];
  let message: { item: JsonObject; content: JsonObject[] } | undefined;
  let previous: ContentPart | undefined;
  parts.forEach((part, i) => {
    const at = [...path, i];
    if (isMessagePart(part)) {
      if (!message || !continuesMessage(previous, part)) {
        message = { item: messageEnvelope(part, firstIndex + items.length, options, 'completed'), content: [] };
        items.push(message.item);
        message.item.content = message.content;
      }
      if (isEmptyItem(part)) message.content.length = 0;
      else {
        const encoded = encodeContentPart(part, true, at, options.losses);
        if (encoded) message.content.push(encoded);
      }
      if (hasStringContent(part)) message.item.content = part.type === 'text' ? part.text : message.content;
      previous = part;
      return;
    }
    message = undefined;
    previous = part;
    const item = encodeSingleItem(part, at, firstIndex + items.length, options);
    if (item) items.push(item);
    else if (!['tool-call', 'reasoning', 'server-tool-call', 'server-tool-result'].includes(part.type))
      options.losses.drop(at, `a ${part.type} part cannot be assistant output in Responses`, `content.${part.type}`);
  });
  return items;
}
