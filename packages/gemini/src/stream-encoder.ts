import {
  type Citation,
  type ContentPart,
  createLossRecorder,
  type Extensions,
  type FinishReason,
  type JsonObject,
  reportErrorLosses,
  type StreamEncoder,
  type StreamEvent,
  type StreamOptions,
  type WireEvent,
} from '@interlingua/core';
import { decodeError, encodeError } from './error.ts';
import { encodeFinishReason, encodeFinishReasonReporting } from './finish-reason.ts';
import { groundingFromCitations } from './grounding.ts';
import { encodePart, encodeToolCall } from './part-encode.ts';
import { CHUNK_END, CHUNK_START } from './stream-decoder.ts';
import { fillEnvelope } from './stream-envelope.ts';
import { encodeUsage } from './usage.ts';
import { geminiExt, isObject } from './util.ts';

interface BlockState {
  /** The block's canonical index within its choice. */
  index: number;
  part: ContentPart;
  args: string;
  text: string;
  /** Wire parts written for this block so far. */
  written: number;
  /** The last wire part written, while it is still unsent (batched mode): a signature can join it. */
  lastPart?: JsonObject;
  signature?: string;
  signatureSent: boolean;
  foreignSignatureReported: boolean;
  /** Summary text was sent as thought text (Gemini thoughts have no summary). */
  summarised?: boolean;
}

/**
 * Creates an encoder that writes one `GenerateContentResponse` chunk per canonical content event
 * (or, for a stream decoded from Gemini, one per original chunk, rebuilt from the decoder's
 * `chunk` envelopes). `responseId` / `modelVersion` ride on every chunk, the running usage snapshot
 * on every chunk once known, and the finish reasons on a last chunk written at `message-end`.
 */
