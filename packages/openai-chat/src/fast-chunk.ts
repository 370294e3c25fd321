import type { ChatWireChunk } from './wire/response.ts';

/**
 * A hand-written check of the common chunk shape. It returns the chunk itself when every field is
 * one the zod schema would accept unchanged (so the result equals the schema's output up to key
 * order), and `undefined` for anything unusual, which then goes through the schema.
 */

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => v !== null && typeof v === 'object' && !Array.isArray(v);
const optStr = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';
const optNum = (v: unknown): boolean => v === undefined || v === null || typeof v === 'number';

function fnOk(v: unknown, a: string, b: string): boolean {
  if (v === undefined || v === null) return true;
  return isRec(v) && optStr(v[a]) && optStr(v[b]);
}

function toolCallOk(t: unknown): boolean {
  if (!isRec(t)) return false;
  if (t.index !== undefined && typeof t.index !== 'number') return false;
  return optStr(t.id) && optStr(t.type) && fnOk(t.function, 'name', 'arguments') && fnOk(t.custom, 'name', 'input');
}

function deltaOk(d: unknown): boolean {
  if (d === undefined || d === null) return true;
  if (!isRec(d)) return false;
  if (
    !optStr(d.role) ||
    !optStr(d.content) ||
    !optStr(d.refusal) ||
    !optStr(d.reasoning_content) ||
    !optStr(d.reasoning)
  )
    return false;
  const calls = d.tool_calls;
  if (calls !== undefined && calls !== null) {
    if (!Array.isArray(calls)) return false;
    for (const t of calls) if (!toolCallOk(t)) return false;
  }
  if (!fnOk(d.function_call, 'name', 'arguments')) return false;
  // Audio and annotations are rare: the schema checks them.
  return (d.audio === undefined || d.audio === null) && (d.annotations === undefined || d.annotations === null);
}

function choiceOk(c: unknown): boolean {
  if (!isRec(c)) return false;
  // A missing index is defaulted by the schema.
  if (typeof c.index !== 'number') return false;
  if (!optStr(c.finish_reason)) return false;
  if (c.logprobs !== undefined && c.logprobs !== null) return false;
  return deltaOk(c.delta);
}

function detailsOk(v: unknown, a: string, b?: string): boolean {
  if (v === undefined || v === null) return true;
  return isRec(v) && optNum(v[a]) && (b === undefined || optNum(v[b]));
}

function usageOk(u: unknown): boolean {
  if (u === undefined || u === null) return true;
  if (!isRec(u)) return false;
  return (
    optNum(u.prompt_tokens) &&
    optNum(u.completion_tokens) &&
    optNum(u.total_tokens) &&
    detailsOk(u.prompt_tokens_details, 'cached_tokens', 'cache_write_tokens') &&
    detailsOk(u.completion_tokens_details, 'reasoning_tokens')
  );
}

export function fastChunk(json: unknown): ChatWireChunk | undefined {
  if (!isRec(json)) return undefined;
  if (!optStr(json.id) || !optStr(json.object) || !optNum(json.created) || !optStr(json.model)) return undefined;
  if (!optStr(json.service_tier)) return undefined;
  const choices = json.choices;
  if (choices !== undefined && choices !== null) {
    if (!Array.isArray(choices)) return undefined;
    for (const c of choices) if (!choiceOk(c)) return undefined;
  }
  if (!usageOk(json.usage)) return undefined;
  return json as ChatWireChunk;
}
