import type {
  ContentPart,
  JsonObject,
  JsonValue,
  ReasoningPart,
  ServerToolCallPart,
  ServerToolResultPart,
  TextPart,
  ToolCallPart,
} from '@interlingua/core';
import { decodeContentPart, type MessageContent } from './content.ts';
import { attachExt, extFields, extMarkers, FORMAT, isObject, leftovers, type Markers } from './ext.ts';
import { isInventedId } from './ids.ts';
import { parseWire } from './parse.ts';
import {
  wireCustomToolCallItem,
  wireFunctionCallItem,
  wireItemBase,
  wireMessageItem,
  wireReasoningItem,
} from './wire/items.ts';

type Kind = 'request' | 'response' | 'stream';

/** Built-in item types whose canonical tool kind differs from the type minus `_call`. */
const SERVER_TOOL_NAMES: Record<string, string> = {
  code_interpreter_call: 'code_execution',
  computer_call: 'computer',
  computer_call_output: 'computer',
  local_shell_call_output: 'local_shell',
  shell_call_output: 'shell',
  apply_patch_call_output: 'apply_patch',
  tool_search_output: 'tool_search',
  mcp_approval_response: 'mcp_approval_request',
};

/** Built-in item types that carry a result (sent back by the client) rather than a call. */
const RESULT_ITEMS = new Set([
  'computer_call_output',
  'local_shell_call_output',
  'shell_call_output',
  'apply_patch_call_output',
  'tool_search_output',
  'mcp_approval_response',
  'program_output',
]);

/** The canonical tool kind of a built-in item type (`web_search_call` → `web_search`). */
export function serverToolName(type: string): string {
  return SERVER_TOOL_NAMES[type] ?? type.replace(/_call$/, '');
}

/** Reads an assistant-side item (message, function / custom call, reasoning, built-in tool item) into content parts. */
export function decodeOutputItem(value: unknown, path: (string | number)[], kind: Kind): ContentPart[] {
  const base = parseWire(wireItemBase, value, kind, path);
  if (base.type === undefined || base.type === 'message') return decodeMessageItem(value, path, kind);
  return [decodeSingleItem(value, path, kind)];
}

/** Reads an assistant `message` item: one canonical part per content part, each remembering the item envelope. */
export function decodeMessageItem(value: unknown, path: (string | number)[], kind: Kind): MessageContent[] {
  const item = parseWire(wireMessageItem, value, kind, path);
  const envelope = leftovers(item, ['content']);
  if (typeof item.content === 'string')
    return [
      attachExt<TextPart>(
        { type: 'text', text: item.content },
        {},
        { item: envelope, partIndex: 0, contentString: true },
      ),
    ];
  if (item.content.length === 0)
    return [attachExt<TextPart>({ type: 'text', text: '' }, {}, { item: envelope, emptyItem: true })];
  return item.content.map((part, i) =>
    withItem(decodeContentPart(part, true, [...path, 'content', i], kind), envelope, i),
  );
}

/** Adds the item envelope and the part's position to a decoded message part. */
export function withItem<T extends MessageContent>(part: T, envelope: JsonObject, partIndex: number): T {
  return attachExt(part, extFields(part), { ...extMarkers(part), item: envelope, partIndex });
}

/** Reads a non-message item into one part. */
export function decodeSingleItem(value: unknown, path: (string | number)[], kind: Kind): ContentPart {
  const base = parseWire(wireItemBase, value, kind, path) as JsonObject & { type: string };
  switch (base.type) {
    case 'function_call': {
      const item = parseWire(wireFunctionCallItem, value, kind, path);
      const part: ToolCallPart = { type: 'tool-call', id: item.call_id, name: item.name, arguments: item.arguments };
      if (typeof item.id === 'string') part.itemId = item.id;
      return attachExt(part, leftovers(item, ['type', 'call_id', 'name', 'arguments', 'id']));
    }
    case 'custom_tool_call': {
      const item = parseWire(wireCustomToolCallItem, value, kind, path);
      const part: ToolCallPart = {
        type: 'tool-call',
        id: item.call_id,
        name: item.name,
        arguments: item.input,
        kind: 'custom',
      };
      if (typeof item.id === 'string') part.itemId = item.id;
      return attachExt(part, leftovers(item, ['type', 'call_id', 'name', 'input', 'id']), {
        noStatus: !('status' in item),
      });
    }
    case 'reasoning':
      return decodeReasoningItem(value, path, kind);
    default: {
      // Built-in tool items (and unknown future items) ride whole so a same-format replay is exact.
      const name = serverToolName(base.type);
      const id = typeof base.id === 'string' ? base.id : typeof base.call_id === 'string' ? base.call_id : '';
      if (RESULT_ITEMS.has(base.type)) {
        const part: ServerToolResultPart = {
          type: 'server-tool-result',
          callId: typeof base.call_id === 'string' ? base.call_id : id,
          name,
          output: base.output ?? null,
        };
        return attachExt(part, {}, { item: base });
      }
      const part: ServerToolCallPart = { type: 'server-tool-call', id, name, input: serverToolInput(base) };
      return attachExt(part, {}, { item: base });
    }
  }
}

function serverToolInput(item: JsonObject): JsonValue {
  // A web search's input is its action (`{type: "search", query}`), the shape other formats can read.
  if (item.type === 'web_search_call' && isObject(item.action)) return item.action;
  const {
    id: _id,
    type: _type,
    status: _status,
    results: _r,
    outputs: _o,
    output: _out,
    result: _res,
    ...input
  } = item;
  return input;
}

function decodeReasoningItem(value: unknown, path: (string | number)[], kind: Kind): ReasoningPart {
  const item = parseWire(wireReasoningItem, value, kind, path);
  const texts = item.content ?? [];
  const part: ReasoningPart = { type: 'reasoning', text: texts.map((c) => c.text).join('') };
  // An empty summary is what Responses writes for reasoning without one (the field is required).
  if (item.summary && item.summary.length > 0) part.summary = item.summary.map((s) => s.text);
  if (item.encrypted_content) part.encrypted = { format: FORMAT, value: item.encrypted_content };
  if (typeof item.id === 'string') part.id = item.id;
  const markers: Markers = {};
  // Keep the raw arrays only when the plain mapping would not give them back exactly.
  if (item.summary === undefined) markers.noSummary = true;
  else if (item.summary.some((s) => s.type !== 'summary_text' || Object.keys(s).length !== 2))
    markers.summary = item.summary as JsonObject[];
  if (item.content !== undefined && item.content !== null) {
    const simple = texts.length === 1 && texts[0]?.type === 'reasoning_text' && Object.keys(texts[0]).length === 2;
    if (!simple) markers.content = texts as JsonObject[];
  }
  return attachExt(part, leftovers(item, ['type', 'id', 'summary', 'content', 'encrypted_content']), markers);
}

/**
 * Removes the item id of a call or reasoning part when it is the one the encoder invents for its
 * position (see `isInventedId`): the source of such an item had no id, and re-encoding invents it again.
 */
export function forgetInventedId(part: ContentPart, responseId: string | undefined, outputIndex: number): ContentPart {
  if (part.type === 'tool-call' && part.itemId !== undefined) {
    if (isInventedId(part.itemId, part.kind === 'custom' ? 'ctc' : 'fc', responseId, outputIndex)) delete part.itemId;
  } else if (part.type === 'reasoning' && part.id !== undefined) {
    if (isInventedId(part.id, 'rs', responseId, outputIndex)) delete part.id;
  }
  return part;
}
