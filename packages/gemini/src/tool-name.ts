/**
 * Reversible mapping of foreign tool names onto Gemini's function-name rule,
 * `^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$` (a letter or `_` first, at most 128 characters).
 *
 * A name that already matches (and does not start with the reserved prefix) is kept as is, so
 * native names never change. Anything else becomes the reserved prefix followed by the name with
 * every character outside `[A-Za-z0-9_]` written as `-<hex code point>-`; decoding reverses exactly
 * that, so the original name comes back on the way out of Gemini (calls in responses and streams).
 * The same scheme as the claude adapter's `encodeToolName`, so one escaped name reads the same in both.
 */

/** The prefix that marks an escaped name. */
export const TOOL_NAME_PREFIX = 'ilx_';

/** Gemini's function-name rule. */
export const FUNCTION_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/;

const NAME_MAX = 128;

/**
 * Maps a tool name onto Gemini's rule (identity for valid names). `rewritten` says the name
 * changed; `truncated` that the escaped name was cut to 128 characters (it then no longer decodes
 * to the original).
 */
export function encodeToolName(name: string): { name: string; rewritten: boolean; truncated: boolean } {
  if (FUNCTION_NAME_PATTERN.test(name) && !name.startsWith(TOOL_NAME_PREFIX))
    return { name, rewritten: false, truncated: false };
  let escaped = TOOL_NAME_PREFIX;
  for (const char of name) escaped += /[A-Za-z0-9_]/.test(char) ? char : `-${char.codePointAt(0)!.toString(16)}-`;
  return escaped.length <= NAME_MAX
    ? { name: escaped, rewritten: true, truncated: false }
    : { name: escaped.slice(0, NAME_MAX), rewritten: true, truncated: true };
}

/** Restores the original tool name from a Gemini function name (identity for names it did not escape). */
export function decodeToolName(name: string): string {
  if (!name.startsWith(TOOL_NAME_PREFIX)) return name;
  const body = name.slice(TOOL_NAME_PREFIX.length);
  // A malformed escape (not produced by us) is returned untouched rather than guessed at.
  if (!/^(?:[A-Za-z0-9_]|-[0-9a-f]{1,6}-)*$/.test(body)) return name;
  return body.replace(/-([0-9a-f]{1,6})-/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));
}

/** The loss message for a rewritten name, or undefined when the name was kept. */
export function toolNameLoss(original: string, encoded: { name: string; rewritten: boolean; truncated: boolean }) {
  if (!encoded.rewritten) return undefined;
  return encoded.truncated
    ? `tool name ${JSON.stringify(original)} breaks Gemini's name rule; escaped and cut to 128 characters (not reversible)`
    : `tool name ${JSON.stringify(original)} breaks Gemini's name rule; sent as ${JSON.stringify(encoded.name)} (read back as the original)`;
}
