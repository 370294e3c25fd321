import type { StreamValidator, ValidationResult, WireEvent } from '@interlingua/core';
import { z } from 'zod';
import { ClaudeUsage } from '../wire/response.ts';
import {
  ClaudeBlockDelta,
  ClaudeBlockStart,
  ClaudeBlockStop,
  ClaudeDeltas,
  ClaudeMessageDelta,
  ClaudeMessageStart,
  ClaudeStreamEvent,
} from '../wire/stream.ts';
import { ASSISTANT_BLOCKS, INPUT_BLOCKS } from './blocks.ts';
import { ClaudeEnvelope, checkAssistantBlock, checkError, checkUsage } from './body.ts';
import { createProblems, describe, isRecord } from './problems.ts';

/**
 * The Claude SSE grammar (spec §4.1), checked one event at a time:
 *
 *   message_start (content_block_start content_block_delta* content_block_stop)* message_delta message_stop
 *
 * with `ping` and events of unknown names allowed anywhere after `message_start` (the SDK skips
 * them and Anthropic adds event types), and `error` as an alternative terminal event. Only the open
 * block is kept (its `input_json_delta` text until it stops), so memory is bounded by one block.
 */

/** Which delta types may target which block type; block types absent here take none (they arrive whole). */
const DELTAS_FOR: Record<string, readonly string[]> = {
  text: ['text_delta', 'citations_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  ...Object.fromEntries([...INPUT_BLOCKS].map((type) => [type, ['input_json_delta']])),
};

/** The delta types a block takes: none for known blocks that arrive whole, `undefined` (anything) for unknown ones. */
function takesDeltas(type: string): readonly string[] | undefined {
  if (DELTAS_FOR[type]) return DELTAS_FOR[type];
  // Redacted thinking and server tool results are known and arrive whole; unknown types may take any delta.
  return ASSISTANT_BLOCKS.has(type) ? [] : undefined;
}

/** `message_start`: the full envelope (the SDK accumulates into it), with no stop reason yet. */
const MessageStart = ClaudeMessageStart.extend({ message: ClaudeEnvelope.extend({ stop_reason: z.null() }) });

interface OpenBlock {
  /** The wire `index`. */
  index: number;
  /** The block type (from `content_block_start`). */
  type: string;
  /** The event number of its `content_block_start`. */
  startedAt: number;
  /** Concatenated `input_json_delta` fragments, `undefined` until the first one. */
  json: string | undefined;
  /** A thinking block's signature has arrived (in the start or a `signature_delta`). */
  signed: boolean;
}

/** Creates a validator for one Claude SSE stream. */
export function createStreamValidator(): StreamValidator {
  const problems = createProblems();
  let count = 0;
  let started = false;
  let firstReported = false;
  let terminal: string | undefined;
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  let messageDeltas = 0;
  let verdict: ValidationResult | undefined;

  /** Closes the open block: its input must be a JSON object, a thinking block must be signed. */
  function close(block: OpenBlock, n: number): void {
    if (INPUT_BLOCKS.has(block.type) && block.json !== undefined && block.json.trim() !== '') {
      let input: unknown;
      try {
        input = JSON.parse(block.json);
      } catch {
        input = undefined;
      }
      if (!isRecord(input))
        problems.add(
          [n],
          'arguments-json',
          `expected the input_json_delta fragments of block ${block.index} to form a JSON object, got ${describe(block.json)}`,
        );
    }
    if (block.type === 'thinking' && !block.signed)
      problems.add(
        [n],
        'signature',
        `expected a signature_delta before thinking block ${block.index} stops, got none (it cannot be replayed)`,
      );
  }

  function unclosed(n: number, before: string): void {
    if (!open) return;
    problems.add(
      [n],
      'unclosed-block',
      `expected content_block_stop for block ${open.index} (opened at event ${open.startedAt}) before ${before}`,
    );
    open = undefined;
  }

  function blockStart(payload: unknown, n: number): void {
    const event = problems.schema(ClaudeBlockStart, payload, [n]);
    if (!event) return;
    const { index, content_block: block } = event;
    if (messageDeltas > 0)
      problems.add([n], 'event-order', 'expected no content_block_start after message_delta, got one');
    unclosed(n, `content_block_start of block ${index}`);
    if (index !== nextIndex)
      problems.add([n, 'index'], 'block-index', `expected index ${nextIndex} (indices count up from 0), got ${index}`);
    // Resynchronise on the index that arrived so that one gap is reported once, not for every later block.
    nextIndex = index + 1;
    const type = checkAssistantBlock(problems, block, [n, 'content_block']) ?? block.type;
    const signed = type === 'thinking' && typeof block.signature === 'string' && block.signature !== '';
    open = { index, type, startedAt: n, json: undefined, signed };
  }

  function blockDelta(payload: unknown, n: number): void {
    const event = problems.schema(ClaudeBlockDelta, payload, [n]);
    if (!event) return;
    const { index, delta } = event;
    if (!open || open.index !== index) {
      const expected = open ? `index ${open.index} (the open block)` : 'a content_block_start first';
      problems.add([n, 'index'], 'block-index', `expected a delta for ${expected}, got index ${index}`);
      return;
    }
    const schema = ClaudeDeltas[delta.type as keyof typeof ClaudeDeltas];
    // Unknown delta types are skipped by the SDK, so they are allowed; known ones must fit the block.
    if (!schema) return;
    problems.schema(schema, delta, [n, 'delta']);
    const allowed = takesDeltas(open.type);
    if (allowed && !allowed.includes(delta.type)) {
      const want = allowed.length > 0 ? allowed.join(' or ') : 'no deltas (it arrives whole)';
      problems.add(
        [n, 'delta', 'type'],
        'delta-kind',
        `expected ${want} for ${open.type} block ${index}, got ${delta.type}`,
      );
      return;
    }
    if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string')
      open.json = (open.json ?? '') + delta.partial_json;
    if (delta.type === 'signature_delta' && typeof delta.signature === 'string' && delta.signature !== '')
      open.signed = true;
  }

  function blockStop(payload: unknown, n: number): void {
    const event = problems.schema(ClaudeBlockStop, payload, [n]);
    if (!event) return;
    const { index } = event;
    if (!open || open.index !== index) {
      const expected = open ? `index ${open.index} (the open block)` : 'no content_block_stop (no block is open)';
      problems.add([n, 'index'], 'block-index', `expected ${expected}, got index ${index}`);
      return;
    }
    close(open, n);
    open = undefined;
  }

  function messageDelta(payload: unknown, n: number): void {
    unclosed(n, 'message_delta');
    messageDeltas++;
    if (messageDeltas > 1)
      problems.add([n], 'finish-reason', `expected one message_delta, got another (number ${messageDeltas})`);
    const event = problems.schema(ClaudeMessageDelta, payload, [n]);
    if (!event) return;
    const { delta, usage } = event;
    if (typeof delta.stop_reason !== 'string')
      problems.add(
        [n, 'delta', 'stop_reason'],
        'finish-reason',
        `expected a stop_reason, got ${describe(delta.stop_reason)}`,
      );
    if (isRecord(usage)) problems.schema(ClaudeUsage, usage, [n, 'usage']);
    checkUsage(problems, usage, [n, 'usage'], ['output_tokens']);
  }

  function handle(payload: Record<string, unknown>, type: string, n: number): void {
    switch (type) {
      case 'message_start':
        if (started) problems.add([n], 'first-event', 'expected message_start only as the first event, got another');
        started = true;
        problems.schema(MessageStart, payload, [n]);
        if (!isRecord(payload.message)) return;
        if (Array.isArray(payload.message.content) && payload.message.content.length > 0)
          problems.add(
            [n, 'message', 'content'],
            'schema',
            `expected an empty content array (blocks stream as content_block_start), got ${payload.message.content.length} blocks`,
          );
        checkUsage(problems, payload.message.usage, [n, 'message', 'usage'], ['input_tokens', 'output_tokens']);
        return;
      case 'content_block_start':
        blockStart(payload, n);
        return;
      case 'content_block_delta':
        blockDelta(payload, n);
        return;
      case 'content_block_stop':
        blockStop(payload, n);
        return;
      case 'message_delta':
        messageDelta(payload, n);
        return;
      case 'message_stop':
        unclosed(n, 'message_stop');
        // A message_delta without a stop_reason was reported where it arrived.
        if (messageDeltas === 0)
          problems.add(
            [n],
            'finish-reason',
            'expected a message_delta with the stop_reason before message_stop, got none',
          );
        terminal = type;
        return;
      case 'error':
        checkError(problems, payload, [n]);
        terminal = type;
        return;
      default:
        // `ping` and unknown event names: allowed anywhere, nothing to check.
        return;
    }
  }

  return {
    push(event: WireEvent): void {
      if (verdict) return;
      const n = count++;
      if (terminal !== undefined) {
        problems.add([n], 'last-event', `expected nothing after ${terminal}, got ${event.event ?? 'an unnamed event'}`);
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        problems.add([n], 'json', `expected a JSON payload, got ${describe(event.data)}`);
        return;
      }
      if (!problems.schema(ClaudeStreamEvent, payload, [n]) || !isRecord(payload)) return;
      const type = payload.type as string;
      if (event.event !== type)
        problems.add(
          [n, 'type'],
          'event-name',
          event.event === undefined
            ? `expected an "event: ${type}" line (clients skip unnamed events), got none`
            : `expected the event name to equal the payload type "${type}", got "${event.event}"`,
        );
      if (!started && !firstReported && type !== 'message_start' && type !== 'error') {
        firstReported = true;
        problems.add([n], 'first-event', `expected message_start as the first event, got ${type}`);
      }
      handle(payload, type, n);
    },
    end(): ValidationResult {
      if (verdict) return verdict;
      if (terminal === undefined) {
        if (count === 0) problems.add([0], 'first-event', 'expected message_start as the first event, got none');
        unclosed(count, 'the end of the stream');
        const last = count === 0 ? 'an empty stream' : `the end of the stream after ${count} events`;
        problems.add([count], 'terminator', `expected message_stop (or an error event) last, got ${last}`);
      }
      verdict = problems.result();
      return verdict;
    },
  };
}

/** Validates a whole Claude SSE stream. */
export function validateStream(events: Iterable<WireEvent>): ValidationResult {
  const validator = createStreamValidator();
  for (const event of events) validator.push(event);
  return validator.end();
}
