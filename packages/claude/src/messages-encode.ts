import type { ContentPart, JsonObject, JsonValue, LossRecorder, Message } from '@interlingua/core';
import { type ContentContext, encodePart, insertExtra } from './content-encode.ts';
import { isObject, mergeExt, ownExt } from './ext.ts';

/**
 * Builds `system` and `messages` from the core conversation, applying Claude's turn rules:
 * instructions hoisted to `system`, tool results first in the next user turn, consecutive
 * same-role turns merged, a missing tool result answered by an `is_error` placeholder, a
 * conversation that opens with the assistant preceded by a placeholder user turn, and a request of
 * instructions only given that placeholder user turn (the API needs at least one message).
 *
 * @see https://docs.claude.com/en/api/messages
 */

/** Text of the user turn inserted before a conversation that starts with the assistant, or holds no turn at all. */
export const LEADING_USER_TEXT = '(conversation start)';

/** Content of the placeholder result for a tool call that has none. */
export const MISSING_RESULT_TEXT = 'No result was provided for this tool call.';

/** Options of the turn builder. */
export interface TurnOptions {
  /** Keep mid-conversation instructions as `role: "system"` messages instead of hoisting them. */
  midConversationSystem?: boolean;
}

interface Turn {
  role: 'user' | 'assistant' | 'system';
  content: JsonValue;
  extra?: JsonObject;
}

const FEATURE_OF: Partial<Record<ContentPart['type'], string>> = {
  image: 'content.image',
  file: 'content.file',
  audio: 'content.audio',
  reasoning: 'reasoning.text',
};

/** Writes the instructions and turns of a conversation. */
export function encodeMessages(
  messages: Message[],
  options: TurnOptions,
  losses: LossRecorder,
): { system?: JsonValue; messages: JsonObject[] } {
  const ctx: ContentContext = { losses, target: 'request' };
  const hoisted: { message: Message; index: number }[] = [];
  const turns: Turn[] = [];
  let seenTurn = false;
  let firstTurnIndex: number | undefined;
  let shiftReported = false;
  let previous: { role: string; index: number } | undefined;
  let emptiedSince = false;
  messages.forEach((message, index) => {
    const path = ['messages', index];
    if (message.role === 'system' || message.role === 'developer') {
      if (message.role === 'developer')
        losses.approximate(
          [...path, 'role'],
          'Claude has no developer role; sent as system.',
          'instructions.developer',
        );
      const inline = ownExt(message)?.inline === true || (seenTurn && options.midConversationSystem === true);
      if (inline) {
        turns.push({ role: 'system', content: systemContent([{ message, index }], losses) ?? '' });
        return;
      }
      if (seenTurn) {
        losses.approximate(path, 'Mid-conversation instructions moved to the system prompt.', 'instructions.position');
        // Hoisting also moves every turn from the first one on behind the instructions: say so once, there.
        if (!shiftReported && firstTurnIndex !== undefined)
          losses.approximate(
            ['messages', firstTurnIndex],
            'The turns from here on now follow instructions hoisted into the system prompt.',
            'instructions.position',
          );
        shiftReported = true;
      }
      hoisted.push({ message, index });
      return;
    }
    seenTurn = true;
    firstTurnIndex ??= index;
    if (message.name !== undefined) losses.drop([...path, 'name'], 'Claude has no participant names.', 'message.name');
    const ext = ownExt(message);
    const blocks: JsonObject[] = [];
    message.content.forEach((part, i) => {
      const block = encodePart(part, [...path, 'content', i], ctx);
      if (block) blocks.push(block);
    });
    const content = insertExtra(blocks, ext);
    const only = message.content[0];
    const stringForm =
      ext?.contentForm === 'string' && message.content.length === 1 && only?.type === 'text' && content.length === 1;
    const extra = leftoverFields(ext);
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    if (content.length === 0 && !stringForm) {
      if (message.content.length > 0) emptiedSince = true;
      return;
    }
    // A turn emptied by losses between two turns of one role makes them one Claude turn: the earlier one changes.
    if (emptiedSince && previous?.role === role)
      losses.approximate(
        ['messages', previous.index],
        'The turn between this one and the next was dropped, so they are sent as one turn.',
        'messages.alternation',
      );
    emptiedSince = false;
    previous = { role, index };
    turns.push({
      role,
      content: stringForm && only?.type === 'text' ? only.text : content,
      ...(extra ? { extra } : {}),
    });
  });
  const merged = mergeTurns(turns);
  fillMissingResults(merged, losses);
  unwrapOrphanResults(merged, losses);
  const firstTurn = merged.find((t) => t.role !== 'system');
  if (firstTurn === undefined) {
    // Only instructions (or nothing Claude can carry): the API needs at least one message.
    losses.approximate(
      ['messages'],
      'Claude needs at least one message; a placeholder user turn was added after the instructions.',
      'messages.alternation',
    );
    merged.push({ role: 'user', content: [{ type: 'text', text: LEADING_USER_TEXT }] });
  } else if (firstTurn.role === 'assistant') {
    losses.approximate(
      ['messages', 0],
      'Claude conversations start with a user turn; a placeholder was added.',
      'messages.alternation',
    );
    merged.splice(merged.indexOf(firstTurn), 0, { role: 'user', content: [{ type: 'text', text: LEADING_USER_TEXT }] });
  }
  const out = merged.map((turn) => mergeExt({ role: turn.role, content: turn.content } as JsonObject, turn.extra));
  const system = systemContent(hoisted, losses);
  return system === undefined ? { messages: out } : { system, messages: out };
}

