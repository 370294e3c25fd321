import { z } from 'zod';
import { ChatWireToolCallSchema } from '../wire/request.ts';
import { ChatWireErrorSchema, ChatWireResponseMessageSchema, ChatWireResponseSchema } from '../wire/response.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * Response and error bodies (spec §3, §5), also used for the `error` payload of streams, plus the
 * tool-call and finish-reason checks streams share. The wire schemas are lenient for the decoder's
 * sake (compatible servers omit fields); the validator tightens them to what OpenAI always sends.
 */

/** The finish reasons OpenAI sends (spec §3). */
export const FINISH_REASONS: readonly string[] = ['stop', 'length', 'tool_calls', 'content_filter', 'function_call'];

/** The error envelope as the API and the SDK agree on it: all four fields present (`param`, `code` may be null). */
export const ErrorBody = ChatWireErrorSchema.extend({
  error: ChatWireErrorSchema.shape.error.extend({
    message: z.string(),
    type: z.string(),
    param: z.string().nullable(),
    code: z.string().nullable(),
  }),
});

const FunctionCall = ChatWireToolCallSchema.extend({
  type: z.literal('function'),
  function: ChatWireToolCallSchema.shape.function.unwrap(),
});
const CustomCall = ChatWireToolCallSchema.extend({
  type: z.literal('custom'),
  custom: ChatWireToolCallSchema.shape.custom.unwrap(),
});

const Message = ChatWireResponseMessageSchema.extend({ role: z.literal('assistant'), content: z.string().nullable() });
const ResponseChoice = ChatWireResponseSchema.shape.choices.element.extend({
  index: z.number().int().nonnegative(),
  message: Message,
  finish_reason: z.string(),
});

/** A `chat.completion` with the envelope OpenAI always sends; `usage` is left to `checkUsage` (rule `usage`). */
const Response = ChatWireResponseSchema.extend({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(ResponseChoice).min(1),
});

/** The counts clients read from every usage object. */
const USAGE_COUNTS = ['prompt_tokens', 'completion_tokens', 'total_tokens'];

/** Checks that a usage object is present with its counts (field types are the schema's business). */
export function checkUsage(problems: Problems, usage: unknown, path: Path): void {
  if (usage === undefined || usage === null) {
    problems.add(path, 'usage', `expected a usage object, got ${describe(usage)}`);
    return;
  }
  if (!isRecord(usage)) return;
  for (const key of USAGE_COUNTS)
    if (usage[key] === undefined || usage[key] === null)
      problems.add([...path, key], 'usage', `expected usage.${key} (a number), got ${describe(usage[key])}`);
}

/** Checks one complete tool call (`{id, type, function | custom}`); returns its type when it is a known one. */
export function checkToolCall(problems: Problems, call: unknown, path: Path): 'function' | 'custom' | undefined {
  if (!isRecord(call)) {
    problems.schema(ChatWireToolCallSchema, call, path);
    return undefined;
  }
  if (call.type === 'function') return problems.schema(FunctionCall, call, path) ? 'function' : undefined;
  if (call.type === 'custom') return problems.schema(CustomCall, call, path) ? 'custom' : undefined;
  problems.schema(ChatWireToolCallSchema, call, path);
  problems.add([...path, 'type'], 'schema', `expected "function" or "custom", got ${describe(call.type)}`);
  return undefined;
}

/**
 * Function-call arguments must be JSON once complete, except when the model was cut off
 * (`finish_reason: length`): OpenAI then sends the arguments as far as they got.
 */
export function checkArguments(
  problems: Problems,
  text: string,
  finishReason: unknown,
  path: Path,
  what: string,
): void {
  if (finishReason === 'length' || isJson(text)) return;
  problems.add(path, 'arguments-json', `expected the arguments of ${what} to be valid JSON, got ${describe(text)}`);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A finish reason must be one OpenAI sends, and `tool_calls` / `function_call` only when the choice
 * called a tool (clients look for the calls when they see it).
 */
export function checkFinishReason(
  problems: Problems,
  reason: string,
  calls: { tools: number; functionCall: boolean },
  path: Path,
  choice: number,
): void {
  if (!FINISH_REASONS.includes(reason))
    problems.add(path, 'finish-reason', `expected one of ${FINISH_REASONS.join(', ')}, got ${describe(reason)}`);
  else if (reason === 'tool_calls' && calls.tools === 0)
    problems.add(
      path,
      'finish-reason',
      `expected finish_reason "tool_calls" only when choice ${choice} called a tool, got it with no tool calls`,
    );
  else if (reason === 'function_call' && !calls.functionCall)
    problems.add(
      path,
      'finish-reason',
      `expected finish_reason "function_call" only when choice ${choice} has a function_call, got it without one`,
    );
}

/** Checks a whole `chat.completion` body. */
export function checkResponse(problems: Problems, body: unknown, path: Path): void {
  problems.schema(Response, body, path);
  if (!isRecord(body)) return;
  if (Array.isArray(body.choices))
    body.choices.forEach((choice, i) => {
      if (!isRecord(choice)) return;
      const at = [...path, 'choices', i];
      if (typeof choice.index === 'number' && choice.index !== i)
        problems.add(
          [...at, 'index'],
          'block-index',
          `expected index ${i} (choices count up from 0), got ${choice.index}`,
        );
      const message = isRecord(choice.message) ? choice.message : {};
      const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
      calls.forEach((call, c) => {
        const callPath = [...at, 'message', 'tool_calls', c];
        if (checkToolCall(problems, call, callPath) !== 'function' || !isRecord(call) || !isRecord(call.function))
          return;
        const args = call.function.arguments;
        if (typeof args === 'string')
          checkArguments(
            problems,
            args,
            choice.finish_reason,
            [...callPath, 'function', 'arguments'],
            `tool call ${c}`,
          );
      });
      if (typeof choice.finish_reason === 'string')
        checkFinishReason(
          problems,
          choice.finish_reason,
          { tools: calls.length, functionCall: isRecord(message.function_call) },
          [...at, 'finish_reason'],
          i,
        );
    });
  checkUsage(problems, body.usage, [...path, 'usage']);
}

/** Checks an error body (or a stream's error payload). */
export function checkError(problems: Problems, body: unknown, path: Path): void {
  problems.schema(ErrorBody, body, path);
}
