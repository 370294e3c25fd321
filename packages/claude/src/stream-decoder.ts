import type {
  ContentPart,
  JsonObject,
  JsonValue,
  StreamDecoder,
  StreamEvent,
  StreamOptions,
  WireEvent,
} from '@interlingua/core';
import { decodeCitation } from './citations.ts';
import { decodeBlock } from './content-decode.ts';
import { decodeError } from './error.ts';
import { claudeExt, FORMAT, isObject, leftovers } from './ext.ts';
import { decodeFinishReason, isKnownStopReason } from './finish-reason.ts';
import { createPayloadReader } from './payload-reader.ts';
import { decodeUsage, mergeWireUsage } from './usage.ts';
import { parseWire } from './wire/parse.ts';
import {
  ClaudeBlockDelta,
  ClaudeBlockStart,
  ClaudeBlockStop,
  ClaudeDeltas,
  ClaudeMessageDelta,
  ClaudeMessageStart,
  ClaudeStreamEvent,
} from './wire/stream.ts';

/**
 * Claude SSE events → canonical stream events, incrementally.
 *
 * Blocks keep their order (Claude never interleaves them). `ping` and unknown events become
 * `extension` events; so do blocks of unknown types and their deltas. A `tool_use` whose input
 * arrives empty ends with its final part (`arguments: "{}"`), and a server tool call ends with
 * its parsed `input`, so that collecting a stream equals decoding the non-streamed message.
 *
 * @see https://docs.claude.com/en/docs/build-with-claude/streaming
 */

const ENVELOPE = ['id', 'type', 'role', 'model', 'content', 'stop_reason', 'stop_sequence', 'usage'];

interface OpenBlock {
  index: number;
  part: ContentPart | undefined;
  args: string;
}

