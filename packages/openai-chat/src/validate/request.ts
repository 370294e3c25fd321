import { z } from 'zod';
import {
  ChatWireAudioPartSchema,
  ChatWireContentSchema,
  ChatWireCustomToolSchema,
  ChatWireFilePartSchema,
  ChatWireFunctionToolSchema,
  ChatWireImagePartSchema,
  ChatWireMessageSchema,
  ChatWireRefusalPartSchema,
  ChatWireRequestSchema,
  ChatWireTextPartSchema,
  ChatWireToolChoiceSchema,
} from '../wire/request.ts';
import { checkToolCall } from './body.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * The request rules Chat Completions answers with a 400 that a converter can break (spec §2, §6),
 * on top of the wire schema, which is lenient for the decoder's sake: required fields, documented
 * ranges, which parts each role takes, parameters that need another one, and the tool-call flow
 * (every `tool` message answers a call of the assistant message before it; every call is answered
 * before the next user or assistant message).
 */

const nullish = <T extends z.ZodType>(schema: T) => schema.nullish();

/** The body with the documented required fields and ranges. */
const Request = ChatWireRequestSchema.extend({
  model: z.string(),
  // Messages are checked one by one with their role's schema (`checkMessage`), so that each problem is reported once.
  messages: z.array(z.unknown()),
  n: nullish(z.number().int().min(1).max(128)),
  top_logprobs: nullish(z.number().int().min(0).max(20)),
  temperature: nullish(z.number().min(0).max(2)),
  top_p: nullish(z.number().min(0).max(1)),
  presence_penalty: nullish(z.number().min(-2).max(2)),
  frequency_penalty: nullish(z.number().min(-2).max(2)),
  logit_bias: nullish(z.record(z.string(), z.number().min(-100).max(100))),
  seed: nullish(z.number().int()),
  max_tokens: nullish(z.number().int().min(1)),
  max_completion_tokens: nullish(z.number().int().min(1)),
  stop: nullish(z.union([z.string(), z.array(z.string()).max(4)])),
  metadata: nullish(z.record(z.string().max(64), z.string().max(512))),
  tool_choice: nullish(z.union([z.enum(['none', 'auto', 'required']), ChatWireToolChoiceSchema.options[1]])),
});

/** Content that must be there (a string or a list of parts). */
const Content = ChatWireContentSchema.unwrap().unwrap();

/** Each role's own required fields (spec §2.2). */
const ROLES: Record<string, z.ZodType> = {
  system: ChatWireMessageSchema.extend({ content: Content }),
  developer: ChatWireMessageSchema.extend({ content: Content }),
  user: ChatWireMessageSchema.extend({ content: Content }),
  assistant: ChatWireMessageSchema,
  tool: ChatWireMessageSchema.extend({ content: Content, tool_call_id: z.string() }),
  function: ChatWireMessageSchema.extend({ name: z.string() }),
};

/** The part types each role takes (spec §2.2: tool results are text only). */
const PARTS_FOR: Record<string, readonly string[]> = {
  system: ['text'],
  developer: ['text'],
  user: ['text', 'image_url', 'input_audio', 'file'],
  assistant: ['text', 'refusal'],
  tool: ['text'],
  function: [],
};

const PARTS: Record<string, z.ZodType> = {
  text: ChatWireTextPartSchema,
  image_url: ChatWireImagePartSchema,
  input_audio: ChatWireAudioPartSchema,
  file: ChatWireFilePartSchema,
  refusal: ChatWireRefusalPartSchema,
};

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_METADATA = 16;

/** The assistant message whose tool calls the following tool messages answer. */
interface Open {
  /** Its index in `messages`. */
  at: number;
  /** Call id → path of the call. */
  ids: Map<string, Path>;
  answered: Set<string>;
}

/** Checks a Chat Completions request body. */
export function checkRequest(problems: Problems, body: unknown): void {
  problems.schema(Request, body, []);
  if (!isRecord(body)) return;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (Array.isArray(body.messages) && messages.length === 0)
    problems.add(['messages'], 'empty-content', 'expected at least one message, got none');
  messages.forEach((message, m) => {
    checkMessage(problems, message, ['messages', m]);
  });
  checkToolFlow(problems, messages);
  const names = checkTools(problems, body.tools);
  checkDependencies(problems, body, names);
}

