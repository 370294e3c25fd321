import { parseEventJson } from './wire-json.ts';

/**
 * Reads the JSON payloads of a stream's events, faster than `JSON.parse` on the common case.
 *
 * A stream repeats a few event shapes: after the first text delta, events differ only in one string
 * (the delta text, a tool call's arguments fragment) and, for OpenAI, in a random padding member. The
 * reader learns a template from a parsed event (the text before and after that string) and reads the
 * next event by comparing its text with the template and decoding only the string. Anything that
 * differs by a byte, or that a template cannot vouch for, goes through `JSON.parse`. The result always
 * equals `JSON.parse`'s, in fresh objects for every event (the adapters' property tests hold it to that).
 */
export interface TemplateReader {
  /** The parsed payload; a syntax error throws `WireFormatError` at `[index, 'data']`. */
  read(data: string, index: number): unknown;
}

/** What a format's events vary in. */
export interface TemplateReaderOptions {
  /** The format, for errors. */
  format: string;
  /** Paths of the string member a template may vary, most common first. */
  paths: readonly (readonly (string | number)[])[];
  /** A top-level string member written last whose value varies too (OpenAI's `obfuscation`). */
  padding?: string;
}

// A JSON string's raw text needs decoding (escapes) or is invalid JSON (control characters).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point.
const NEEDS_PARSE = /[\\\u0000-\u001f]/;
// Padding that reads back as itself.
const PLAIN = /^[A-Za-z0-9_-]*$/;
/** Events in a row that no template read: after this many, the stream is not one templates fit. */
const MISSES_ALLOWED = 16;

type Node = Record<string | number, unknown>;

interface Template {
  /** The event's text up to and including the variable string's opening quote. */
  head: string;
  /** The text from the string's closing quote to the end, or to the padding value's opening quote. */
  tail: string;
  /** The padding member's name when the event ends with it (its value varies). */
  padding: string | undefined;
  /** Where the variable string is. */
  path: readonly (string | number)[];
  /** The nodes along `path` in a private copy of the event the template was learned from (root first). */
  nodes: readonly Node[];
}

/** Creates a reader for one stream. */
export function createTemplateReader(options: TemplateReaderOptions): TemplateReader {
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
      const json = parseEventJson(data, options.format, index);
      // Learning costs a few parses' worth: a stream whose events never repeat stops paying for it.
      if (misses < MISSES_ALLOWED) {
        misses++;
        template = learn(data, json, options);
      }
      return json;
    },
  };
}

/** The event read through `template`, or undefined when its text does not fit the template exactly. */
function readWith(template: Template, data: string): unknown {
  const { head, tail } = template;
  // `slice(…) ===` compares with memcmp; `startsWith` goes character by character (15× slower here).
  if (data.slice(0, head.length) !== head) return undefined;
  const close = closingQuote(data, head.length);
  if (close < 0 || data.slice(close, close + tail.length) !== tail) return undefined;
  let padding: string | undefined;
  if (template.padding !== undefined) {
    const start = close + tail.length;
    const end = data.length - 2;
    if (end < start || data.charCodeAt(end) !== 34 || data.charCodeAt(end + 1) !== 125) return undefined;
    padding = data.slice(start, end);
    if (!PLAIN.test(padding)) return undefined;
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
  // Copies of the nodes along the path, built from the string up (arrays on the path hold one element).
  const { nodes, path } = template;
  let built: unknown = value;
  for (let depth = nodes.length - 1; depth >= 0; depth--) {
    const node = nodes[depth] as Node;
    if (Array.isArray(node)) built = [built];
    else {
      const copy = shallow(node, depth);
      copy[path[depth] as string | number] = built;
      built = copy;
    }
  }
  const root = built as Node;
  if (padding !== undefined && template.padding !== undefined) root[template.padding] = padding;
  return root;
}

/**
 * A shallow copy of an object. One spread site per depth, so that each sees few shapes: a single site
 * would see every shape of every level and go megamorphic (several times slower).
 */
function shallow(node: Node, depth: number): Node {
  switch (depth) {
    case 0:
      return { ...node };
    case 1:
      return { ...node };
    case 2:
      return { ...node };
    case 3:
      return { ...node };
    case 4:
      return { ...node };
    default:
      return { ...node };
  }
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

/** A template for events shaped like `json` (parsed from `data`), when one can vouch for them. */
function learn(data: string, json: unknown, options: TemplateReaderOptions): Template | undefined {
  // Compact text, as JSON.stringify writes it: every string member then reads `"key":"`, so a marker
  // found once can only be the variable string's own.
  if (!isNode(json) || JSON.stringify(json) !== data) return undefined;
  for (const path of options.paths) {
    if (typeof valueAt(json, path) !== 'string') continue;
    // Everything off the path must be a primitive: copies share nothing with the template.
    if (!primitivesOffPath(json, path, 0)) return undefined;
    const marker = `"${path[path.length - 1]}":"`;
    const at = data.indexOf(marker);
    // The marker cannot occur inside a string (its quotes would be escaped), but it must be unique.
    if (at < 0 || data.indexOf(marker, at + 1) >= 0) return undefined;
    const head = data.slice(0, at + marker.length);
    const close = closingQuote(data, head.length);
    if (close < 0) return undefined;
    let tail = data.slice(close);
    let padding: string | undefined;
    const name = options.padding;
    const value = name === undefined ? undefined : json[name];
    if (name !== undefined && typeof value === 'string' && PLAIN.test(value)) {
      const member = `"${name}":"`;
      if (tail.endsWith(`${member}${value}"}`)) {
        tail = tail.slice(0, tail.length - value.length - 2);
        if (tail.indexOf(member) !== tail.length - member.length) return undefined;
        padding = name;
      }
    }
    const base = copyAlong(json, path, 0) as Node;
    const nodes: Node[] = [];
    let node: unknown = base;
    for (const key of path) {
      nodes.push(node as Node);
      node = (node as Node)[key];
    }
    const template: Template = { head, tail, padding, path, nodes };
    // The template must read its own event back exactly (escapes, key order, the padding).
    return JSON.stringify(readWith(template, data)) === data ? template : undefined;
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
