import {
  createLossRecorder,
  type FinishEvent,
  type JsonObject,
  type JsonValue,
  reportErrorLosses,
  type StreamEncoder,
  type StreamEvent,
  type StreamOptions,
  type Usage,
  type WireEvent,
} from '@interlingua/core';
import { decodeError, errorBody } from './error.ts';
import { FORMAT, isObject, mergeExt, ownExt } from './ext.ts';
import { DEFAULT_MESSAGE_ID, encodeStop } from './response.ts';
import {
  blockDelta,
  classify,
  closingDeltas,
  contentDeltas,
  type EncodedBlock,
  skeleton,
  wireEvent,
} from './stream-blocks.ts';
import { deltaUsage, encodeUsage } from './usage.ts';

/**
 * Canonical stream events → Claude SSE events, incrementally, in Claude's strict grammar:
 * `message_start` (with usage) first; blocks strictly sequential with contiguous indices, each
 * `content_block_start` closed by a `content_block_stop`; then `message_delta` (stop reason,
 * cumulative usage) and `message_stop`; or `event: error` and nothing after it.
 *
 * Canonical blocks may interleave (Chat streams parallel tool calls side by side). The first open
 * block streams live; events of blocks opened meanwhile are buffered, each block's own events only,
 * and replayed in order of opening as soon as the live block ends. Nothing is ever closed and
 * reopened, so every canonical block is exactly one Claude block.
 *
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming
 */