function checkMessage(problems: Problems, message: unknown, path: Path): void {
  const role = isRecord(message) && typeof message.role === 'string' ? message.role : undefined;
  const schema = role !== undefined ? ROLES[role] : undefined;
  problems.schema(schema ?? ChatWireMessageSchema, message, path);
  if (role === undefined || schema === undefined || !isRecord(message)) return;
  const { content } = message;
  if (Array.isArray(content)) {
    if (content.length === 0)
      problems.add([...path, 'content'], 'empty-content', 'expected at least one content part, got none');
    content.forEach((part, p) => {
      checkPart(problems, role, part, [...path, 'content', p]);
    });
  }
  if (role !== 'assistant') return;
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  if (Array.isArray(message.tool_calls) && calls.length === 0)
    problems.add(
      [...path, 'tool_calls'],
      'empty-content',
      'expected at least one tool call (or no tool_calls), got none',
    );
  calls.forEach((call, c) => {
    checkToolCall(problems, call, [...path, 'tool_calls', c]);
  });
  const says = (content !== null && content !== undefined) || calls.length > 0 || isRecord(message.function_call);
  if (!says && !isRecord(message.audio))
    problems.add(
      [...path, 'content'],
      'schema',
      `expected content (a string or parts) on an assistant message without tool_calls, got ${describe(content)}`,
    );
}

/** Known part types are checked by their schema and against the role; unknown ones are kept whole by the decoder. */
function checkPart(problems: Problems, role: string, part: unknown, path: Path): void {
  if (!isRecord(part) || typeof part.type !== 'string') return;
  const schema = PARTS[part.type];
  if (!schema) return;
  problems.schema(schema, part, path);
  const allowed = PARTS_FOR[role] ?? [];
  if (!allowed.includes(part.type)) {
    const want = allowed.length > 0 ? `${allowed.join(' or ')} parts` : 'no parts';
    const article = /^[aeiou]/.test(part.type) ? 'an' : 'a';
    problems.add(
      [...path, 'type'],
      'block-role',
      `expected ${want} in a ${role} message, got ${article} ${part.type} part`,
    );
  }
}

/** Every tool message answers a call of the assistant message before it; every call is answered before the next turn. */
function checkToolFlow(problems: Problems, messages: unknown[]): void {
  let open: Open | undefined;
  const unanswered = (before: string): void => {
    if (!open) return;
    for (const [id, path] of open.ids)
      if (!open.answered.has(id))
        problems.add(
          path,
          'tool-result',
          `expected a tool message answering tool call ${describe(id)} before ${before}, got none`,
        );
  };
  messages.forEach((message, m) => {
    if (!isRecord(message)) return;
    const role = message.role;
    if (role === 'tool') {
      const id = message.tool_call_id;
      if (typeof id !== 'string') return;
      const at = ['messages', m, 'tool_call_id'];
      if (!open)
        problems.add(
          at,
          'tool-result',
          `expected a tool message to follow an assistant message with tool_calls, got ${describe(id)} with none open`,
        );
      else if (!open.ids.has(id))
        problems.add(
          at,
          'tool-result',
          `expected the id of a tool call of messages[${open.at}] (${[...open.ids.keys()].join(', ')}), got ${describe(id)}`,
        );
      else if (open.answered.has(id))
        problems.add(at, 'tool-result', `expected one tool message per tool call, got ${describe(id)} again`);
      else open.answered.add(id);
      return;
    }
    // System and developer messages may sit between the calls and their results; user and assistant turns may not.
    if (role !== 'user' && role !== 'assistant') return;
    unanswered(`the next ${role} message (messages[${m}])`);
    open = undefined;
    if (role !== 'assistant' || !Array.isArray(message.tool_calls) || message.tool_calls.length === 0) return;
    const ids = new Map<string, Path>();
    message.tool_calls.forEach((call, c) => {
      if (isRecord(call) && typeof call.id === 'string') ids.set(call.id, ['messages', m, 'tool_calls', c, 'id']);
    });
    open = { at: m, ids, answered: new Set() };
  });
  unanswered('the end of messages');
}

