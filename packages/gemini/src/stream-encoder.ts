import {
  type Citation,
  type ContentPart,
  createLossRecorder,
  type Extensions,
  type FinishReason,
  type JsonObject,
  type StreamEncoder,
  type StreamEvent,
  type StreamOptions,
  type WireEvent,
} from '@interlingua/core';
import { encodeError } from './error.ts';
import { encodeFinishReason } from './finish-reason.ts';
import { groundingFromCitations } from './grounding.ts';
import { encodePart, encodeToolCall } from './part-encode.ts';
import { CHUNK_END, CHUNK_START } from './stream-decoder.ts';
import { fillEnvelope } from './stream-envelope.ts';
import { encodeUsage } from './usage.ts';
import { geminiExt, isObject } from './util.ts';

interface BlockState {
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
  let logprobsReported = false;
  let envelope: JsonObject | undefined;
  const pendingParts = new Map<number, JsonObject[]>();
  const pendingFinish = new Map<number, FinishReason>();
  let pendingUsage: JsonObject | undefined;
  const blocks = new Map<string, BlockState>();
  const finished = new Map<number, { finishReason: FinishReason; extensions?: Extensions }>();
  const grounding = new Map<number, { text: string; citations: Citation[] }>();
  // Choices whose finish reason went out inside a rebuilt chunk.
  const sentFinish = new Set<number>();

  // Keys in the order the server writes them.
  const chunkOf = (candidates: JsonObject[] | undefined, extra: JsonObject = {}): WireEvent => {
    const chunk: JsonObject = {};
    if (candidates) chunk.candidates = candidates;
    if (usage) chunk.usageMetadata = usage;
    if (model !== undefined) chunk.modelVersion = model;
    if (id !== undefined) chunk.responseId = id;
    return { data: JSON.stringify({ ...chunk, ...extra }) };
  };

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
    return [chunkOf([{ content: { parts: [part], role: 'model' }, index: choice }])];
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
          part,
          args: '',
          text: '',
          written: 0,
          signatureSent: false,
          foreignSignatureReported: false,
        };
        blocks.set(`${choice}:${event.index}`, block);
        if (part.type === 'text' || part.type === 'reasoning') {
          if (part.signature?.format === 'gemini') block.signature = part.signature.value;
          if (part.text !== '') {
            block.text = part.text;
            return emit(choice, textPart(block, part.text), block);
          }
        }
        if (part.type === 'tool-call') block.args = part.arguments;
        return [];
      }
      case 'block-delta': {
        const choice = event.choice ?? 0;
        const block = blocks.get(`${choice}:${event.index}`);
        if (!block) return [];
        if (event.logprobs?.length && !logprobsReported) {
          logprobsReported = true;
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
          return emit(choice, encodeToolCall(call, { losses, path, response: true }, false), block);
        }
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
        const out = flushEnvelope();
        done = true;
        // A stream decoded from Gemini already wrote its finish reasons inside its own chunks.
        const written = [...finished.keys()].every((c) => sentFinish.has(c));
        return written ? out : [...out, ...finalChunk(event.extensions)];
      }
      case 'error': {
        const out = flushEnvelope();
        done = true;
        return [...out, { data: JSON.stringify(encodeError(event.error).body) }];
      }
      case 'warning':
        return [];
    }
  };

  return {
    push,
    end(): WireEvent[] {
      if (done) return [];
      const out = flushEnvelope();
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
