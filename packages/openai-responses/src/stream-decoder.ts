import {
  type ApiError,
  type JsonObject,
  type JsonValue,
  type MessageEndEvent,
  parseEventJson,
  type StreamDecoder,
  type StreamEvent,
  type StreamOptions,
  type WireEvent,
} from '@interlingua/core';
import { decodeAnnotation } from './citations.ts';
import { decodeContentPart } from './content.ts';
import { errorFromObject } from './error.ts';
import { attachExt, extFields, FORMAT, isObject, jsonEqual, leftovers } from './ext.ts';
import { decodeFinishReason } from './finish-reason.ts';
import { decodeSingleItem, forgetInventedId, withItem } from './item-decode.ts';
import { decodeLogprobs } from './logprobs.ts';
import { parseWire } from './parse.ts';
import { envelopeFields, hasToolCalls, inBandError } from './response.ts';
import { decodeUsage } from './usage.ts';
import { wireResponse } from './wire/response.ts';
import {
  wireAnnotationEvent,
  wireContentPartEvent,
  wireDeltaEvent,
  wireErrorEvent,
  wireItemEvent,
  wireLifecycleEvent,
  wireOutputItemEvent,
  wireStreamEvent,
  wireSummaryPartEvent,
} from './wire/stream.ts';

/** What the decoder remembers of an open output item. */
type OpenItem =
  | { kind: 'message'; envelope: JsonObject; blocks: Map<number, number> }
  | { kind: 'single'; type: string; block: number };

/** `*.done` events whose content the decoder takes from `response.output_item.done` instead; the encoder regenerates them. */
const REGENERATED = new Set([
  'response.output_text.done',
  'response.refusal.done',
  'response.content_part.done',
  'response.function_call_arguments.done',
  'response.custom_tool_call_input.done',
  'response.reasoning_summary_text.done',
  'response.reasoning_summary_part.done',
  'response.reasoning_text.done',
]);

/**
 * Creates a Responses stream decoder. Each output item becomes one canonical block, except a
 * message item, which becomes one block per content part (text or refusal); `output_item.done`
 * ends the item's blocks with their final `part`. Built-in tool progress events and unknown
 * events become `extension` events. A wire `error` event directly followed by `response.failed`
 * becomes one canonical `error` (both are remembered so the encoder writes both back).
 */