/** Checks tool definitions; returns the names of the function and custom tools, by type. */
function checkTools(problems: Problems, tools: unknown): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>([
    ['function', new Set()],
    ['custom', new Set()],
  ]);
  if (!Array.isArray(tools)) return names;
  tools.forEach((tool, i) => {
    if (!isRecord(tool)) return;
    const type = tool.type;
    const schema =
      type === 'function' ? ChatWireFunctionToolSchema : type === 'custom' ? ChatWireCustomToolSchema : undefined;
    if (!schema || typeof type !== 'string') {
      if (typeof type === 'string')
        problems.add(['tools', i, 'type'], 'schema', `expected "function" or "custom", got ${describe(type)}`);
      return;
    }
    problems.schema(schema, tool, ['tools', i]);
    const inner = tool[type];
    if (!isRecord(inner) || typeof inner.name !== 'string') return;
    if (!TOOL_NAME.test(inner.name))
      problems.add(
        ['tools', i, type, 'name'],
        'tool-name',
        `expected a name matching ${TOOL_NAME.source}, got ${describe(inner.name)}`,
      );
    names.get(type)?.add(inner.name);
  });
  return names;
}

/** Parameters that need another one (each is a documented 400). */
function checkDependencies(problems: Problems, body: Record<string, unknown>, names: Map<string, Set<string>>): void {
  const set = (key: string): boolean => body[key] !== undefined && body[key] !== null;
  const hasTools = Array.isArray(body.tools) && body.tools.length > 0;
  for (const key of ['tool_choice', 'parallel_tool_calls'])
    if (set(key) && !hasTools)
      problems.add(
        [key],
        'schema',
        `expected ${key} only together with tools, got ${describe(body[key])} without tools`,
      );
  const choice = body.tool_choice;
  if (hasTools && isRecord(choice) && (choice.type === 'function' || choice.type === 'custom')) {
    const inner = choice[choice.type];
    const name = isRecord(inner) ? inner.name : undefined;
    if (typeof name === 'string' && !names.get(choice.type)?.has(name))
      problems.add(
        ['tool_choice', choice.type, 'name'],
        'tool-name',
        `expected the name of a ${choice.type} tool in tools, got ${describe(name)}`,
      );
  }
  if (set('top_logprobs') && body.logprobs !== true)
    problems.add(
      ['logprobs'],
      'schema',
      `expected logprobs: true when top_logprobs is set, got ${describe(body.logprobs)}`,
    );
  if (set('stream_options') && body.stream !== true)
    problems.add(
      ['stream'],
      'schema',
      `expected stream: true when stream_options is set, got ${describe(body.stream)}`,
    );
  if (Array.isArray(body.modalities) && body.modalities.includes('audio') && !isRecord(body.audio))
    problems.add(
      ['audio'],
      'schema',
      `expected audio ({format, voice}) when modalities has "audio", got ${describe(body.audio)}`,
    );
  if (isRecord(body.metadata) && Object.keys(body.metadata).length > MAX_METADATA)
    problems.add(
      ['metadata'],
      'schema',
      `expected at most ${MAX_METADATA} metadata pairs, got ${Object.keys(body.metadata).length}`,
    );
  const format = body.response_format;
  if (isRecord(format)) {
    if (typeof format.type === 'string' && !['text', 'json_object', 'json_schema'].includes(format.type))
      problems.add(
        ['response_format', 'type'],
        'schema',
        `expected "text", "json_object" or "json_schema", got ${describe(format.type)}`,
      );
    if (format.type === 'json_schema') {
      const schema = isRecord(format.json_schema) ? format.json_schema : undefined;
      if (!schema)
        problems.add(
          ['response_format', 'json_schema'],
          'schema',
          `expected a json_schema object, got ${describe(format.json_schema)}`,
        );
      else if (typeof schema.name !== 'string' || !TOOL_NAME.test(schema.name))
        problems.add(
          ['response_format', 'json_schema', 'name'],
          'schema',
          `expected a name matching ${TOOL_NAME.source}, got ${describe(schema.name)}`,
        );
    }
  }
}
