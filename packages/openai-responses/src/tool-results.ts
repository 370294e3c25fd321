import type { JsonObject, LossRecorder, ToolResultPart } from '@interlingua/core';
import { decodeContentPart, encodeContentPart } from './content.ts';
import { attachExt, extFields, extMarkers, leftovers } from './ext.ts';
import { parseWire } from './parse.ts';
import { wireToolOutputItem } from './wire/items.ts';

/** Reads `function_call_output` / `custom_tool_call_output`: string output becomes one text part. */
export function decodeToolResult(value: unknown, path: (string | number)[]): ToolResultPart {
  const item = parseWire(wireToolOutputItem, value, 'request', path);
  const part: ToolResultPart = {
    type: 'tool-result',
    callId: item.call_id,
    content:
      typeof item.output === 'string'
        ? [{ type: 'text', text: item.output }]
        : item.output.map((p, i) => {
            const decoded = decodeContentPart(p, false, [...path, 'output', i]);
            return decoded.type === 'refusal' ? { type: 'text' as const, text: decoded.text } : decoded;
          }),
  };
  if (item.type === 'custom_tool_call_output') part.kind = 'custom';
  return attachExt(part, leftovers(item, ['type', 'call_id', 'output']), { outputArray: Array.isArray(item.output) });
}

/**
 * Writes a tool result as an output item: a single plain text part as a string, anything else
 * (images, files, several parts) as an array of input parts.
 */
export function encodeToolResult(part: ToolResultPart, path: (string | number)[], losses: LossRecorder): JsonObject {
  const markers = extMarkers(part);
  // Even `isError: false` is a statement the wire cannot make (it reads back as unset).
  if (part.isError !== undefined)
    losses.drop([...path, 'isError'], 'Responses tool outputs have no error flag', 'tool-result.error');
  const only = part.content[0];
  const simple =
    !markers.outputArray &&
    part.content.length === 1 &&
    only?.type === 'text' &&
    only.extensions === undefined &&
    only.citations === undefined;
  let output: JsonObject['output'];
  if (simple && only?.type === 'text') output = only.text;
  else if (part.content.length === 0 && !markers.outputArray) output = '';
  else
    output = part.content.flatMap((p, i) => {
      const encoded = encodeContentPart(p, false, [...path, 'content', i], losses);
      return encoded ? [encoded] : [];
    });
  return {
    type: part.kind === 'custom' ? 'custom_tool_call_output' : 'function_call_output',
    call_id: part.callId,
    ...extFields(part),
    output,
  };
}
