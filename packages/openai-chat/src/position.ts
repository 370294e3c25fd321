import type { ContentPart, LossRecorder } from '@interlingua/core';

type Path = (string | number)[];

/** A part that reaches the wire: its index in the core message and its place in Chat's fixed order. */
export interface Placed {
  index: number;
  part: ContentPart;
  /** Chat's order of an assistant turn: reasoning 0, text 1, refusal 2, tool calls 3, audio 4 (equal slots keep their order). */
  slot: number;
}

/** Chat's slot of a part kind in an assistant message; `inline` when refusals sit in the content array with the text. */
export function slotOf(part: ContentPart, inline = false): number {
  switch (part.type) {
    case 'reasoning':
      return 0;
    case 'text':
      return 1;
    case 'refusal':
      return inline ? 1 : 2;
    case 'tool-call':
      return 3;
    default:
      return 4;
  }
}

/**
 * Reports (approximated) the first part of an assistant message that Chat does not keep where it
 * was: Chat has one field per kind (reasoning, content, refusal, tool calls), so a part written
 * after a later kind's part moves, text separated by another part is joined to the text before it,
 * and (when `joinRefusals`) several refusals become one. One report per message is enough to name
 * the change: everything after the moved part shifts with it.
 */
export function reportMoves(placed: readonly Placed[], path: Path, losses: LossRecorder, joinRefusals: boolean): void {
  let highest = -1;
  let seenText = false;
  // The last part written into the content field: text right after it stays next to it on the wire.
  let lastContent: number | undefined;
  let refusals = 0;
  for (const { index, part, slot } of placed) {
    const joinedText = part.type === 'text' && seenText && lastContent !== index - 1;
    const joinedRefusal = joinRefusals && part.type === 'refusal' && refusals > 0;
    if (slot < highest || joinedText || joinedRefusal) {
      const call = part.type === 'tool-call';
      losses.approximate(
        [...path, 'content', index],
        joinedText || joinedRefusal
          ? `Chat has one ${part.type} field per message; this part is joined to the one before it`
          : 'Chat writes an assistant turn in a fixed order (reasoning, text, refusal, tool calls); this part moved',
        call ? 'tool-call.position' : 'content.position',
      );
      return;
    }
    highest = Math.max(highest, slot);
    if (part.type === 'text') seenText = true;
    if (slot === 1) lastContent = index;
    if (part.type === 'refusal') refusals++;
  }
}
