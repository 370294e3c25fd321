import { parseEventJson } from '@interlingua/core';
import { FORMAT } from './ext.ts';

/**
 * Reads the JSON of Chat Completions stream chunks, faster than `JSON.parse` on the common case.
 *
 * A stream repeats one chunk shape: after the first text delta, chunks differ only in the delta's
 * string (`content`, `reasoning_content`, `reasoning` or a tool call's `arguments` fragment) and in
 * OpenAI's random `obfuscation` padding. The reader learns a template from a parsed chunk (the text
 * before and after that string) and reads the next chunk by comparing its text with the template and
 * decoding only the string. Anything that differs by a byte, or that the template cannot vouch for,
 * goes through `JSON.parse`. The result always equals what `JSON.parse` gives (a property test holds
 * it to that), with fresh objects for every chunk.
 */
export interface ChunkReader {
  /** The parsed chunk; a syntax error throws `WireFormatError` at `[index, 'data']`. */
  read(data: string, index: number): unknown;
}

/** The delta strings a template can vary, by path below `choices[0].delta`. */
const VARIABLE_PATHS: readonly (readonly (string | number)[])[] = [
  ['content'],
  ['reasoning_content'],
  ['reasoning'],
  ['tool_calls', 0, 'function', 'arguments'],
];
const DELTA_PATH = ['choices', 0, 'delta'] as const;

const OBFUSCATION = '"obfuscation":"';
// A JSON string's raw text needs decoding (escapes) or is invalid JSON (control characters).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point.
const NEEDS_PARSE = /[\\\u0000-\u001f]/;
// Padding that reads back as itself.
const PLAIN = /^[A-Za-z0-9_-]*$/;

interface Template {
  /** The chunk's text up to and including the variable string's opening quote. */
  head: string;
  /** The text from the string's closing quote to the end, or to the obfuscation value's opening quote. */
  tail: string;
  /** Whether the chunk ends with `"obfuscation":"…"}` (the value varies). */
  obfuscated: boolean;
  /** Where the variable string is, below `choices[0].delta`. */
  path: readonly (string | number)[];
  /** A private copy of the parsed chunk the template was learned from. */
  base: Record<string, unknown>;
}

type Node = Record<string | number, unknown>;

/** Chunks in a row that no template read: after this many, the stream is not one a template fits. */
const MISSES_ALLOWED = 16;

export function createChunkReader(): ChunkReader {
  let template: Template | undefined;
  let misses = 0;
  return {
    read(data, index) {
      if (template) {
        const fast = readWith(template, data);
        if (fast !== undefined) {
          misses = 0;
          return fast;
        }
      }
      const json = parseEventJson(data, FORMAT, index);
      // Learning costs a few parses' worth: a stream whose chunks never repeat stops paying for it.
      if (misses < MISSES_ALLOWED) {
        misses++;
        template = learn(data, json);
      }
      return json;
    },
  };
}

/** The chunk read through `template`, or undefined when its text does not fit the template exactly. */
function readWith(template: Template, data: string): unknown {
  const { head, tail } = template;
  // `slice(…) ===` compares with memcmp; `startsWith` goes character by character (15× slower here).
  if (data.slice(0, head.length) !== head) return undefined;
  const close = closingQuote(data, head.length);
  if (close < 0 || data.slice(close, close + tail.length) !== tail) return undefined;
  let obfuscation: string | undefined;
  if (template.obfuscated) {
    const start = close + tail.length;
    const end = data.length - 2;
    if (end < start || data.charCodeAt(end) !== 34 || data.charCodeAt(end + 1) !== 125) return undefined;
    obfuscation = data.slice(start, end);
    if (!PLAIN.test(obfuscation)) return undefined;
  } else if (close + tail.length !== data.length) return undefined;
  const raw = data.slice(head.length, close);
  let value: string;
  if (NEEDS_PARSE.test(raw)) {
    try {
      value = JSON.parse(`"${raw}"`) as string;
    } catch {
      return undefined;
    }
  } else value = raw;
  const { base } = template;
  // One spread site per level, so that each sees few shapes (a generic recursive copy is several
  // times slower: its one spread site sees every shape).
  const chunk = { ...base };
  const choice = { ...(base.choices as Node[])[0] };
  choice.delta =
    template.path.length === 1
      ? textDelta(choice.delta as Node, template.path[0] as string, value)
      : callDelta(choice.delta as Node, value);
  chunk.choices = [choice];
  if (obfuscation !== undefined) chunk.obfuscation = obfuscation;
  return chunk;
}