/** Creates a decoder for one Claude stream. */
export function createStreamDecoder(_options?: StreamOptions): StreamDecoder {
  let eventNo = 0;
  let done = false;
  let startUsage: JsonObject = {};
  let nextIndex = 0;
  // Deltas repeat one shape: most are read by comparing their text with the previous one's.
  const reader = createPayloadReader();
  const open = new Map<number, OpenBlock>();

  const ext = (name: string, data: JsonValue): StreamEvent => ({ type: 'extension', format: FORMAT, name, data });

  function handle(payload: JsonObject, n: number): StreamEvent[] {
    switch (payload.type) {
      case 'message_start': {
        const { message } = parseWire(ClaudeMessageStart, payload, 'stream', [n]);
        const event: StreamEvent = { type: 'message-start' };
        if (message.id !== undefined) event.id = message.id;
        if (message.model !== undefined) event.model = message.model;
        if (message.usage) {
          startUsage = message.usage as JsonObject;
          event.usage = decodeUsage(startUsage);
          if (typeof startUsage.service_tier === 'string') event.serviceTier = startUsage.service_tier;
        }
        const rest = claudeExt(leftovers(message, ENVELOPE));
        if (rest) event.extensions = rest;
        return [event];
      }
      case 'content_block_start': {
        const ev = parseWire(ClaudeBlockStart, payload, 'stream', [n]);
        const part = decodeBlock(ev.content_block, 'stream', [n, 'content_block']);
        if (!part) {
          open.set(ev.index, { index: -1, part: undefined, args: '' });
          return [ext('content_block_start', payload)];
        }
        if (
          part.type === 'tool-call' &&
          isObject(ev.content_block.input) &&
          Object.keys(ev.content_block.input).length === 0
        )
          part.arguments = '';
        const index = nextIndex++;
        open.set(ev.index, { index, part, args: '' });
        return [{ type: 'block-start', index, part }];
      }
      case 'content_block_delta': {
        const ev = parseWire(ClaudeBlockDelta, payload, 'stream', [n]);
        const block = open.get(ev.index);
        if (!block || block.index < 0) return [ext('content_block_delta', payload)];
        const delta = ev.delta;
        const at = [n, 'delta'];
        switch (delta.type) {
          case 'text_delta':
            return [
              {
                type: 'block-delta',
                index: block.index,
                delta: { type: 'text', text: parseWire(ClaudeDeltas.text_delta, delta, 'stream', at).text },
              },
            ];
          case 'thinking_delta': {
            const text = parseWire(ClaudeDeltas.thinking_delta, delta, 'stream', at).thinking;
            return [{ type: 'block-delta', index: block.index, delta: { type: 'reasoning', text } }];
          }
          case 'signature_delta': {
            const value = parseWire(ClaudeDeltas.signature_delta, delta, 'stream', at).signature;
            return [{ type: 'block-delta', index: block.index, delta: { type: 'signature', format: FORMAT, value } }];
          }
          case 'input_json_delta': {
            const text = parseWire(ClaudeDeltas.input_json_delta, delta, 'stream', at).partial_json;
            block.args += text;
            return [{ type: 'block-delta', index: block.index, delta: { type: 'arguments', text } }];
          }
          case 'citations_delta': {
            const citation = parseWire(ClaudeDeltas.citations_delta, delta, 'stream', at).citation as JsonObject;
            return [
              {
                type: 'block-delta',
                index: block.index,
                delta: { type: 'citation', citation: decodeCitation(citation) },
              },
            ];
          }
          default:
            return [ext('content_block_delta', payload)];
        }
      }
      case 'content_block_stop': {
        const ev = parseWire(ClaudeBlockStop, payload, 'stream', [n]);
        const block = open.get(ev.index);
        open.delete(ev.index);
        if (!block || block.index < 0 || !block.part) return [ext('content_block_stop', payload)];
        return [endOf(block)];
      }
      case 'message_delta': {
        const ev = parseWire(ClaudeMessageDelta, payload, 'stream', [n]);
        const out: StreamEvent[] = [];
        if (ev.usage) {
          // Counts are cumulative and omitted when they do not apply: overwrite, never add (as the SDK does).
          out.push({ type: 'usage', usage: decodeUsage(mergeWireUsage(startUsage, ev.usage as JsonObject)) });
        }
        const { stop_reason: stopReason, stop_sequence: stopSequence } = ev.delta;
        if (typeof stopReason === 'string') {
          const rest: JsonObject = leftovers(ev.delta, ['stop_reason', 'stop_sequence']) ?? {};
          if (!isKnownStopReason(stopReason)) rest.stop_reason = stopReason;
          const finish: StreamEvent = { type: 'finish', finishReason: decodeFinishReason(stopReason, stopSequence) };
          const extensions = claudeExt(rest);
          if (extensions) finish.extensions = extensions;
          out.push(finish);
        }
        return out;
      }
      case 'message_stop':
        done = true;
        return [{ type: 'message-end' }];
      case 'error':
        done = true;
        return [{ type: 'error', error: decodeError(payload) }];
      default:
        return [ext(String(payload.type), payload)];
    }
  }

  /**
   * The hot events, checked by hand on the few fields used and without copying: a delta of a known
   * block (text, thinking, signature, partial JSON) and a bare `ping`. Returns `undefined` whenever
   * the shape is anything else, so that the zod path below decides (and reports errors) as before.
   */
  function fast(raw: unknown): StreamEvent[] | undefined {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
    const payload = raw as Record<string, unknown>;
    const type = payload.type;
    if (type === 'content_block_delta') {
      const index = payload.index;
      const delta = payload.delta;
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) return undefined;
      if (typeof delta !== 'object' || delta === null || Array.isArray(delta)) return undefined;
      const block = open.get(index);
      if (!block || block.index < 0) return undefined;
      const d = delta as Record<string, unknown>;
      switch (d.type) {
        case 'text_delta': {
          const text = d.text;
          if (typeof text !== 'string') return undefined;
          return [{ type: 'block-delta', index: block.index, delta: { type: 'text', text } }];
        }
        case 'input_json_delta': {
          const text = d.partial_json;
          if (typeof text !== 'string') return undefined;
          block.args += text;
          return [{ type: 'block-delta', index: block.index, delta: { type: 'arguments', text } }];
        }
        case 'thinking_delta': {
          const text = d.thinking;
          if (typeof text !== 'string') return undefined;
          return [{ type: 'block-delta', index: block.index, delta: { type: 'reasoning', text } }];
        }
        case 'signature_delta': {
          const value = d.signature;
          if (typeof value !== 'string') return undefined;
          return [{ type: 'block-delta', index: block.index, delta: { type: 'signature', format: FORMAT, value } }];
        }
        default:
          return undefined;
      }
    }
    if (type === 'ping') {
      // Only the bare `{"type":"ping"}`: the zod copy of anything larger may reorder its keys.
      if (Object.keys(payload).length !== 1) return undefined;
      return [ext('ping', payload as JsonObject)];
    }
    return undefined;
  }

  return {
    push(wire: WireEvent): StreamEvent[] {
      const n = eventNo++;
      const text = wire.data.trim();
      const raw = text === '' ? { type: wire.event ?? '' } : reader.read(text, n);
      const hot = fast(raw);
      if (hot) return hot;
      const payload = parseWire(ClaudeStreamEvent, raw, 'stream', [n]) as JsonObject;
      return handle(payload, n);
    },
    end(): StreamEvent[] {
      if (done) return [];
      done = true;
      return [
        {
          type: 'error',
          error: {
            kind: 'server',
            status: 500,
            type: 'api_error',
            message: 'The Claude stream ended before message_stop.',
          },
        },
      ];
    },
  };
}

function endOf(block: OpenBlock): StreamEvent {
  const part = block.part!;
  if (part.type === 'tool-call' && block.args.trim() === '' && part.arguments === '')
    return { type: 'block-end', index: block.index, part: { ...part, arguments: '{}' } };
  if (part.type === 'server-tool-call') {
    let input: JsonValue = part.input;
    if (block.args.trim() !== '') {
      try {
        input = JSON.parse(block.args) as JsonValue;
      } catch {
        input = block.args;
      }
    }
    return { type: 'block-end', index: block.index, part: { ...part, input } };
  }
  return { type: 'block-end', index: block.index };
}
