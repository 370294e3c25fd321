import { cloneJson, type JsonObject, type LossRecorder, type Usage } from '@interlingua/core';
import { FORMAT, isObject, put } from './ext.ts';
import type { ChatWireUsage } from './wire/response.ts';

/**
 * Reads Chat `usage` into the core's semantics. Chat already counts cached input inside
 * `prompt_tokens` and reasoning inside `completion_tokens`, so counts carry over as they are; the
 * whole object rides in `raw` (audio, prediction and modality breakdowns included).
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function decodeUsage(wire: ChatWireUsage): Usage {
  const usage: Usage = {};
  if (typeof wire.prompt_tokens === 'number') usage.inputTokens = wire.prompt_tokens;
  if (typeof wire.completion_tokens === 'number') usage.outputTokens = wire.completion_tokens;
  if (typeof wire.total_tokens === 'number') usage.totalTokens = wire.total_tokens;
  const cached = wire.prompt_tokens_details?.cached_tokens;
  if (typeof cached === 'number') usage.cacheReadTokens = cached;
  const written = wire.prompt_tokens_details?.cache_write_tokens;
  if (typeof written === 'number') usage.cacheWriteTokens = written;
  const reasoning = wire.completion_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  usage.raw = { format: FORMAT, value: cloneJson(wire) as JsonObject };
  return usage;
}

/**
 * Writes core usage as Chat `usage`. A Chat-issued `raw` object is the starting point (so the
 * breakdowns come back exactly); the canonical counts override it. Gemini's tool-use prompt tokens,
 * which the core keeps outside `inputTokens`, are added to `prompt_tokens` (Chat has no field;
 * reported as approximated). A count Chat requires and the source did not report is written as 0
 * (reported as defaulted).
 */
export function encodeUsage(usage: Usage, losses?: LossRecorder, path: (string | number)[] = ['usage']): JsonObject {
  if (usage.serverToolUse !== undefined)
    losses?.drop([...path, 'serverToolUse'], 'Chat usage has no server tool counts', 'usage.server-tool-use');
  if (usage.cacheWriteByTtl !== undefined)
    losses?.drop(
      [...path, 'cacheWriteByTtl'],
      'Chat usage has no per-TTL cache-write counts',
      'usage.cache-write-by-ttl',
    );
  const base: JsonObject = usage.raw?.format === FORMAT && isObject(usage.raw.value) ? cloneJson(usage.raw.value) : {};
  if (usage.toolUseInputTokens !== undefined) {
    // Chat counts all input in prompt_tokens: the separate count is gone, and the input count grows by it.
    const message = 'Chat has no tool-use prompt token count; it is added to prompt_tokens';
    losses?.approximate([...path, 'toolUseInputTokens'], message, 'usage.tool-use-input');
    if (usage.inputTokens !== undefined && usage.toolUseInputTokens !== 0)
      losses?.approximate([...path, 'inputTokens'], message, 'usage.tool-use-input');
  }
  const required: [keyof Usage, string, string][] = [
    ['inputTokens', 'prompt_tokens', 'written as 0'],
    ['outputTokens', 'completion_tokens', 'written as 0'],
    ['totalTokens', 'total_tokens', 'written as input + output'],
  ];
  for (const [field, wire, how] of required)
    if (usage[field] === undefined && base[wire] === undefined)
      losses?.add(
        'defaulted',
        [...path, field],
        `Chat requires ${wire}; the count the source did not report is ${how}`,
        'usage.counts',
      );
  const toolUse = usage.toolUseInputTokens ?? 0;
  const input = usage.inputTokens !== undefined ? usage.inputTokens + toolUse : undefined;
  put(base, 'prompt_tokens', input ?? (base.prompt_tokens === undefined ? 0 : undefined));
  put(base, 'completion_tokens', usage.outputTokens ?? (base.completion_tokens === undefined ? 0 : undefined));
  const total = usage.totalTokens ?? (input ?? 0) + (usage.outputTokens ?? 0);
  put(base, 'total_tokens', usage.totalTokens !== undefined || base.total_tokens === undefined ? total : undefined);
  if (usage.cacheReadTokens !== undefined || usage.cacheWriteTokens !== undefined) {
    const details: JsonObject = isObject(base.prompt_tokens_details) ? { ...base.prompt_tokens_details } : {};
    put(details, 'cached_tokens', usage.cacheReadTokens);
    put(details, 'cache_write_tokens', usage.cacheWriteTokens);
    base.prompt_tokens_details = details;
  }
  if (usage.reasoningTokens !== undefined) {
    const details: JsonObject = isObject(base.completion_tokens_details) ? { ...base.completion_tokens_details } : {};
    details.reasoning_tokens = usage.reasoningTokens;
    base.completion_tokens_details = details;
  }
  return base;
}