/** Creates an encoder for one Claude stream. */
export function createStreamEncoder(options?: StreamOptions): StreamEncoder {
  const losses = createLossRecorder(FORMAT, options);
  let started = false;
  let done = false;
  let wireCount = 0;
  let startUsage: Usage | undefined;
  let usage: Usage | undefined;
  let finish: FinishEvent | undefined;
  let sawToolUse = false;
  let choicesReported = false;
  let logprobsReported = false;
  const blocks = new Map<number, EncodedBlock>();
  const order: number[] = [];
  let active: number | undefined;
  const extensionBlocks = new Map<number, number>();

  const wire = wireEvent;

  function messageStart(event?: Extract<StreamEvent, { type: 'message-start' }>): WireEvent[] {
    started = true;
    startUsage = event?.usage;
    if (event?.created !== undefined) losses.drop(['created'], 'A Claude message has no creation time.', 'created');
    const u = encodeUsage(event?.usage);
    if (event?.serviceTier !== undefined && u.service_tier === undefined) u.service_tier = event.serviceTier;
    const message: JsonObject = {
      id: event?.id ?? DEFAULT_MESSAGE_ID,
      type: 'message',
      role: 'assistant',
      model: event?.model ?? '',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: u,
    };
    return [wire({ type: 'message_start', message: mergeExt(message, ownExt(event)) })];
  }

  function ensureStarted(): WireEvent[] {
    return started ? [] : messageStart();
  }

  function open(key: number): WireEvent[] {
    const block = blocks.get(key)!;
    active = key;
    const sk = skeleton(block, losses);
    if (!sk) {
      block.kind = 'drop';
      return close(key);
    }
    block.wireIndex = wireCount++;
    if (block.kind === 'tool_use' || block.kind === 'custom_tool') sawToolUse = true;
    const out = [wireEvent({ type: 'content_block_start', index: block.wireIndex, content_block: sk })];
    out.push(...contentDeltas(block, block.start, losses, true));
    const queued = block.queue;
    block.queue = [];
    for (const event of queued) if (event.type === 'block-delta') out.push(...blockDelta(block, event.delta, losses));
    if (block.ended) out.push(...close(key));
    return out;
  }

  function close(key: number): WireEvent[] {
    const block = blocks.get(key)!;
    if (active === key) active = undefined;
    const out: WireEvent[] = [];
    if (block.kind !== 'drop') {
      out.push(...closingDeltas(block, losses));
      out.push(wireEvent({ type: 'content_block_stop', index: block.wireIndex }));
    }
    blocks.delete(key);
    order.splice(order.indexOf(key), 1);
    // The next buffered block (in order of opening) goes live.
    const next = order.find((k) => blocks.get(k)?.wireIndex === -1 && blocks.get(k)?.kind !== 'drop');
    if (active === undefined && next !== undefined) out.push(...open(next));
    return out;
  }

  function closeAll(): WireEvent[] {
    const out: WireEvent[] = [];
    while (order.length > 0) {
      const key = active ?? order[0]!;
      const block = blocks.get(key)!;
      if (block.wireIndex === -1 && block.kind !== 'drop') {
        block.ended = true;
        out.push(...open(key));
      } else out.push(...close(key));
    }
    return out;
  }

  function push(event: StreamEvent): WireEvent[] {
    if (done) return [];
    if ('choice' in event && event.choice !== undefined && event.choice !== 0) {
      if (!choicesReported)
        losses.drop(['choices'], 'Claude streams one answer; other choices are dropped.', 'choices');
      choicesReported = true;
      return [];
    }
    switch (event.type) {
      case 'message-start':
        return started ? [] : messageStart(event);
      case 'block-start': {
        const out = ensureStarted();
        const kind = classify(event.part, ['stream', 'block', event.index], losses);
        const block: EncodedBlock = {
          kind,
          start: event.part,
          wireIndex: -1,
          queue: [],
          ended: false,
          deltas: 0,
          signatureSent: false,
        };
        blocks.set(event.index, block);
        order.push(event.index);
        if (kind === 'drop') return out;
        if (active === undefined) out.push(...open(event.index));
        return out;
      }
      case 'block-delta': {
        if (event.logprobs !== undefined && !logprobsReported) {
          logprobsReported = true;
          losses.drop(['choices', 0, 'logprobs'], 'Claude has no log probabilities.', 'logprobs');
        }
        const block = blocks.get(event.index);
        if (!block || block.kind === 'drop') return [];
        if (block.wireIndex === -1) {
          block.queue.push(event);
          return [];
        }
        return blockDelta(block, event.delta, losses);
      }
      case 'block-end': {
        const block = blocks.get(event.index);
        if (!block) return [];
        if (block.kind === 'drop') {
          blocks.delete(event.index);
          order.splice(order.indexOf(event.index), 1);
          return [];
        }
        if (block.wireIndex === -1) {
          if (event.part) block.endPart = event.part;
          block.ended = true;
          return [];
        }
        if (event.part) block.endPart = event.part;
        return close(event.index);
      }
      case 'usage':
        usage = event.usage;
        return [];
      case 'finish':
        finish = event;
        return [];
      case 'message-end': {
        const out = [...ensureStarted(), ...closeAll()];
        const stop = finish
          ? encodeStop(finish, losses, ['choices', 0, 'finishReason'])
          : { stop_reason: sawToolUse ? 'tool_use' : 'end_turn', stop_sequence: null };
        const d: JsonObject = mergeExt({ ...stop }, ownExt(finish));
        out.push(wire({ type: 'message_delta', delta: d, usage: deltaUsage(usage ?? startUsage, losses) }));
        out.push(wire({ type: 'message_stop' }));
        done = true;
        return out;
      }
      case 'error': {
        done = true;
        const body = errorBody(event.error);
        // The error event ends the stream: counts known after message_start (they go in message_delta) are not sent.
        if (usage !== undefined && usage !== startUsage)
          losses.drop(
            ['usage'],
            'A Claude error event ends the stream; the usage counts are not sent.',
            'usage.counts',
          );
        // Whatever the decoder cannot read back from the event (a kind Claude lacks, a status it implies) is lost.
        reportErrorLosses(losses, event.error, decodeError(body), ['error']);
        return [wire(body)];
      }
      case 'extension':
        return event.format === FORMAT ? extension(event.name, event.data) : [];
      case 'warning':
        return [];
    }
  }

  function extension(name: string, data: JsonValue): WireEvent[] {
    if (!isObject(data)) return [];
    if (name === 'content_block_start' || name === 'content_block_delta' || name === 'content_block_stop') {
      const out = ensureStarted();
      const original = typeof data.index === 'number' ? data.index : -1;
      let index = extensionBlocks.get(original);
      if (index === undefined) {
        index = wireCount++;
        extensionBlocks.set(original, index);
      }
      if (name === 'content_block_stop') extensionBlocks.delete(original);
      return [...out, { event: name, data: JSON.stringify({ ...data, index }) }];
    }
    return [{ event: name, data: JSON.stringify(data) }];
  }

  return {
    push,
    end(): WireEvent[] {
      if (done) return [];
      done = true;
      return [
        wire(
          errorBody({
            kind: 'server',
            status: 500,
            type: 'api_error',
            message: 'The stream ended before it was complete.',
          }),
        ),
      ];
    },
    get losses() {
      return losses.losses;
    },
  };
}