function textDelta(delta: Node, key: string, value: string): Node {
  const copy = { ...delta };
  copy[key] = value;
  return copy;
}

/** `{tool_calls: [{…, function: {…, arguments: value}}]}`. */
function callDelta(delta: Node, value: string): Node {
  const copy = { ...delta };
  const call = { ...(delta.tool_calls as Node[])[0] };
  const fn = { ...(call.function as Node) };
  fn.arguments = value;
  call.function = fn;
  copy.tool_calls = [call];
  return copy;
}

/** The index of the quote that closes the JSON string starting at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  let at = text.indexOf('"', from);
  while (at >= 0) {
    let slashes = 0;
    for (let i = at - 1; i >= from && text.charCodeAt(i) === 92; i--) slashes++;
    if (slashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

/** A template for chunks shaped like `json` (parsed from `data`), when one can vouch for them. */
function learn(data: string, json: unknown): Template | undefined {
  // Compact text, as JSON.stringify writes it: every string member then reads `"key":"`, so a marker
  // found once can only be the variable string's own.
  if (!isNode(json) || JSON.stringify(json) !== data) return undefined;
  for (const path of VARIABLE_PATHS) {
    const full = [...DELTA_PATH, ...path];
    const value = valueAt(json, full);
    if (typeof value !== 'string') continue;
    // Everything off the path must be a primitive: copies share nothing with the template.
    if (!primitivesOffPath(json, full, 0)) return undefined;
    const marker = `"${path[path.length - 1]}":"`;
    const at = data.indexOf(marker);
    // The marker cannot occur inside a string (its quotes would be escaped), but it must be unique.
    if (at < 0 || data.indexOf(marker, at + 1) >= 0) return undefined;
    const head = data.slice(0, at + marker.length);
    const close = closingQuote(data, head.length);
    if (close < 0) return undefined;
    let tail = data.slice(close);
    let obfuscated = false;
    const padding = json.obfuscation;
    if (typeof padding === 'string' && PLAIN.test(padding) && tail.endsWith(`${OBFUSCATION}${padding}"}`)) {
      tail = tail.slice(0, tail.length - padding.length - 2);
      obfuscated = tail.indexOf(OBFUSCATION) === tail.length - OBFUSCATION.length;
      if (!obfuscated) return undefined;
    }
    const template: Template = { head, tail, obfuscated, path, base: copyAlong(json, full, 0) as Node };
    // The template must read its own chunk back exactly (escapes, key order, the padding).
    return sameJson(readWith(template, data), json) ? template : undefined;
  }
  return undefined;
}

function copyAlong(node: unknown, path: readonly (string | number)[], depth: number): unknown {
  if (depth === path.length || !isNode(node)) return node;
  const key = path[depth] as string | number;
  const copy: Node = Array.isArray(node) ? (node.slice() as unknown as Node) : { ...node };
  copy[key] = copyAlong(node[key], path, depth + 1);
  return copy;
}

function primitivesOffPath(node: Node, path: readonly (string | number)[], depth: number): boolean {
  const next = path[depth];
  const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
  for (const [key, value] of entries) {
    if (key === next) {
      if (depth + 1 < path.length && !(isNode(value) && primitivesOffPath(value, path, depth + 1))) return false;
      continue;
    }
    if (value !== null && typeof value === 'object') return false;
  }
  // A path into an array needs the array to hold just that element (its siblings would be shared).
  return !Array.isArray(node) || node.length === 1;
}

function valueAt(node: unknown, path: readonly (string | number)[]): unknown {
  let at = node;
  for (const key of path) {
    if (!isNode(at)) return undefined;
    at = at[key];
  }
  return at;
}

function isNode(value: unknown): value is Node {
  return value !== null && typeof value === 'object';
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
