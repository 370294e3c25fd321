import type { ContentPart, JsonObject, Message, ReasoningPart, ToolCallPart } from '@interlingua/core';
import { decodeContent } from './content-decode.ts';
import { attachExt, FORMAT, leftovers, type Markers } from './ext.ts';
import { parseWire } from './parse.ts';
import { readToolCallSignature } from './tool-call-signature.ts';
import { type ChatWireMessage, ChatWireMessageSchema, type ChatWireToolCall } from './wire/request.ts';

/** Signature fields compatible servers put next to `reasoning_content` (kept as opaque state). */
export const SIGNATURE_FIELDS = ['reasoning_signature', 'signature'] as const;

/**
 * Reads `messages[]`. Instructions keep their role and position; `tool` and legacy `function`
 * messages become `tool` messages with one `tool-result` part each.
 */
export function decodeMessages(wire: readonly unknown[]): Message[] {
  // Legacy `function_call`s have no id: synthesise one and pair the next `function` result by name.
  const legacyIds = new Map<string, string>();
  return wire.map((raw, index) => {
    const message = parseWire(ChatWireMessageSchema, raw, 'request', ['messages', index]);
    return decodeMessage(message, index, legacyIds);
  });
}

function decodeMessage(wire: ChatWireMessage, index: number, legacyIds: Map<string, string>): Message {
  const path = ['messages', index, 'content'];
  switch (wire.role) {
    case 'system':
    case 'developer':
    case 'user': {
      const content = decodeContent(wire.content, path);
      const message: Message = { role: wire.role, content: content.parts };
      if (typeof wire.name === 'string') message.name = wire.name;
      return attachExt(
        message,
        { ...leftovers(wire, ['role', 'content', 'name']), ...content.fields },
        content.markers,
      );
    }
    case 'assistant':
      return decodeAssistant(wire, index, legacyIds);
    case 'tool': {
      const content = decodeContent(wire.content, path);
      const part: ContentPart = {
        type: 'tool-result',
        callId: wire.tool_call_id ?? '',
        content: content.parts.filter(
          (p) => p.type === 'text' || p.type === 'image' || p.type === 'file' || p.type === 'audio',
        ),
      };
      const fields = { ...leftovers(wire, ['role', 'content', 'tool_call_id']), ...content.fields };
      const message: Message = { role: 'tool', content: [part] };
      return attachExt(message, fields, content.markers);
    }
    case 'function': {
      const content = decodeContent(wire.content, path);
      const name = wire.name ?? '';
      const part: ContentPart = {
        type: 'tool-result',
        callId: legacyIds.get(name) ?? legacyId(index),
        name,
        content: content.parts.filter((p) => p.type === 'text'),
      };
      const fields = { ...leftovers(wire, ['role', 'content', 'name']), ...content.fields };
      const message: Message = { role: 'tool', content: [part] };
      return attachExt(message, fields, { ...content.markers, legacy: 'function' });
    }
  }
}

function decodeAssistant(wire: ChatWireMessage, index: number, legacyIds: Map<string, string>): Message {
  const parts: ContentPart[] = [];
  const markers: Markers = {};
  const known = ['role', 'content', 'name', 'tool_calls', 'refusal', 'function_call', 'reasoning_content'];
  // When both spellings arrive, the text comes from `reasoning_content` and `reasoning` rides along raw.
  if (typeof wire.reasoning_content !== 'string') known.push('reasoning');
  const reasoning = decodeReasoningFields(wire as JsonObject, markers);
  if (reasoning) {
    parts.push(reasoning);
    known.push(...SIGNATURE_FIELDS);
  }
  const content = decodeContent(wire.content, ['messages', index, 'content']);
  parts.push(...content.parts);
  Object.assign(markers, content.markers);
  if (wire.content === undefined) markers.noContent = true;
  if (typeof wire.refusal === 'string') parts.push({ type: 'refusal', text: wire.refusal });
  wire.tool_calls?.forEach((call) => {
    parts.push(decodeToolCall(call));
  });
  if (wire.function_call) {
    const id = legacyId(index);
    legacyIds.set(wire.function_call.name, id);
    parts.push({ type: 'tool-call', id, name: wire.function_call.name, arguments: wire.function_call.arguments });
    markers.legacy = 'function_call';
  }
  const message: Message = { role: 'assistant', content: parts };
  if (typeof wire.name === 'string') message.name = wire.name;
  const fields = { ...leftovers(wire, known), ...content.fields };
  // An empty `tool_calls: []` (some clients send it) maps to nothing; keep it to write it back.
  if (Array.isArray(wire.tool_calls) && wire.tool_calls.length === 0) fields.tool_calls = [];
  return attachExt(message, fields, markers);
}

/** Reads a `tool_calls[]` entry (function or custom). */
export function decodeToolCall(call: ChatWireToolCall): ToolCallPart {
  const known = ['id', 'type', 'function', 'custom'];
  if (call.type === 'custom' && call.custom) {
    const part: ToolCallPart = {
      type: 'tool-call',
      id: call.id,
      name: call.custom.name,
      arguments: call.custom.input,
      kind: 'custom',
    };
    return attachExt(part, { ...leftovers(call, known), ...nestedLeftovers('custom', call.custom, ['name', 'input']) });
  }
  const fn = call.function ?? { name: '', arguments: '' };
  const part: ToolCallPart = { type: 'tool-call', id: call.id, name: fn.name, arguments: fn.arguments };
  const fields = { ...leftovers(call, known), ...nestedLeftovers('function', fn, ['name', 'arguments']) };
  const { signature, rest } = readToolCallSignature(fields);
  if (signature) {
    part.signature = signature;
    if (rest && Object.keys(rest).length > 0) fields.extra_content = rest;
    else delete fields.extra_content;
  }
  // A missing `type` is tolerated (some compatible servers omit it); remember it so it stays missing.
  return attachExt(part, fields, call.type === undefined ? { noType: true } : {});
}

/**
 * Reads compatible servers' reasoning display (`reasoning_content`, or `reasoning`) and the signature
 * some of them send next to it, from a message or a delta.
 */
export function decodeReasoningFields(wire: JsonObject, markers: Markers): ReasoningPart | undefined {
  const text =
    typeof wire.reasoning_content === 'string'
      ? wire.reasoning_content
      : typeof wire.reasoning === 'string'
        ? wire.reasoning
        : undefined;
  const signatureField = SIGNATURE_FIELDS.find((field) => typeof wire[field] === 'string');
  if (text === undefined && signatureField === undefined) return undefined;
  const part: ReasoningPart = { type: 'reasoning', text: text ?? '' };
  if (typeof wire.reasoning_content !== 'string' && typeof wire.reasoning === 'string')
    markers.reasoningField = 'reasoning';
  if (signatureField !== undefined) {
    part.signature = { format: FORMAT, value: wire[signatureField] as string };
    if (signatureField !== 'reasoning_signature') markers.signatureField = signatureField;
  }
  return part;
}

function nestedLeftovers(key: string, obj: object, known: string[]): JsonObject {
  const rest = leftovers(obj, known);
  return Object.keys(rest).length > 0 ? { [key]: rest } : {};
}

function legacyId(index: number): string {
  return `call_legacy_${index}`;
}