/** Message-level wire leftovers (markers excluded by `mergeExt`). */
function leftoverFields(ext: JsonObject | undefined): JsonObject | undefined {
  if (!ext) return undefined;
  const fields: JsonObject = {};
  for (const [key, value] of Object.entries(ext)) if (key !== 'role' && key !== 'content') fields[key] = value;
  return fields;
}

/** Writes hoisted instructions as `system`: a string when that is how it came, else text blocks. */
function systemContent(items: { message: Message; index: number }[], losses: LossRecorder): JsonValue | undefined {
  if (items.length === 0) return undefined;
  const ctx: ContentContext = { losses, target: 'request' };
  const blocks: JsonObject[] = [];
  const parts: ContentPart[] = [];
  // Claude rejects a system prompt of whitespace only ("text content blocks must contain non-whitespace text").
  const visible = items.some(({ message }) => message.content.some((p) => p.type === 'text' && p.text.trim() !== ''));
  for (const { message, index } of items) {
    const encoded: JsonObject[] = [];
    message.content.forEach((part, i) => {
      const path = ['messages', index, 'content', i];
      if (part.type !== 'text') {
        losses.drop(path, 'Claude instructions hold text only.', FEATURE_OF[part.type] ?? 'instructions.position');
        return;
      }
      if (!visible && part.text !== '') {
        losses.drop(path, 'Claude rejects instructions of whitespace only.', 'content.empty-text');
        return;
      }
      const block = encodePart(part, path, ctx);
      if (block) {
        encoded.push(block);
        parts.push(part);
      }
    });
    blocks.push(...insertExtra(encoded, ownExt(message)));
  }
  const first = items[0]!.message;
  const plain = parts.length === 1 && blocks.length === 1 && Object.keys(blocks[0]!).length === 2;
  const wantString = items.length === 1 && ownExt(first)?.systemForm !== 'blocks';
  if (plain && wantString && parts[0]?.type === 'text') return parts[0].text;
  return blocks;
}

function asBlocks(content: JsonValue): JsonObject[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content.filter(isObject) as JsonObject[]) : [];
}

/** Merges consecutive same-role turns; in user turns, tool results go first. */
function mergeTurns(turns: Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const turn of turns) {
    const last = out[out.length - 1];
    if (last && last.role === turn.role && turn.role !== 'system') {
      last.content = [...asBlocks(last.content), ...asBlocks(turn.content)];
      if (turn.extra) last.extra = { ...last.extra, ...turn.extra };
    } else out.push({ ...turn });
  }
  for (const turn of out) {
    if (turn.role !== 'user' || !Array.isArray(turn.content)) continue;
    const blocks = turn.content as JsonObject[];
    const results = blocks.filter((b) => b.type === 'tool_result');
    if (results.length === 0) continue;
    turn.content = [...results, ...blocks.filter((b) => b.type !== 'tool_result')];
  }
  return out;
}

