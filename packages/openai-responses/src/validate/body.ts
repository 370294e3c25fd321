import type { JsonObject } from '@interlingua/core';
import { z } from 'zod';
import { decodeContentPart } from '../content.ts';
import { isObject } from '../ext.ts';
import { decodeOutputItem, decodeSingleItem } from '../item-decode.ts';
import { decodeToolResult } from '../tool-results.ts';
import { decodeTool } from '../tools.ts';
import { wireMessageItem } from '../wire/items.ts';
import { wireRequest } from '../wire/request.ts';
import { wireResponse } from '../wire/response.ts';
import type { Problems } from './problems.ts';

const CALLS = new Set([
  'function_call',
  'custom_tool_call',
  'local_shell_call',
  'shell_call',
  'apply_patch_call',
  'computer_call',
]);
const OUTPUTS = new Set([
  'function_call_output',
  'custom_tool_call_output',
  'local_shell_call_output',
  'shell_call_output',
  'apply_patch_call_output',
  'computer_call_output',
]);
const STATUSES = ['completed', 'incomplete', 'failed', 'in_progress', 'queued', 'cancelled'];

/** Checks a request body: the schema, every item, part and tool, and the API's pairing rules. */
export function checkRequest(problems: Problems, body: unknown): void {
  const request = problems.schema(wireRequest, body, []);
  if (!request) return;
  if (typeof request.temperature === 'number' && (request.temperature < 0 || request.temperature > 2))
    problems.add(['temperature'], `expected a value in 0..2, received ${request.temperature}`, 'schema');
  if (typeof request.top_p === 'number' && (request.top_p < 0 || request.top_p > 1))
    problems.add(['top_p'], `expected a value in 0..1, received ${request.top_p}`, 'schema');
  (request.tools ?? []).forEach((tool, i) => {
    problems.attempt(() => decodeTool(tool as JsonObject & { type: string }, ['tools', i]));
  });
  if (!Array.isArray(request.input)) return;
  const items = request.input;
  items.forEach((item, i) => {
    problems.attempt(() => checkItem(item, ['input', i]));
  });
  // Server-side history may hold the other half of a pair: only check self-contained requests.
  const stateless = !request.previous_response_id && !request.conversation;
  checkReasoningPairs(problems, items);
  if (stateless) checkToolPairs(problems, items);
}

function checkItem(item: unknown, path: (string | number)[]): void {
  const type = isObject(item) ? item.type : undefined;
  if (type === undefined || type === 'message') {
    const message = wireMessageItem.safeParse(item);
    if (message.success && message.data.role === 'assistant') decodeOutputItem(item, path, 'request');
    else if (message.success && Array.isArray(message.data.content))
      message.data.content.forEach((part, j) => {
        decodeContentPart(part, false, [...path, 'content', j]);
      });
    else decodeOutputItem(item, path, 'request');
  } else if (type === 'function_call_output' || type === 'custom_tool_call_output') decodeToolResult(item, path);
  else decodeSingleItem(item, path, 'request');
}

function itemType(item: unknown): string {
  return isObject(item) && typeof item.type === 'string' ? item.type : 'message';
}

function roleOf(item: unknown): unknown {
  return isObject(item) ? item.role : undefined;
}

/** A replayed reasoning item must be followed by the item it produced (an assistant message replayed with its id). */
function checkReasoningPairs(problems: Problems, items: unknown[]): void {
  items.forEach((item, i) => {
    if (itemType(item) !== 'reasoning') return;
    const next = items[i + 1];
    const nextType = itemType(next);
    const userSide =
      next === undefined || OUTPUTS.has(nextType) || (nextType === 'message' && roleOf(next) !== 'assistant');
    if (userSide) {
      problems.add(['input', i], 'a reasoning item must be followed by the item it produced', 'reasoning-pairing');
      return;
    }
    if (nextType === 'message' && !(isObject(next) && typeof next.id === 'string'))
      problems.add(
        ['input', i + 1],
        'the assistant message after a reasoning item must be replayed with its id',
        'reasoning-pairing',
      );
  });
}

/** Every tool call needs its output, and every output a call before it. */
function checkToolPairs(problems: Problems, items: unknown[]): void {
  const calls = new Map<string, number>();
  const answered = new Set<string>();
  items.forEach((item, i) => {
    const type = itemType(item);
    const callId = isObject(item) && typeof item.call_id === 'string' ? item.call_id : undefined;
    if (callId === undefined) return;
    if (CALLS.has(type)) calls.set(callId, i);
    else if (OUTPUTS.has(type)) {
      if (!calls.has(callId))
        problems.add(
          ['input', i, 'call_id'],
          `no tool call with call_id ${callId} precedes this output`,
          'tool-result',
        );
      answered.add(callId);
    }
  });
  for (const [callId, i] of calls)
    if (!answered.has(callId)) problems.add(['input', i], `no tool output found for call ${callId}`, 'tool-result');
}

/** Checks a response object: the schema, every output item, and status consistency. */
export function checkResponse(problems: Problems, body: unknown, prefix: (string | number)[]): void {
  const response = problems.schema(wireResponse, body, prefix);
  if (!response) return;
  (response.output ?? []).forEach((item, i) => {
    problems.attempt(() => decodeOutputItem(item, [...prefix, 'output', i], 'response'));
  });
  const status = response.status;
  if (typeof status !== 'string' || !STATUSES.includes(status))
    problems.add([...prefix, 'status'], `expected one of ${STATUSES.join(', ')}`, 'schema');
  if (status === 'failed' && !response.error)
    problems.add([...prefix, 'error'], 'a failed response carries its error', 'schema');
  if (status === 'incomplete' && !response.incomplete_details?.reason)
    problems.add([...prefix, 'incomplete_details'], 'an incomplete response says why', 'schema');
  if (status === 'completed' && !response.usage)
    problems.add([...prefix, 'usage'], 'a completed response carries usage', 'usage');
}

const wireErrorBody = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.string().nullable(),
    param: z.string().nullable(),
    code: z.union([z.string(), z.number()]).nullable(),
  }),
});

/** Checks an error body `{error: {message, type, param, code}}`. */
export function checkError(problems: Problems, body: unknown): void {
  problems.schema(wireErrorBody, body, []);
}
