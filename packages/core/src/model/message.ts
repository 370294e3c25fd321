import type { ContentPart } from './content.ts';
import type { Extensions } from './extensions.ts';

/**
 * Who speaks.
 *
 * - `system` / `developer`: instructions. They sit in `messages` at the position they had on the
 *   wire, so several instructions and mid-conversation instructions keep their place (Claude's
 *   top-level `system`, Gemini's `systemInstruction` and Responses' `instructions` become leading
 *   messages; see each adapter's README for how it marks them).
 * - `user`, `assistant`: the conversation.
 * - `tool`: tool results sent back by the caller (one message holds one or more `tool-result` parts).
 */
export type Role = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/** One turn of the conversation. */
export interface Message {
  /** Who speaks. */
  role: Role;
  /** The content, in order. Instructions hold text parts only. */
  content: ContentPart[];
  /** A participant name (Chat `name`). */
  name?: string;
  /** The provider's id for this message (Responses `msg_…`). */
  id?: string;
  /** Provider-specific fields of the message, keyed by format. */
  extensions?: Extensions;
}