/** Every `tool_use` needs a `tool_result` in the next user turn: add `is_error` placeholders. */
function fillMissingResults(turns: Turn[], losses: LossRecorder): void {
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role !== 'assistant' || !Array.isArray(turn.content)) continue;
    const ids = (turn.content as JsonObject[]).filter((b) => b.type === 'tool_use').map((b) => String(b.id));
    if (ids.length === 0 || i === turns.length - 1) continue;
    let next = turns[i + 1]!;
    if (next.role !== 'user') {
      next = { role: 'user', content: [] };
      turns.splice(i + 1, 0, next);
    }
    const blocks = asBlocks(next.content);
    const answered = new Set(blocks.filter((b) => b.type === 'tool_result').map((b) => String(b.tool_use_id)));
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length === 0) continue;
    for (const id of missing)
      losses.add(
        'defaulted',
        ['messages'],
        `Tool call ${id} had no result; an error placeholder was sent.`,
        'tool-result.missing',
      );
    const placeholders = missing.map((id) => ({
      type: 'tool_result',
      tool_use_id: id,
      content: MISSING_RESULT_TEXT,
      is_error: true,
    }));
    const results = blocks.filter((b) => b.type === 'tool_result');
    next.content = [...results, ...placeholders, ...blocks.filter((b) => b.type !== 'tool_result')];
  }
}

/**
 * Claude rejects a `tool_result` whose call is not in the assistant turn right before it; such
 * results (cut histories, reordered conversations) are sent as text with their media beside it.
 */
function unwrapOrphanResults(turns: Turn[], losses: LossRecorder): void {
  turns.forEach((turn, i) => {
    if (turn.role !== 'user' || !Array.isArray(turn.content)) return;
    const prev = turns[i - 1];
    const calls = new Set(
      prev?.role === 'assistant' && Array.isArray(prev.content)
        ? (prev.content as JsonObject[]).filter((b) => b.type === 'tool_use').map((b) => String(b.id))
        : [],
    );
    const out: JsonObject[] = [];
    const trailing: JsonObject[] = [];
    for (const block of turn.content as JsonObject[]) {
      if (block.type !== 'tool_result' || calls.has(String(block.tool_use_id))) {
        (block.type === 'tool_result' ? out : trailing).push(block);
        continue;
      }
      losses.approximate(
        ['messages'],
        `Tool result ${String(block.tool_use_id)} answers no call in the previous turn; sent as text.`,
        'tool-result.orphan',
      );
      const inner = asBlocks(block.content ?? '');
      const text = inner
        .filter((b) => b.type === 'text')
        .map((b) => String(b.text))
        .join('\n');
      trailing.push({ type: 'text', text: `Tool result (${String(block.tool_use_id)}): ${text}` });
      trailing.push(...inner.filter((b) => b.type !== 'text'));
    }
    turn.content = [...out, ...trailing];
  });
}

/**
 * True when the conversation is in the middle of a tool loop (the last user turn answers tool
 * calls) and that assistant turn does not start with a thinking block. With thinking on, Claude
 * rejects such a continuation ("Expected `thinking` or `redacted_thinking`"), which happens when
 * the history came from another format whose reasoning cannot be replayed.
 */
export function lacksLoopThinking(messages: JsonObject[]): boolean {
  const last = messages[messages.length - 1];
  const prev = messages[messages.length - 2];
  if (!last || !prev || last.role !== 'user' || prev.role !== 'assistant') return false;
  const answers = Array.isArray(last.content) && (last.content as JsonObject[]).some((b) => b.type === 'tool_result');
  if (!answers || !Array.isArray(prev.content)) return false;
  const first = (prev.content as JsonObject[])[0];
  return first?.type !== 'thinking' && first?.type !== 'redacted_thinking';
}
