import { createHash } from 'node:crypto';
import type {
  ChatFormat,
  ChatRequest,
  ChatResponse,
  ContentPart,
  FunctionTool,
  JsonObject,
  JsonValue,
  Message,
  ToolResultPart,
} from '@interlingua/core';
import { estimateRequestTokens, estimateTokens, partText } from '../tokens.ts';

/**
 * The simulator's answer to a canonical request, deterministic: the same request always gets the same
 * content. A function tool is called when the last user text names it (or `use <tool>`), or when
 * `toolChoice` forces it; tool results get a sentence that quotes them; a reasoning block comes first
 * whenever `request.reasoning` asks for thinking (or the model name ends in `-thinking`).
 */
export function simulateAnswer(request: ChatRequest, format?: ChatFormat): ChatResponse {
  const last = request.messages.at(-1);
  const userText = lastUserText(request.messages);
  const content: ContentPart[] = [];
  const thinking = wantsReasoning(request);
  const tool = last?.role === 'tool' ? undefined : pickTool(request, userText);
  if (thinking) {
    const summary = request.reasoning?.summary;
    const text = `The user wrote "${clip(userText, 80)}". ${tool ? `The ${tool.name} tool fits this request, so I will call it.` : 'I will answer directly and deterministically.'}`;
    content.push({
      type: 'reasoning',
      text,
      ...(summary && summary !== 'none' ? { summary: [`Planning the answer to "${clip(userText, 40)}".`] } : {}),
      // Claude only shows signed thinking and Gemini replays thoughts by signature: sign in the format served.
      ...(format === 'claude' || format === 'gemini'
        ? { signature: { format, value: Buffer.from(`sim:${digest(text).slice(0, 32)}`).toString('base64') } }
        : {}),
    });
  }
  if (tool) {
    const id = `call_${digest(`${tool.name}:${request.messages.length}:${userText}`).slice(0, 24)}`;
    content.push({
      type: 'tool-call',
      id,
      name: tool.name,
      arguments: JSON.stringify(sampleArguments(tool.parameters)),
    });
  } else {
    content.push({ type: 'text', text: answerText(request, last) });
  }
  const outputText = content.map(partText).join('');
  const inputTokens = estimateRequestTokens(request);
  let outputTokens = estimateTokens(outputText);
  let finish: 'stop' | 'tool-calls' | 'length' = tool ? 'tool-calls' : 'stop';
  const limit = request.maxOutputTokens;
  const textPart = content.at(-1);
  if (limit !== undefined && outputTokens > limit && textPart?.type === 'text') {
    textPart.text = textPart.text.slice(0, Math.max(1, limit * 4));
    outputTokens = limit;
    finish = 'length';
  }
  const reasoningTokens = thinking ? estimateTokens(partText(content[0] as ContentPart)) : undefined;
  return {
    id: `sim_${digest(JSON.stringify(request.messages)).slice(0, 24)}`,
    model: request.model || 'interlingua-sim',
    created: Math.floor(Date.now() / 1000),
    choices: [{ index: 0, content, finishReason: { reason: finish } }],
    usage: {
      inputTokens,
      outputTokens,
      totalTokens: inputTokens + outputTokens,
      ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
    },
  };
}

/** The text of the last user message (empty when there is none). */
export function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Message;
    if (message.role !== 'user') continue;
    return message.content
      .filter((part) => part.type === 'text')
      .map((part) => part.text)
      .join(' ');
  }
  return '';
}

function wantsReasoning(request: ChatRequest): boolean {
  const reasoning = request.reasoning;
  // new-api's convention: a `-thinking` model name asks for reasoning when the request does not say.
  if (!reasoning) return /-thinking$/.test(request.model ?? '');
  return reasoning.mode !== 'disabled' && reasoning.effort !== 'none' && reasoning.includeThoughts !== false;
}

function pickTool(request: ChatRequest, userText: string): FunctionTool | undefined {
  const tools = (request.tools ?? []).filter((tool): tool is FunctionTool => tool.type === 'function');
  if (tools.length === 0 || request.toolChoice?.type === 'none') return undefined;
  const choice = request.toolChoice;
  if (choice?.type === 'tool') return tools.find((tool) => tool.name === choice.name);
  const lower = userText.toLowerCase();
  const named = tools.find((tool) => lower.includes(tool.name.toLowerCase()));
  if (named) return named;
  return choice?.type === 'required' ? tools[0] : undefined;
}

function answerText(request: ChatRequest, last: Message | undefined): string {
  if (last?.role === 'tool') {
    const results = last.content.filter((part): part is ToolResultPart => part.type === 'tool-result');
    const quoted = results.map(
      (result) => `${result.name ?? result.callId} → ${clip(result.content.map(partText).join(' '), 200)}`,
    );
    return `The tool returned: ${quoted.join('; ')}. That is the result you asked for.`;
  }
  const said = lastUserText(request.messages);
  const model = request.model || 'interlingua-sim';
  return said === ''
    ? `Hello from the interlingua simulator (${model}). Send a user message and I will echo it back.`
    : `Hello from the interlingua simulator (${model}). You said: "${clip(said, 400)}". This answer is deterministic: the same request always gets the same reply.`;
}

/** Builds arguments that satisfy a JSON schema's shape: enums and defaults first, then type-based samples. */
function sampleArguments(schema: JsonObject | undefined): JsonValue {
  return sampleValue(schema ?? { type: 'object' }, 'value', 0);
}

function sampleValue(schema: JsonObject, name: string, depth: number): JsonValue {
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0] as JsonValue;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return `sample-${name}`;
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 || typeof schema.items !== 'object' || schema.items === null || Array.isArray(schema.items)
        ? []
        : [sampleValue(schema.items, name, depth + 1)];
    case 'object':
    case undefined: {
      const out: JsonObject = {};
      const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
      const required = Array.isArray(schema.required) ? (schema.required as string[]) : Object.keys(properties);
      if (depth > 3) return out;
      for (const key of required) if (properties[key]) out[key] = sampleValue(properties[key], key, depth + 1);
      return out;
    }
    default:
      return null;
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
