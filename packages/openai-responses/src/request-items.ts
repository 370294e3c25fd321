import type { ContentPart, JsonObject, JsonValue, LossRecorder, Message } from '@interlingua/core';
import { encodeContentPart } from './content.ts';
import { extFields, extMarkers } from './ext.ts';
import { encodeOutputParts } from './item-encode.ts';
import { encodeToolResult } from './tool-results.ts';

/**
 * Writes the conversation as `instructions` + `input`. Messages are flattened into items in
 * order: content parts gather into message items, and every call, result and reasoning part
 * becomes its own item, so a replayed reasoning item stays right before the item that follows it.
 */
export function encodeMessages(messages: Message[], losses: LossRecorder): { instructions?: string; input: JsonValue } {
  let instructions: string | undefined;
  let rest = messages;
  const first = messages[0];
  if (first && extMarkers(first).instructions && first.content.every((p) => p.type === 'text')) {
    instructions = first.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
    rest = messages.slice(1);
  }
  const only = rest[0];
  if (
    rest.length === 1 &&
    only &&
    extMarkers(only).inputString &&
    only.content.length === 1 &&
    only.content[0]?.type === 'text'
  )
    return { instructions, input: only.content[0].text };
  const input: JsonObject[] = [];
  rest.forEach((message, i) => {
    const path = ['messages', messages.indexOf(message) >= 0 ? messages.indexOf(message) : i];
    if (message.name !== undefined)
      losses.drop([...path, 'name'], 'Responses messages have no participant name', 'message.name');
    const before = input.length;
    const reported = losses.losses.length;
    if (message.role === 'assistant') {
      const parts = message.content.filter((p, j) => keepAssistantPart(p, [...path, 'content', j], losses));
      input.push(...encodeOutputParts(parts, [...path, 'content'], { mode: 'request', base: 'req', losses }));
    } else input.push(...encodeUserSide(message, path, losses));
    // A turn with nothing Responses can replay (only foreign reasoning, say) leaves no item at all:
    // the message itself is gone, which the losses of its parts alone do not say.
    if (input.length === before)
      losses.drop(
        path,
        'nothing of this turn can be written as a Responses item',
        losses.losses[reported]?.feature ?? 'content.empty-text',
      );
  });
  return { instructions, input };
}

function keepAssistantPart(part: ContentPart, path: (string | number)[], losses: LossRecorder): boolean {
  if (part.type === 'tool-result') {
    losses.drop(path, 'a tool result inside an assistant turn is not valid in Responses', 'tool-result.position');
    return false;
  }
  return true;
}

/** A user / system / developer / tool message: one message item for its content, one item per tool result. */
function encodeUserSide(message: Message, path: (string | number)[], losses: LossRecorder): JsonObject[] {
  const items: JsonObject[] = [];
  const markers = extMarkers(message);
  const role = message.role === 'tool' ? 'user' : message.role;
  let content: JsonObject[] | undefined;
  const flush = (): void => {
    if (!content) return;
    const item: JsonObject = {};
    if (!markers.untyped) item.type = 'message';
    if (message.id !== undefined) item.id = message.id;
    Object.assign(item, extFields(message));
    item.role = role;
    const single = content[0];
    item.content =
      markers.contentString && content.length === 1 && single?.type === 'input_text' && Object.keys(single).length === 2
        ? (single.text ?? '')
        : content;
    items.push(item);
    content = undefined;
  };
  message.content.forEach((part, j) => {
    const at = [...path, 'content', j];
    if (part.type === 'tool-result') {
      flush();
      items.push(encodeToolResult(part, at, losses));
      return;
    }
    if (part.type === 'tool-call' || part.type === 'reasoning' || part.type.startsWith('server-tool')) {
      flush();
      items.push(...encodeOutputParts([part], [...path, 'content'], { mode: 'request', base: 'req', losses }, j));
      return;
    }
    const encoded = encodeContentPart(part, false, at, losses);
    if (encoded) (content ??= []).push(encoded);
  });
  if (content || (message.role !== 'tool' && items.length === 0)) {
    content ??= [];
    flush();
  }
  return items;
}
