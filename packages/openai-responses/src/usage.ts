import type { JsonObject, LossRecorder, Usage } from '@interlingua/core';
import { FORMAT, isObject, jsonEqual } from './ext.ts';
import type { WireUsage } from './wire/response.ts';

/**
 * Reads Responses usage. Semantics already match the core: `input_tokens` includes cached tokens
 * and `output_tokens` includes reasoning tokens.
 */
export function decodeUsage(wire: WireUsage): Usage {
  const usage: Usage = {};
  if (typeof wire.input_tokens === 'number') usage.inputTokens = wire.input_tokens;
  if (typeof wire.output_tokens === 'number') usage.outputTokens = wire.output_tokens;
  if (typeof wire.total_tokens === 'number') usage.totalTokens = wire.total_tokens;
  const cached = wire.input_tokens_details?.cached_tokens;
  if (typeof cached === 'number') usage.cacheReadTokens = cached;
  const written = wire.input_tokens_details?.cache_write_tokens;
  if (typeof written === 'number') usage.cacheWriteTokens = written;
  const reasoning = wire.output_tokens_details?.reasoning_tokens;
  if (typeof reasoning === 'number') usage.reasoningTokens = reasoning;
  usage.raw = { format: FORMAT, value: wire as JsonObject };
  return usage;
}

/** Writes usage: the remembered wire object when its counts still match, else one built from the counts. */
export function encodeUsage(usage: Usage, losses: LossRecorder, path: (string | number)[] = ['usage']): JsonObject {
  const raw = usage.raw;
  if (raw?.format === FORMAT && isObject(raw.value)) {
    const { raw: _raw, ...counts } = decodeUsage(raw.value as WireUsage);
    const { raw: _own, cacheWriteByTtl: _t, toolUseInputTokens: _u, serverToolUse: _s, ...mine } = usage;
    if (jsonEqual(counts, mine)) return raw.value;
  }
  // Every count below is required on the wire: one the source did not report is written as 0
  // (the total as input + output), which reads back as a reported count.
  const required: [keyof Usage, string][] = [
    ['inputTokens', 'input tokens'],
    ['outputTokens', 'output tokens'],
    ['totalTokens', 'total tokens'],
    ['cacheReadTokens', 'cached input tokens'],
    ['reasoningTokens', 'reasoning tokens'],
  ];
  for (const [field, what] of required)
    if (usage[field] === undefined)
      losses.add(
        'defaulted',
        [...path, field],
        `Responses requires a count of ${what}; an unreported one is written`,
        'usage.counts',
      );
  const input = usage.inputTokens ?? 0;
  const output = usage.outputTokens ?? 0;
  const inputDetails: JsonObject = { cached_tokens: usage.cacheReadTokens ?? 0 };
  if (usage.cacheWriteTokens !== undefined) inputDetails.cache_write_tokens = usage.cacheWriteTokens;
  if (usage.cacheWriteByTtl !== undefined)
    losses.drop(
      [...path, 'cacheWriteByTtl'],
      'Responses reports cache writes without a TTL split',
      'usage.cache-write-by-ttl',
    );
  if (usage.toolUseInputTokens !== undefined)
    losses.drop(
      [...path, 'toolUseInputTokens'],
      'Responses has no tool-use prompt token count',
      'usage.tool-use-input',
    );
  if (usage.serverToolUse !== undefined)
    losses.drop([...path, 'serverToolUse'], 'Responses has no server tool request counts', 'usage.server-tool-use');
  return {
    input_tokens: input,
    input_tokens_details: inputDetails,
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.totalTokens ?? input + output,
  };
}