export function createStreamDecoder(_options?: StreamOptions): StreamDecoder {
  const items = new Map<number, OpenItem>();
  let nextBlock = 0;
  let count = 0;
  let started = false;
  let ended = false;
  let created: JsonObject | undefined;
  let pendingError: { error: ApiError; payload: JsonObject } | undefined;
  let toolCalls = false;
  // encrypted_content of each reasoning item as output_item.done gave it (the terminal event may re-encrypt).
  const doneEncrypted = new Map<string, string>();

  const flushPending = (): StreamEvent[] => {
    if (!pendingError) return [];
    const { error, payload } = pendingError;
    pendingError = undefined;
    ended = true;
    return [{ type: 'error', error: attachExt(error, extFields(error), { event: payload }) }];
  };

  const closeAll = (): StreamEvent[] => {
    const out: StreamEvent[] = [];
    for (const item of items.values()) {
      if (item.kind === 'single') out.push({ type: 'block-end', index: item.block });
      else for (const block of item.blocks.values()) out.push({ type: 'block-end', index: block });
    }
    items.clear();
    return out;
  };

  const responseId = (): string | undefined => (typeof created?.id === 'string' ? created.id : undefined);

  const blockOf = (outputIndex: number, contentIndex: number | undefined): number | undefined => {
    const item = items.get(outputIndex);
    if (!item) return undefined;
    if (item.kind === 'single') return item.block;
    return item.blocks.get(contentIndex ?? 0);
  };

  return {
    push(wire: WireEvent): StreamEvent[] {
      const n = count++;
      const raw = parseEventJson(wire.data, FORMAT, n);
      const event = parseWire(wireStreamEvent, raw, 'stream', [n]);
      const out: StreamEvent[] = [];
      if (pendingError && event.type !== 'response.failed') out.push(...flushPending());
      if (ended) return out;
      const { sequence_number: _seq, ...payload } = event as JsonObject;
      switch (event.type) {
        case 'response.created': {
          const lifecycle = parseWire(wireLifecycleEvent, raw, 'stream', [n]);
          const response = parseWire(wireResponse, lifecycle.response, 'stream', [n, 'response']);
          started = true;
          created = lifecycle.response as JsonObject;
          const start: StreamEvent = { type: 'message-start' };
          if (response.id) start.id = response.id;
          if (response.model) start.model = response.model;
          if (typeof response.created_at === 'number') start.created = response.created_at;
          if (response.service_tier) start.serviceTier = response.service_tier;
          attachExt(start, envelopeFields(response));
          out.push(start);
          return out;
        }
        case 'response.in_progress': {
          // Usually a copy of `response.created`; the encoder writes that copy itself.
          if (created && isObject(payload.response) && jsonEqual(payload.response, created)) return out;
          out.push({ type: 'extension', format: FORMAT, name: event.type, data: payload });
          return out;
        }
        case 'response.output_item.added': {
          const e = parseWire(wireOutputItemEvent, raw, 'stream', [n]);
          if (e.item.type === 'message') {
            const envelope = leftovers(e.item, ['content']);
            const open: OpenItem = { kind: 'message', envelope, blocks: new Map() };
            items.set(e.output_index, open);
            const content = Array.isArray(e.item.content) ? e.item.content : [];
            content.forEach((p, i) => {
              const part = withItem(decodeContentPart(p, true, [n, 'item', 'content', i], 'stream'), envelope, i);
              open.blocks.set(i, nextBlock);
              out.push({ type: 'block-start', index: nextBlock++, part });
            });
            return out;
          }
          const part = forgetInventedId(decodeSingleItem(e.item, [n, 'item'], 'stream'), responseId(), e.output_index);
          if (part.type === 'tool-call') toolCalls = true;
          items.set(e.output_index, { kind: 'single', type: e.item.type, block: nextBlock });
          out.push({ type: 'block-start', index: nextBlock++, part });
          return out;
        }
        case 'response.content_part.added': {
          const e = parseWire(wireContentPartEvent, raw, 'stream', [n]);
          const item = items.get(e.output_index);
          if (item?.kind === 'single' && e.part.type === 'reasoning_text') return out;
          if (item?.kind !== 'message') break;
          const part = withItem(decodeContentPart(e.part, true, [n, 'part'], 'stream'), item.envelope, e.content_index);
          item.blocks.set(e.content_index, nextBlock);
          out.push({ type: 'block-start', index: nextBlock++, part });
          return out;
        }
        case 'response.output_text.delta':
        case 'response.refusal.delta':
        case 'response.function_call_arguments.delta':
        case 'response.custom_tool_call_input.delta':
        case 'response.reasoning_summary_text.delta':
        case 'response.reasoning_text.delta': {
          const e = parseWire(wireDeltaEvent, raw, 'stream', [n]);
          const index = blockOf(e.output_index, e.content_index);
          if (index === undefined) break;
          if (event.type === 'response.reasoning_summary_text.delta')
            out.push({
              type: 'block-delta',
              index,
              delta: { type: 'summary', summaryIndex: e.summary_index ?? 0, text: e.delta },
            });
          else if (event.type === 'response.reasoning_text.delta')
            out.push({ type: 'block-delta', index, delta: { type: 'reasoning', text: e.delta } });
          else if (event.type.includes('arguments') || event.type.includes('input'))
            out.push({ type: 'block-delta', index, delta: { type: 'arguments', text: e.delta } });
          else {
            const delta: StreamEvent = { type: 'block-delta', index, delta: { type: 'text', text: e.delta } };
            const logprobs = decodeLogprobs(e.logprobs);
            if (logprobs) delta.logprobs = logprobs;
            out.push(delta);
          }
          return out;
        }
        case 'response.output_text.annotation.added': {
          const e = parseWire(wireAnnotationEvent, raw, 'stream', [n]);
          const index = blockOf(e.output_index, e.content_index);
          if (index === undefined) break;
          out.push({
            type: 'block-delta',
            index,
            delta: { type: 'citation', citation: decodeAnnotation(e.annotation as JsonObject) },
          });
          return out;
        }
        case 'response.reasoning_summary_part.added': {
          const e = parseWire(wireSummaryPartEvent, raw, 'stream', [n]);
          const index = blockOf(e.output_index, undefined);
          if (index === undefined) break;
          // An empty delta creates the summary slot, so a summary part that never gets text still exists.
          out.push({ type: 'block-delta', index, delta: { type: 'summary', summaryIndex: e.summary_index, text: '' } });
          return out;
        }
        case 'response.output_item.done': {
          const e = parseWire(wireOutputItemEvent, raw, 'stream', [n]);
          const item = items.get(e.output_index);
          items.delete(e.output_index);
          if (e.item.type === 'message') {
            const envelope = leftovers(e.item, ['content']);
            const content = Array.isArray(e.item.content) ? e.item.content : [];
            const blocks = item?.kind === 'message' ? item.blocks : new Map<number, number>();
            content.forEach((p, i) => {
              const part = withItem(decodeContentPart(p, true, [n, 'item', 'content', i], 'stream'), envelope, i);
              let index = blocks.get(i);
              if (index === undefined) {
                index = nextBlock++;
                out.push({ type: 'block-start', index, part });
              }
              blocks.delete(i);
              out.push({ type: 'block-end', index, part });
            });
            for (const index of blocks.values()) out.push({ type: 'block-end', index });
            return out;
          }
          const part = forgetInventedId(decodeSingleItem(e.item, [n, 'item'], 'stream'), responseId(), e.output_index);
          if (part.type === 'tool-call') toolCalls = true;
          if (part.type === 'reasoning' && typeof e.item.id === 'string' && part.encrypted)
            doneEncrypted.set(e.item.id, part.encrypted.value);
          let index = item?.kind === 'single' ? item.block : undefined;
          if (index === undefined) {
            index = nextBlock++;
            out.push({ type: 'block-start', index, part });
          }
          out.push({ type: 'block-end', index, part });
          return out;
        }
        case 'response.completed':
        case 'response.incomplete':
        case 'response.failed': {
          const lifecycle = parseWire(wireLifecycleEvent, raw, 'stream', [n]);
          const response = parseWire(wireResponse, lifecycle.response, 'stream', [n, 'response']);
          out.push(...closeAll());
          if (response.usage) out.push({ type: 'usage', usage: decodeUsage(response.usage) });
          const finish = decodeFinishReason(
            response.status ?? event.type.slice('response.'.length),
            response.incomplete_details?.reason,
            toolCalls || hasToolCalls(response.output ?? []),
          );
          if (finish) out.push({ type: 'finish', finishReason: finish });
          const fields = envelopeFields(response);
          const reEncrypted = terminalEncrypted((response.output ?? []) as JsonObject[], doneEncrypted);
          // The tier actually used is only known at the end; it rides with the envelope when it changed.
          const startTier = created?.service_tier;
          if (response.service_tier && response.service_tier !== startTier) fields.service_tier = response.service_tier;
          ended = true;
          if (event.type === 'response.failed') {
            const pending = pendingError;
            pendingError = undefined;
            const error = pending?.error ?? inBandError(isObject(response.error) ? response.error : {});
            if (pending && isObject(response.error)) fields.error = response.error;
            out.push({
              type: 'error',
              error: attachExt(error, extFields(error), { response: fields, event: pending?.payload, failed: true }),
            });
            return out;
          }
          out.push(attachExt<MessageEndEvent>({ type: 'message-end' }, fields, { terminalEncrypted: reEncrypted }));
          return out;
        }
        case 'error': {
          const e = parseWire(wireErrorEvent, raw, 'stream', [n]);
          const { type: _type, ...rest } = payload;
          const inner = isObject(e.error) ? e.error : (rest as JsonObject);
          pendingError = { error: errorFromObject(inner, undefined), payload: rest as JsonObject };
          if (!started) out.push(...flushPending());
          return out;
        }
        default:
          if (REGENERATED.has(event.type)) return out;
          break;
      }
      // Built-in tool progress, unknown events, and events for items we do not track: kept whole.
      if ('output_index' in event) parseWire(wireItemEvent, raw, 'stream', [n]);
      out.push({ type: 'extension', format: FORMAT, name: event.type, data: payload as JsonValue });
      return out;
    },
    end(): StreamEvent[] {
      const out = flushPending();
      if (ended) return out;
      ended = true;
      out.push(...closeAll());
      out.push({
        type: 'error',
        error: {
          kind: 'server',
          status: 500,
          message: started
            ? 'openai-responses stream ended before its terminal event (response.completed / incomplete / failed)'
            : 'openai-responses stream ended before response.created',
        },
      });
      return out;
    },
  };
}

/**
 * The reasoning items whose `encrypted_content` in the terminal response differs from the copy in
 * their `output_item.done` (the API re-encrypts it), keyed by item id; undefined when none differ.
 */
function terminalEncrypted(output: JsonObject[], done: Map<string, string>): JsonObject | undefined {
  const out: JsonObject = {};
  for (const item of output) {
    if (item.type !== 'reasoning' || typeof item.id !== 'string' || typeof item.encrypted_content !== 'string')
      continue;
    const streamed = done.get(item.id);
    if (streamed !== undefined && streamed !== item.encrypted_content) out[item.id] = item.encrypted_content;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
