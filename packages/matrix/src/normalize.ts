import type { Citation } from '@interlingua/core';
import type { JsonPath } from './diff.ts';

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
  return normalizeWithOrigins(value).value;
}

/** A normalised value and where its parts were before normalisation. */
export interface Normalized<T> {
  /** `normalize(value)`. */
  value: T;
  /**
   * Maps a path into the value as it was (an encoder's loss path) to the path of the same thing in
   * the normalised value: merged turns and joined text parts move elements to other indices, and
   * a loss must be compared with the differences where they are after normalisation.
   */
  toNormalized: (path: JsonPath) => JsonPath;
}

/** Where each object or array of the normalised value came from (several paths when joined or merged). */
type Origins = Map<object, JsonPath[]>;

/** `normalize`, keeping the map from original paths to normalised paths. */
export function normalizeWithOrigins<T>(value: T): Normalized<T> {
  const origins: Origins = new Map();
  const out = walk(structuredClone(value), [], origins);
  // Each original path's new place: found by walking the final tree (objects replaced by a join are not in it).
  const moved = new Map<string, JsonPath>();
  const visit = (node: unknown, path: JsonPath): void => {
    if (node === null || typeof node !== 'object') return;
    for (const origin of origins.get(node) ?? []) moved.set(key(origin), path);
    if (Array.isArray(node)) for (const [i, item] of node.entries()) visit(item, [...path, i]);
    else for (const [k, field] of Object.entries(node)) visit(field, [...path, k]);
  };
  visit(out, []);
  const toNormalized = (path: JsonPath): JsonPath => {
    // The longest prefix of the path that names an object or array; the rest (a key inside it) stays.
    for (let n = path.length; n > 0; n--) {
      const at = moved.get(key(path.slice(0, n)));
      if (at) return [...at, ...path.slice(n)];
    }
    return path;
  };
  return { value: out as T, toNormalized };
}

const key = (path: JsonPath): string => JSON.stringify(path);

function walk(value: unknown, path: JsonPath, origins: Origins): unknown {
  if (Array.isArray(value)) {
    const out = joinText(
      value.map((item, i) => walk(item, [...path, i], origins)),
      origins,
    );
    origins.set(out, [path]);
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'extensions' || field === undefined) continue;
    if (key === 'raw' && isUsageOrFinish(value)) continue;
    out[key] = walk(field, [...path, key], origins);
  }
  if (out.type === 'tool-call' && typeof out.arguments === 'string') out.arguments = compactJson(out.arguments);
  if (Array.isArray(out.messages)) out.messages = mergeTurns(out.messages, origins);
  origins.set(out, [path]);
  return out;
}

const originsOf = (origins: Origins, ...nodes: unknown[]): JsonPath[] =>
  nodes.flatMap((node) => (node !== null && typeof node === 'object' ? (origins.get(node) ?? []) : []));

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

function mergeTurns(messages: unknown[], origins: Origins): unknown[] {
  const out: unknown[] = [];
  for (const message of messages) {
    const last = out[out.length - 1];
    if (isPlainTurn(last) && isPlainTurn(message) && last.role === message.role) {
      const content = joinText([...last.content, ...message.content], origins);
      const merged = { role: last.role, content };
      origins.set(merged, originsOf(origins, last, message));
      origins.set(content, originsOf(origins, last.content, message.content));
      out[out.length - 1] = merged;
    } else out.push(message);
  }
  origins.set(out, originsOf(origins, messages));
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

function joinText(items: unknown[], origins: Origins): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    // A plain part joins the text before it, which keeps its own fields (a cache hint, a signature).
    if (isText(last) && isPlainText(item)) {
      const offset = last.text.length;
      const shifted = (item.citations ?? []).map((c) => {
        const moved = shift(c, offset);
        origins.set(moved, originsOf(origins, c));
        return moved;
      });
      const citations = [...(last.citations ?? []), ...shifted];
      const joined: TextLike = { ...last, text: last.text + item.text };
      origins.set(joined, originsOf(origins, last, item));
      if (citations.length > 0) {
        joined.citations = citations;
        origins.set(citations, originsOf(origins, last.citations, item.citations));
      }
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
