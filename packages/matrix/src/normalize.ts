import type { Citation } from '@interlingua/core';

/**
 * Puts a canonical value (request, response, error) into the form the matrix compares, erasing
 * only what the adapters document as normalisations or as format-specific by design:
 *
 * - `extensions` (every key): provider leftovers that only their own format re-encodes.
 * - `raw` of usage and finish reasons: the provider's own spelling, rewritten by each format.
 * - a text part without other fields joins the text part before it (Chat joins the text of a
 *   message by design; citation offsets are shifted accordingly), so a split or a join of the
 *   same text is not a difference.
 * - tool-call `arguments` that are JSON are compared as compact JSON (Claude and Gemini carry
 *   arguments as objects and re-serialise them).
 * - consecutive messages of the same role (without `name` or `id`) are merged (Claude merges them
 *   by design; Responses items carry no message boundary between them).
 */
export function normalize<T>(value: T): T {
  return walk(structuredClone(value)) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return joinText(value.map(walk));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'extensions' || field === undefined) continue;
    if (key === 'raw' && isUsageOrFinish(value)) continue;
    out[key] = walk(field);
  }
  if (out.type === 'tool-call' && typeof out.arguments === 'string') out.arguments = compactJson(out.arguments);
  if (Array.isArray(out.messages)) out.messages = mergeTurns(out.messages);
  return out;
}

interface Turn {
  role: string;
  content: unknown[];
  [key: string]: unknown;
}

const isPlainTurn = (value: unknown): value is Turn =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as Turn).role === 'string' &&
  Array.isArray((value as Turn).content) &&
  Object.keys(value).every((k) => k === 'role' || k === 'content');

function mergeTurns(messages: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const message of messages) {
    const last = out[out.length - 1];
    if (isPlainTurn(last) && isPlainTurn(message) && last.role === message.role)
      out[out.length - 1] = { role: last.role, content: joinText([...last.content, ...message.content]) };
    else out.push(message);
  }
  return out;
}

function isUsageOrFinish(value: object): boolean {
  return 'reason' in value || 'inputTokens' in value || 'outputTokens' in value || 'raw' in value;
}

function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

interface TextLike {
  type: 'text';
  text: string;
  citations?: Citation[];
  [key: string]: unknown;
}

const isText = (part: unknown): part is TextLike =>
  part !== null &&
  typeof part === 'object' &&
  (part as { type?: unknown }).type === 'text' &&
  typeof (part as { text?: unknown }).text === 'string';

const isPlainText = (part: unknown): part is TextLike =>
  isText(part) && Object.keys(part).every((k) => k === 'type' || k === 'text' || k === 'citations');

function joinText(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    // A plain part joins the text before it, which keeps its own fields (a cache hint, a signature).
    if (isText(last) && isPlainText(item)) {
      const offset = last.text.length;
      const shifted = (item.citations ?? []).map((c) => shift(c, offset));
      const citations = [...(last.citations ?? []), ...shifted];
      const joined: TextLike = { ...last, text: last.text + item.text };
      if (citations.length > 0) joined.citations = citations;
      out[out.length - 1] = joined;
    } else out.push(item);
  }
  return out;
}

function shift(citation: Citation, offset: number): Citation {
  const out = { ...citation };
  if (out.startIndex !== undefined) out.startIndex += offset;
  if (out.endIndex !== undefined) out.endIndex += offset;
  return out;
}
