/**
 * Reversible mapping of foreign tool-call ids and tool names onto Claude's patterns.
 *
 * Claude requires `^[a-zA-Z0-9_-]+$` for `tool_use.id` and `^[a-zA-Z0-9_-]{1,128}$` for tool
 * names. A value that already matches (and does not start with the reserved prefix) is kept as is,
 * so native `toolu_…` ids never change. Anything else becomes the reserved prefix followed by the
 * value with every character outside `[A-Za-z0-9_]` written as `-<hex code point>-`; decoding
 * reverses exactly that, so the original id or name comes back on the way out of Claude.
 */

/** The prefix that marks an escaped id or name. */
export const ESCAPE_PREFIX = 'ilx_';

const VALID = /^[a-zA-Z0-9_-]+$/;
const NAME_MAX = 128;

function needsEscape(value: string): boolean {
  return !VALID.test(value) || value.startsWith(ESCAPE_PREFIX);
}

function escapeValue(value: string): string {
  let out = ESCAPE_PREFIX;
  for (const char of value) {
    out += /[A-Za-z0-9_]/.test(char) ? char : `-${char.codePointAt(0)!.toString(16)}-`;
  }
  return out;
}

function unescapeValue(value: string): string {
  if (!value.startsWith(ESCAPE_PREFIX)) return value;
  const body = value.slice(ESCAPE_PREFIX.length);
  // A malformed escape (not produced by us) is returned untouched rather than guessed at.
  if (!/^(?:[A-Za-z0-9_]|-[0-9a-f]{1,6}-)*$/.test(body)) return value;
  return body.replace(/-([0-9a-f]{1,6})-/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}

/** Maps a tool-call id onto Claude's id pattern (identity for valid ids). */
export function encodeToolId(id: string): string {
  return needsEscape(id) ? escapeValue(id) : id;
}

/** Restores the original tool-call id from a Claude id. */
export function decodeToolId(id: string): string {
  return unescapeValue(id);
}

/**
 * Maps a tool name onto Claude's name pattern. Returns `truncated: true` when the escaped name was
 * longer than 128 characters and had to be cut (then it no longer decodes to the original).
 */
export function encodeToolName(name: string): { name: string; truncated: boolean } {
  if (!needsEscape(name) && name.length <= NAME_MAX) return { name, truncated: false };
  const escaped = escapeValue(name);
  return escaped.length <= NAME_MAX
    ? { name: escaped, truncated: false }
    : { name: escaped.slice(0, NAME_MAX), truncated: true };
}

/** Restores the original tool name from a Claude tool name. */
export function decodeToolName(name: string): string {
  return unescapeValue(name);
}
