import { cloneJson, type JsonObject, type LossRecorder, type Usage } from '@interlingua/core';
import { FORMAT, isObject } from './ext.ts';

/**
 * Usage, both ways. Claude's `input_tokens` excludes cache reads and writes; the core's
 * `inputTokens` counts all input, so `inputTokens = input_tokens + cache_creation_input_tokens +
 * cache_read_input_tokens` and the encoder subtracts them again.
 *
 * @see https://docs.claude.com/en/api/messages#response-usage
 */

const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/**
 * `message_delta` usage over `message_start` usage, on the wire: counts are cumulative and null or
 * absent when they do not apply, so a later count replaces an earlier one and a null keeps it.
 */
export function mergeWireUsage(base: JsonObject | undefined, update: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(update)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

/** Reads a Claude usage object (response, `message_start` or merged `message_delta`). */
export function decodeUsage(wire: JsonObject): Usage {
  const usage: Usage = {};
  const input = num(wire.input_tokens);
  const write = num(wire.cache_creation_input_tokens);
  const read = num(wire.cache_read_input_tokens);
  if (input !== undefined || write !== undefined || read !== undefined)
    usage.inputTokens = (input ?? 0) + (write ?? 0) + (read ?? 0);
  const output = num(wire.output_tokens);
  if (output !== undefined) usage.outputTokens = output;
  if (read !== undefined) usage.cacheReadTokens = read;
  if (write !== undefined) usage.cacheWriteTokens = write;
  if (isObject(wire.cache_creation)) {
    const byTtl: NonNullable<Usage['cacheWriteByTtl']> = {};
    const m5 = num(wire.cache_creation.ephemeral_5m_input_tokens);
    const h1 = num(wire.cache_creation.ephemeral_1h_input_tokens);
    if (m5 !== undefined) byTtl['5m'] = m5;
    if (h1 !== undefined) byTtl['1h'] = h1;
    usage.cacheWriteByTtl = byTtl;
  }
  if (isObject(wire.output_tokens_details)) {
    const thinking = num(wire.output_tokens_details.thinking_tokens);
    if (thinking !== undefined) usage.reasoningTokens = thinking;
  }
  if (isObject(wire.server_tool_use)) {
    const s = wire.server_tool_use;
    const tools: NonNullable<Usage['serverToolUse']> = {};
    if (num(s.web_search_requests) !== undefined) tools.webSearchRequests = num(s.web_search_requests)!;
    if (num(s.web_fetch_requests) !== undefined) tools.webFetchRequests = num(s.web_fetch_requests)!;
    if (num(s.code_execution_requests) !== undefined) tools.codeExecutionRequests = num(s.code_execution_requests)!;
    usage.serverToolUse = tools;
  }
  usage.raw = { format: FORMAT, value: cloneJson(wire) };
  return usage;
}

/**
 * Writes a usage object. A Claude `raw` object is the base (so a same-format round trip is exact);
 * the core counts then overwrite what they determine.
 */
export function encodeUsage(usage: Usage | undefined, losses?: LossRecorder): JsonObject {
  if (losses) reportUsageLosses(usage, losses);
  const raw = usage?.raw?.format === FORMAT && isObject(usage.raw.value) ? cloneJson(usage.raw.value) : undefined;
  const wire: JsonObject = raw ?? {};
  // An unknown cache count is `null` (the field is nullable): a 0 would decode as a count the source never had.
  if (!usage)
    return { input_tokens: 0, cache_creation_input_tokens: null, cache_read_input_tokens: null, output_tokens: 0 };
  const read = usage.cacheReadTokens;
  const write = usage.cacheWriteTokens;
  if (usage.inputTokens !== undefined) wire.input_tokens = Math.max(0, usage.inputTokens - (read ?? 0) - (write ?? 0));
  else if (wire.input_tokens === undefined) wire.input_tokens = 0;
  if (write !== undefined) wire.cache_creation_input_tokens = write;
  else if (!raw) wire.cache_creation_input_tokens = null;
  if (read !== undefined) wire.cache_read_input_tokens = read;
  else if (!raw) wire.cache_read_input_tokens = null;
  if (usage.cacheWriteByTtl) {
    const cc: JsonObject = isObject(wire.cache_creation) ? wire.cache_creation : {};
    if (usage.cacheWriteByTtl['5m'] !== undefined) cc.ephemeral_5m_input_tokens = usage.cacheWriteByTtl['5m'];
    if (usage.cacheWriteByTtl['1h'] !== undefined) cc.ephemeral_1h_input_tokens = usage.cacheWriteByTtl['1h'];
    wire.cache_creation = cc;
  }
  wire.output_tokens = usage.outputTokens ?? num(wire.output_tokens) ?? 0;
  if (usage.reasoningTokens !== undefined) {
    const details: JsonObject = isObject(wire.output_tokens_details) ? wire.output_tokens_details : {};
    details.thinking_tokens = usage.reasoningTokens;
    wire.output_tokens_details = details;
  }
  if (usage.serverToolUse) {
    const s: JsonObject = isObject(wire.server_tool_use) ? wire.server_tool_use : {};
    const t = usage.serverToolUse;
    if (t.webSearchRequests !== undefined) s.web_search_requests = t.webSearchRequests;
    if (t.webFetchRequests !== undefined) s.web_fetch_requests = t.webFetchRequests;
    if (t.codeExecutionRequests !== undefined) s.code_execution_requests = t.codeExecutionRequests;
    wire.server_tool_use = s;
  }
  return wire;
}

/** Counts Claude has no field for, and required counts written as 0 (paths into the response's `usage`). */
function reportUsageLosses(usage: Usage | undefined, losses: LossRecorder): void {
  if (!usage) {
    losses.add('defaulted', ['usage'], 'Claude requires usage; zero counts were written.', 'usage.counts');
    return;
  }
  for (const field of ['inputTokens', 'outputTokens'] as const)
    if (usage[field] === undefined && !(usage.raw?.format === FORMAT))
      losses.add('defaulted', ['usage', field], `Claude requires ${field}; 0 was written.`, 'usage.counts');
  if (usage.toolUseInputTokens !== undefined)
    losses.drop(['usage', 'toolUseInputTokens'], 'Claude has no tool-use prompt token count.', 'usage.tool-use-input');
  // Claude has no total: a reader may add input and output, but the value itself does not come back.
  if (usage.totalTokens !== undefined)
    losses.drop(['usage', 'totalTokens'], 'Claude has no total token count.', 'usage.total');
}

/** The usage of a `message_delta` event: the cumulative counts the SDK's `MessageDeltaUsage` carries. */
export function deltaUsage(usage: Usage | undefined, losses?: LossRecorder): JsonObject {
  const full = encodeUsage(usage, losses);
  const out: JsonObject = {
    input_tokens: full.input_tokens ?? 0,
    cache_creation_input_tokens: full.cache_creation_input_tokens ?? null,
    cache_read_input_tokens: full.cache_read_input_tokens ?? null,
    output_tokens: full.output_tokens ?? 0,
  };
  if (full.server_tool_use !== undefined) out.server_tool_use = full.server_tool_use;
  if (full.output_tokens_details !== undefined) out.output_tokens_details = full.output_tokens_details;
  return out;
}
