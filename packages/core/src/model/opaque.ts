/**
 * An opaque value a provider issued and only that provider can read back: a Claude thinking
 * signature or redacted-thinking payload, a Responses `encrypted_content`, a Gemini
 * `thoughtSignature`. It remembers its issuer: encoders restore it byte-exact for the same format
 * and drop it (with a loss report) for any other, never forwarding it as garbage.
 */
export interface OpaqueState {
  /** The format that issued the value (`claude`, `openai-responses`, `gemini`, `openai-chat`). */
  format: string;
  /** The value, byte-exact as received. */
  value: string;
}
