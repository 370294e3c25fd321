import type { JsonObject, LossRecorder, Usage } from '@interlingua/core';
import { isObject } from './util.ts';

/**
 * Decodes `usageMetadata`. Gemini's `candidatesTokenCount` excludes thoughts, so core
 * `outputTokens` = candidates + thoughts; `promptTokenCount` already includes cached content.
 */
export function decodeUsage(wire: JsonObject): Usage {
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const usage: Usage = {};
  const prompt = n(wire.promptTokenCount);
  const candidates = n(wire.candidatesTokenCount);
  const thoughts = n(wire.thoughtsTokenCount);
  if (prompt !== undefined) usage.inputTokens = prompt;
  if (candidates !== undefined || thoughts !== undefined) usage.outputTokens = (candidates ?? 0) + (thoughts ?? 0);
  const total = n(wire.totalTokenCount);
  if (total !== undefined) usage.totalTokens = total;
  const cached = n(wire.cachedContentTokenCount);
  if (cached !== undefined) usage.cacheReadTokens = cached;
  if (thoughts !== undefined) usage.reasoningTokens = thoughts;
  const toolUse = n(wire.toolUsePromptTokenCount);
  if (toolUse !== undefined) usage.toolUseInputTokens = toolUse;
  usage.raw = { format: 'gemini', value: wire };
  return usage;
}

/** Encodes usage as `usageMetadata`: Gemini's own object when it came from Gemini, else rebuilt from the counts. */
export function encodeUsage(usage: Usage, losses?: LossRecorder, path: (string | number)[] = ['usage']): JsonObject {
  if (usage.raw?.format === 'gemini' && isObject(usage.raw.value)) return usage.raw.value;
  const out: JsonObject = {};
  const reasoning = usage.reasoningTokens;
  if (usage.inputTokens !== undefined) out.promptTokenCount = usage.inputTokens;
  if (usage.outputTokens !== undefined) out.candidatesTokenCount = usage.outputTokens - (reasoning ?? 0);
  if (usage.cacheReadTokens !== undefined) out.cachedContentTokenCount = usage.cacheReadTokens;
  if (reasoning !== undefined) out.thoughtsTokenCount = reasoning;
  if (usage.toolUseInputTokens !== undefined) out.toolUsePromptTokenCount = usage.toolUseInputTokens;
  const total =
    usage.totalTokens ??
    (usage.inputTokens !== undefined || usage.outputTokens !== undefined
      ? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) + (usage.toolUseInputTokens ?? 0)
      : undefined);
  if (total !== undefined) out.totalTokenCount = total;
  if (usage.cacheWriteTokens !== undefined)
    losses?.drop([...path, 'cacheWriteTokens'], 'Gemini reports no cache writes', 'usage.cache-write');
  if (usage.cacheWriteByTtl !== undefined)
    losses?.drop([...path, 'cacheWriteByTtl'], 'Gemini reports no cache writes', 'usage.cache-write-by-ttl');
  if (usage.serverToolUse !== undefined)
    losses?.drop([...path, 'serverToolUse'], 'Gemini reports no server tool counts', 'usage.server-tool-use');
  return out;
}