export function createStreamEncoder(options?: StreamOptions): StreamEncoder {
  const losses = createLossRecorder('gemini', options);
  let id: string | undefined;
  let model: string | undefined;
  // Usage is encoded once per snapshot (so a loss is reported once, not per chunk).
  let usage: JsonObject | undefined;
  let done = false;
  const logprobsReported = new Set<number>();
  // Per choice, the last block that ended, when it was unsigned thought text: the decoder continues
  // such a thought with the next thought part (Gemini streams have no block boundary between them).
  const openThought = new Map<number, number>();
  let envelope: JsonObject | undefined;
  const pendingParts = new Map<number, JsonObject[]>();
  const pendingFinish = new Map<number, FinishReason>();
  let pendingUsage: JsonObject | undefined;
  // The last usage snapshot that went out on a chunk: an error chunk cannot carry a newer one.
  let usageSent: JsonObject | undefined;
  const blocks = new Map<string, BlockState>();
  const finished = new Map<number, { finishReason: FinishReason; extensions?: Extensions }>();
  const grounding = new Map<number, { text: string; citations: Citation[] }>();
  // Choices whose finish reason went out inside a rebuilt chunk.
  const sentFinish = new Set<number>();
  // Choices that made a function call: a STOP there reads back as a tool-call finish.
  const calledChoices = new Set<number>();

  // Keys in the order the server writes them.
  const chunkOf = (candidates: JsonObject[] | undefined, extra: JsonObject = {}): WireEvent => {
    const chunk: JsonObject = {};
    if (candidates) chunk.candidates = candidates;
    if (usage) {
      chunk.usageMetadata = usage;
      usageSent = usage;
    }
    if (model !== undefined) chunk.modelVersion = model;
    if (id !== undefined) chunk.responseId = id;
    return { data: JSON.stringify({ ...chunk, ...extra }) };
  };

  // A function call goes out whole when its block ends; parts of later blocks of the same choice
  // wait for it (held, with their block index), so the decoded order is the canonical one.
  const openCalls = new Map<number, Set<number>>();
  const held = new Map<number, { index: number; event: WireEvent }[]>();
  const firstOpenCall = (choice: number): number => Math.min(...(openCalls.get(choice) ?? []));
  /** The held chunks of `choice` no open call precedes any more (all of them when `all`). */
  const release = (choice: number, all = false): WireEvent[] => {
    const list = held.get(choice);
    if (!list) return [];
    const bound = all ? Number.POSITIVE_INFINITY : firstOpenCall(choice);
    list.sort((a, b) => a.index - b.index);
    const out = list.filter((h) => h.index < bound);
    held.set(
      choice,
      list.filter((h) => h.index >= bound),
    );
    return out.map((h) => h.event);
  };
  const releaseAll = (): WireEvent[] => [...held.keys()].flatMap((choice) => release(choice, true));

  /** Sends a wire part now (unbatched) or adds it to the open envelope's chunk. */
  const emit = (choice: number, part: JsonObject, block: BlockState | undefined): WireEvent[] => {
    if (block) {
      block.written++;
      block.lastPart = envelope ? part : undefined;
    }
    if (envelope) {
      const list = pendingParts.get(choice) ?? [];
      list.push(part);
      pendingParts.set(choice, list);
      return [];
    }
    const event = chunkOf([{ content: { parts: [part], role: 'model' }, index: choice }]);
    if (block && block.index > firstOpenCall(choice)) {
      const list = held.get(choice) ?? [];
      list.push({ index: block.index, event });
      held.set(choice, list);
      return [];
    }
    return [event];
  };

  const textPart = (block: BlockState, text: string): JsonObject => {
    const extra = block.written === 0 ? geminiExt(block.part)?.extra : undefined;
    const part: JsonObject = { ...(isObject(extra) ? extra : {}), text };
    if (block.part.type === 'reasoning') part.thought = true;
    if (block.signature !== undefined && !block.signatureSent) {
      part.thoughtSignature = block.signature;
      block.signatureSent = true;
    }
    return part;
  };

  const flushEnvelope = (): WireEvent[] => {
    const template = envelope;
    envelope = undefined;
    if (!template) return [];
    // Parts of this chunk are sent now: a later signature needs its own part.
    for (const block of blocks.values()) block.lastPart = undefined;
    const chunk = fillEnvelope(template, pendingParts, pendingFinish, pendingUsage);
    if (pendingUsage) usageSent = pendingUsage;
    pendingParts.clear();
    pendingFinish.clear();
    pendingUsage = undefined;
    return [{ data: JSON.stringify(chunk) }];
  };

  const finalChunk = (extensions: Extensions | undefined): WireEvent[] => {
    const candidates: JsonObject[] = [];
    let promptFeedback: JsonObject | undefined;
    for (const [choice, { finishReason, extensions: ext }] of finished) {
      // Flags a non-streamed decode may leave on the choice are not wire fields.
      const { noIndex: _i, noContent: _c, noParts: _p, contentExtra: _e, promptBlocked, ...gemini } = ext?.gemini ?? {};
      if (promptBlocked === true) {
        promptFeedback = { blockReason: finishReason.raw ?? 'OTHER' };
        continue;
      }
      const cand: JsonObject = {
        content: { parts: [{ text: '' }], role: 'model' },
        finishReason: encodeFinishReason(finishReason),
        index: choice,
      };
      const cited = grounding.get(choice);
      if (cited && gemini.groundingMetadata === undefined) {
        const metadata = groundingFromCitations(cited.text, cited.citations);
        if (metadata) cand.groundingMetadata = metadata;
      }
      candidates.push({ ...cand, ...gemini });
    }
    const extra: JsonObject = { ...(extensions?.gemini ?? {}) };
    if (promptFeedback && !isObject(extra.promptFeedback)) extra.promptFeedback = promptFeedback;
    return [chunkOf(candidates.length > 0 ? candidates : undefined, extra)];
  };

  const push = (event: StreamEvent): WireEvent[] => {
    if (done) return [];
    switch (event.type) {
      case 'message-start':
        id = event.id ?? id;
        model = event.model ?? model;
        if (event.usage) usage = encodeUsage(event.usage, losses);
        if (event.created !== undefined)
          losses.drop(['created'], 'Gemini API chunks carry no creation time', 'metadata');
        if (event.serviceTier !== undefined)
          losses.drop(['serviceTier'], 'Gemini stream chunks name no service tier', 'service-tier');
        return [];
      case 'extension':
        if (event.format !== 'gemini') return [];
        if (event.name === CHUNK_START && isObject(event.data)) {
          const out = flushEnvelope();
          envelope = event.data;
          return out;
        }
        if (event.name === CHUNK_END) return flushEnvelope();
        return [];
      case 'block-start': {
        const choice = event.choice ?? 0;
        const part = event.part;
        const block: BlockState = {
          index: event.index,
          part,
          args: '',
          text: '',
          written: 0,
          signatureSent: false,
          foreignSignatureReported: false,
        };
        blocks.set(`${choice}:${event.index}`, block);
        const joins = openThought.get(choice);
        openThought.delete(choice);
        if (part.type === 'reasoning' && joins !== undefined)
          losses.approximate(
            ['choices', choice, 'content', joins],
            `Gemini streams have no boundary between thoughts: block ${event.index} joins this one`,
            'reasoning.text',
          );
        if (part.type === 'text' || part.type === 'reasoning') {
          if (part.signature?.format === 'gemini') block.signature = part.signature.value;
          if (part.text !== '') {
            block.text = part.text;
            return emit(choice, textPart(block, part.text), block);
          }
        }
        if (part.type === 'tool-call') {
          block.args = part.arguments;
          calledChoices.add(choice);
          if (!envelope) openCalls.set(choice, (openCalls.get(choice) ?? new Set<number>()).add(event.index));
        }
        return [];
      }
      case 'block-delta': {
        const choice = event.choice ?? 0;
        const block = blocks.get(`${choice}:${event.index}`);
        if (!block) return [];
        if (event.logprobs?.length && !logprobsReported.has(choice)) {
          logprobsReported.add(choice);
          losses.drop(
            ['choices', choice, 'logprobs'],
            'Gemini stream chunks carry no per-delta logprobs here',
            'logprobs',
          );
        }
        const delta = event.delta;
        switch (delta.type) {
          case 'text':
          case 'reasoning':
          case 'summary':
            if (delta.type === 'summary') block.summarised = true;
            if (block.part.type === 'text') block.text += delta.text;
            return emit(choice, textPart(block, delta.text), block);
          case 'arguments':
            block.args += delta.text;
            return [];
          case 'signature': {
            if (delta.format !== 'gemini') {
              if (!block.foreignSignatureReported)
                losses.drop(
                  ['choices', choice, 'content', event.index, 'signature'],
                  `${delta.format} signature cannot go to Gemini`,
                  'reasoning.signature',
                );
              block.foreignSignatureReported = true;
              return [];
            }
            if (block.part.type === 'tool-call') {
              block.signature = (block.signature ?? '') + delta.value;
              return [];
            }
            if (block.lastPart && block.lastPart.thoughtSignature === undefined) {
              block.lastPart.thoughtSignature = delta.value;
              block.signatureSent = true;
              return [];
            }
            const part: JsonObject = { text: '', thoughtSignature: delta.value };
            if (block.part.type === 'reasoning' && block.written === 0) part.thought = true;
            block.signatureSent = true;
            return emit(choice, part, block);
          }
          case 'citation': {
            const cited = grounding.get(choice) ?? { text: block.text, citations: [] };
            cited.text = block.text;
            cited.citations.push(delta.citation);
            grounding.set(choice, cited);
            return [];
          }
        }
        return [];
      }
      case 'block-end': {
        const choice = event.choice ?? 0;
        const key = `${choice}:${event.index}`;
        const block = blocks.get(key);
        blocks.delete(key);
        if (!block) return [];
        const part = event.part ?? block.part;
        const path = ['choices', choice, 'content', event.index];
        if (part.type === 'tool-call') {
          const call = event.part ? part : { ...part, arguments: block.args };
          if (block.signature !== undefined && !call.signature)
            call.signature = { format: 'gemini', value: block.signature };
          openCalls.get(choice)?.delete(event.index);
          const sent = emit(choice, encodeToolCall(call, { losses, path, response: true }, false), block);
          return [...sent, ...release(choice)];
        }
        if (part.type === 'reasoning') {
          // Same reports as the body encoder (encodePart) for what a thought part cannot hold.
          if (part.encrypted)
            losses.drop([...path, 'encrypted'], 'encrypted reasoning cannot go to Gemini', 'reasoning.encrypted');
          const empty = block.written === 0 && block.signature === undefined && !isObject(geminiExt(part)?.raw);
          if (part.redacted && empty) losses.drop(path, 'redacted reasoning has no Gemini form', 'reasoning.redacted');
          else if (empty && !part.encrypted)
            losses.drop(path, 'empty reasoning has no Gemini form', 'content.empty-text');
          if (part.id !== undefined) losses.drop([...path, 'id'], 'Gemini thoughts have no item id', 'reasoning.id');
          if (!empty && (block.summarised || part.summary?.length))
            losses.approximate(
              [...path, 'summary'],
              'Gemini thoughts have no summary: the summary was sent as thought text',
              'reasoning.summary',
            );
        }
        if (part.type === 'reasoning' && block.written > 0 && block.signature === undefined && !block.signatureSent)
          openThought.set(choice, event.index);
        if (part.type === 'text' || part.type === 'reasoning') {
          const raw = geminiExt(part)?.raw;
          if (isObject(raw) && block.written === 0) return emit(choice, raw, block);
          if (block.signature !== undefined && !block.signatureSent)
            return emit(choice, { text: '', thoughtSignature: block.signature }, block);
          return [];
        }
        const encoded = encodePart(part, { losses, path, response: true });
        return encoded ? emit(choice, encoded, block) : [];
      }
      case 'usage':
        usage = encodeUsage(event.usage, losses);
        if (envelope) pendingUsage = usage;
        return [];
      case 'finish': {
        const choice = event.choice ?? 0;
        // Reported here, once per choice, whichever chunk ends up carrying the value.
        encodeFinishReasonReporting(event.finishReason, calledChoices.has(choice), losses, ['finish', choice]);
        finished.set(choice, {
          finishReason: event.finishReason,
          ...(event.extensions ? { extensions: event.extensions } : {}),
        });
        if (envelope) {
          pendingFinish.set(choice, event.finishReason);
          sentFinish.add(choice);
        }
        return [];
      }
      case 'message-end': {
        const out = [...releaseAll(), ...flushEnvelope()];
        done = true;
        // A stream decoded from Gemini already wrote its finish reasons inside its own chunks.
        const written = [...finished.keys()].every((c) => sentFinish.has(c));
        return written ? out : [...out, ...finalChunk(event.extensions)];
      }
      case 'error': {
        const out = [...releaseAll(), ...flushEnvelope()];
        done = true;
        // Gemini's error chunk has no envelope: an id or model not yet sent on a chunk is lost.
        if (!sentChunk && out.length === 0) {
          if (id !== undefined) losses.drop(['id'], 'a Gemini error chunk carries no response id', 'stream.event');
          if (model !== undefined) losses.drop(['model'], 'a Gemini error chunk carries no model', 'stream.event');
        }
        if (usage !== undefined && usageSent !== usage)
          losses.drop(
            ['usage'],
            'a Gemini error chunk carries no usage; the last snapshot was not sent',
            'usage.counts',
          );
        const body = encodeError(event.error).body;
        // A stream error has no HTTP status of its own: it reads back with the code in the body.
        reportErrorLosses(losses, event.error, decodeError(body), ['error']);
        return [...out, { data: JSON.stringify(body) }];
      }
      case 'warning':
        return [];
    }
  };

  // Whether any chunk went out (an error chunk then no longer needs to carry the envelope).
  let sentChunk = false;
  return {
    push(event: StreamEvent): WireEvent[] {
      const out = push(event);
      if (out.length > 0) sentChunk = true;
      return out;
    },
    end(): WireEvent[] {
      if (done) return [];
      const out = [...releaseAll(), ...flushEnvelope()];
      done = true;
      const error = encodeError({
        kind: 'server',
        status: 500,
        message: 'stream ended before completion',
        type: 'INTERNAL',
      });
      return [...out, { data: JSON.stringify(error.body) }];
    },
    get losses() {
      return losses.losses;
    },
  };
}

/** Frames one wire event the way the Gemini server does: `data: <json>` and a blank line, CRLF line ends. */
export function formatGeminiSse(event: WireEvent): string {
  return `data: ${event.data}\r\n\r\n`;
}
