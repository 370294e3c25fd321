import {
  type BlockDelta,
  type Citation,
  type ContentPart,
  createLossRecorder,
  type JsonObject,
  type StreamDecoder,
  type StreamEvent,
  type WireEvent,
} from '@interlingua/core';
import { decodeError } from './error.ts';
import { FORMAT, isObject, leftoversOf, type Markers } from './ext.ts';
import { fastChunk } from './fast-chunk.ts';
import { decodeFinishReason } from './finish-reason.ts';
import { decodeLogprobs } from './logprobs.ts';
import { decodeReasoningFields } from './messages-decode.ts';
import type { ChatStreamOptions } from './options.ts';
import { parseWire } from './parse.ts';
import { createPayloadReader } from './payload-reader.ts';
import { OUTPUT_AUDIO_MEDIA_TYPE } from './response-message.ts';
import { readToolCallSignature } from './tool-call-signature.ts';
import { decodeUsage } from './usage.ts';
import { type ChatWireChunk, ChatWireChunkSchema } from './wire/response.ts';

/** Envelope fields every chunk repeats; `obfuscation` is random padding and is not kept. */
const ENVELOPE = ['id', 'object', 'created', 'model', 'choices', 'usage', 'service_tier', 'obfuscation'];
/** The keys of the chunk schema, in schema order (a zod parse puts them first). */
const CHUNK_SCHEMA = ['id', 'object', 'created', 'model', 'choices', 'usage', 'service_tier'];
const CHUNK_SCHEMA_SET: ReadonlySet<string> = new Set(CHUNK_SCHEMA);
const ENVELOPE_SET: ReadonlySet<string> = new Set(ENVELOPE);
const DELTA = [
  'role',
  'content',
  'refusal',
  'reasoning_content',
  'reasoning',
  'reasoning_signature',
  'signature',
  'tool_calls',
  'function_call',
  'audio',
  'annotations',
];

const DELTA_SET: ReadonlySet<string> = new Set(DELTA);

/** Per-chunk envelope fields that are not carried: `leftovers` of all envelope keys and `system_fingerprint`, minus the schema's. */
function chunkExtraKeys(chunk: object): string[] | undefined {
  const record = chunk as Record<string, unknown>;
  let keys: string[] | undefined;
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    if (CHUNK_SCHEMA_SET.has(key)) continue;
    if (value === null || !(key === 'obfuscation' || key === 'system_fingerprint')) (keys ??= []).push(key);
  }
  return keys;
}

/**
 * A choice's fields that are not carried: unknown keys, and a null `delta` (first, where a zod parse puts
 * the schema's keys). `index`, `finish_reason` and `logprobs` are read by the decoder.
 */
function choiceExtra(c: object): JsonObject | undefined {
  const record = c as Record<string, unknown>;
  let out: JsonObject | undefined;
  let nullDelta = false;
  for (const key in record) {
    const value = record[key];
    if (value === undefined) continue;
    switch (key) {
      case 'index':
      case 'finish_reason':
      case 'logprobs':
        continue;
      case 'delta':
        if (value === null) nullDelta = true;
        continue;
      default:
        (out ??= {})[key] = value as JsonObject[string];
    }
  }
  if (!nullDelta) return out;
  const ordered: JsonObject = { delta: null };
  if (out) for (const key in out) ordered[key] = out[key] as JsonObject[string];
  return ordered;
}

type Kind = 'text' | 'reasoning' | 'refusal';
type Choice = NonNullable<ChatWireChunk['choices']>[number];

interface ToolFragment {
  key: number | 'legacy';
  id: string | null | undefined;
  name: string | null | undefined;
  args: string | null | undefined;
  custom: boolean;
  signature: ReturnType<typeof readToolCallSignature>['signature'];
}

interface ChoiceState {
  nextBlock: number;
  /** The open text / reasoning / refusal block, if any (Chat streams at most one of each at a time). */
  open: Partial<Record<Kind, number>>;
  /** `tool_calls[].index` → canonical block; calls stay open until the choice finishes. */
  tools: Map<number | 'legacy', number>;
  /** Ids of calls streamed without an `index`, → the key they were given. */
  toolIds: Map<string, number>;
  audio?: { id?: string; data: string; transcript?: string; expiresAt?: number };
  finished: boolean;
}

/**
 * Creates an incremental decoder of a Chat Completions SSE stream. It is tolerant of what compatible
 * servers send: `usage` on every chunk, null fields, an empty first chunk, a missing `[DONE]` after
 * a finish reason, `reasoning_content` / `reasoning` deltas, Azure's filter results.
 */
export function createStreamDecoder(options: ChatStreamOptions = {}): StreamDecoder {
  const recorder = createLossRecorder(FORMAT, options);
  const choices = new Map<number, ChoiceState>();
  const warned = new Set<string>();
  let started = false;
  let ended = false;
  let finished = false;
  let count = 0;
  const reader = createPayloadReader();

  const warn = (out: StreamEvent[], key: string, path: (string | number)[], message: string): void => {
    if (warned.has(key)) return;
    warned.add(key);
    recorder.drop(path, message, 'stream.event');
    const loss = recorder.losses[recorder.losses.length - 1];
    if (loss) out.push({ type: 'warning', loss });
  };

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (!state) {
      state = { nextBlock: 0, open: {}, tools: new Map(), toolIds: new Map(), finished: false };
      choices.set(index, state);
    }
    return state;
  };

  const at = (choice: number): { choice?: number } => (choice === 0 ? {} : { choice });
  // Deltas are most of a stream: built without a spread (a spread takes V8's slow object path).
  const deltaEvent = (index: number, choice: number, delta: BlockDelta): StreamEvent & { type: 'block-delta' } =>
    choice === 0 ? { type: 'block-delta', index, delta } : { type: 'block-delta', index, choice, delta };

  const closeKinds = (out: StreamEvent[], choice: number, state: ChoiceState, keep?: Kind): void => {
    for (const kind of ['reasoning', 'text', 'refusal'] as const) {
      const index = state.open[kind];
      if (kind === keep || index === undefined) continue;
      out.push({ type: 'block-end', index, ...at(choice) });
      delete state.open[kind];
    }
  };

  const openKind = (out: StreamEvent[], choice: number, state: ChoiceState, kind: Kind): number => {
    const existing = state.open[kind];
    if (existing !== undefined) return existing;
    closeKinds(out, choice, state);
    const index = state.nextBlock++;
    state.open[kind] = index;
    const part: ContentPart = kind === 'reasoning' ? { type: 'reasoning', text: '' } : { type: kind, text: '' };
    out.push({ type: 'block-start', index, ...at(choice), part });
    return index;
  };

  const closeChoice = (out: StreamEvent[], choice: number, state: ChoiceState): void => {
    closeKinds(out, choice, state);
    for (const index of state.tools.values()) out.push({ type: 'block-end', index, ...at(choice) });
    state.tools.clear();
    if (state.audio) {
      const audio = state.audio;
      const part: ContentPart = {
        type: 'audio',
        source: { type: 'base64', mediaType: OUTPUT_AUDIO_MEDIA_TYPE, data: audio.data },
      };
      if (audio.id !== undefined) part.id = audio.id;
      if (audio.transcript !== undefined) part.transcript = audio.transcript;
      if (audio.expiresAt !== undefined) part.expiresAt = audio.expiresAt;
      const index = state.nextBlock++;
      out.push({ type: 'block-start', index, ...at(choice), part }, { type: 'block-end', index, ...at(choice) });
      delete state.audio;
    }
  };

  /** The call a fragment belongs to: its `index`, or without one, a new call when it has an id, else the last call. */
  const toolKey = (state: ChoiceState, index: number | undefined, id: string | null | undefined): number | 'legacy' => {
    if (index !== undefined) return index;
    const seen = typeof id === 'string' ? state.toolIds.get(id) : undefined;
    if (seen !== undefined) return seen;
    const known = [...state.toolIds.values()];
    const last = known.length > 0 ? Math.max(...known) : -1;
    if (typeof id !== 'string' || id === '') return Math.max(last, 0);
    state.toolIds.set(id, last + 1);
    return last + 1;
  };

  const decodeChoice = (out: StreamEvent[], c: Choice, n: number, i: number, extra: JsonObject | undefined): void => {
    const state = stateOf(c.index);
    const delta = c.delta ?? {};
    const d = delta as JsonObject;
    const reasoning =
      typeof d.reasoning_content === 'string' ||
      typeof d.reasoning === 'string' ||
      typeof d.reasoning_signature === 'string' ||
      typeof d.signature === 'string'
        ? decodeReasoningFields(d, {} as Markers)
        : undefined;
    if (reasoning && (reasoning.text !== '' || reasoning.signature)) {
      const index = openKind(out, c.index, state, 'reasoning');
      if (reasoning.text !== '') out.push(deltaEvent(index, c.index, { type: 'reasoning', text: reasoning.text }));
      if (reasoning.signature)
        out.push({ type: 'block-delta', index, ...at(c.index), delta: { type: 'signature', ...reasoning.signature } });
    }
    const logprobs = c.logprobs;
    if (typeof delta.content === 'string' && (delta.content !== '' || logprobs?.content?.length)) {
      const index = openKind(out, c.index, state, 'text');
      const event = deltaEvent(index, c.index, { type: 'text', text: delta.content });
      if (logprobs?.content) event.logprobs = decodeLogprobs(logprobs.content);
      out.push(event);
    }
    delta.annotations?.forEach((a) => {
      const c2 = a.url_citation;
      if (a.type !== 'url_citation' || !c2) {
        warn(out, 'annotation', [n, 'choices', i], `an annotation of type ${a.type} was dropped`);
        return;
      }
      const index = openKind(out, c.index, state, 'text');
      const citation: Citation = { type: 'url', url: c2.url };
      if (typeof c2.title === 'string') citation.title = c2.title;
      if (typeof c2.start_index === 'number') citation.startIndex = c2.start_index;
      if (typeof c2.end_index === 'number') citation.endIndex = c2.end_index;
      out.push({ type: 'block-delta', index, ...at(c.index), delta: { type: 'citation', citation } });
    });
    if (typeof delta.refusal === 'string' && delta.refusal !== '') {
      const index = openKind(out, c.index, state, 'refusal');
      const event: StreamEvent = {
        type: 'block-delta',
        index,
        ...at(c.index),
        delta: { type: 'text', text: delta.refusal },
      };
      if (logprobs?.refusal) event.logprobs = decodeLogprobs(logprobs.refusal);
      out.push(event);
    }
    const toolCalls = delta.tool_calls;
    const calls: ToolFragment[] | undefined =
      toolCalls && toolCalls.length > 0
        ? toolCalls.map((t) => ({
            key: toolKey(state, t.index, t.id),
            id: t.id,
            name: t.function?.name ?? t.custom?.name,
            args: t.function?.arguments ?? t.custom?.input,
            custom: t.type === 'custom' || (t.custom != null && t.function == null),
            signature: readToolCallSignature(t as JsonObject).signature,
          }))
        : delta.function_call
          ? []
          : undefined;
    if (delta.function_call)
      calls?.push({
        key: 'legacy',
        id: 'call_legacy_0',
        name: delta.function_call.name,
        args: delta.function_call.arguments,
        custom: false,
        signature: undefined,
      });
    if (calls)
      for (const call of calls) {
        let index = state.tools.get(call.key);
        if (index === undefined) {
          closeKinds(out, c.index, state);
          index = state.nextBlock++;
          state.tools.set(call.key, index);
          const part: ContentPart = { type: 'tool-call', id: call.id ?? '', name: call.name ?? '', arguments: '' };
          if (call.custom) part.kind = 'custom';
          out.push({ type: 'block-start', index, ...at(c.index), part });
        }
        if (call.signature)
          out.push({ type: 'block-delta', index, ...at(c.index), delta: { type: 'signature', ...call.signature } });
        if (typeof call.args === 'string' && call.args !== '')
          out.push(deltaEvent(index, c.index, { type: 'arguments', text: call.args }));
      }
    if (delta.audio) {
      const audio = (state.audio ??= { data: '' });
      if (typeof delta.audio.id === 'string') audio.id = delta.audio.id;
      if (typeof delta.audio.data === 'string') audio.data += delta.audio.data;
      if (typeof delta.audio.transcript === 'string')
        audio.transcript = (audio.transcript ?? '') + delta.audio.transcript;
      if (typeof delta.audio.expires_at === 'number') audio.expiresAt = delta.audio.expires_at;
    }
    for (const key in d) {
      const value = d[key];
      if (value !== undefined && value !== null && !DELTA_SET.has(key))
        warn(out, `delta.${key}`, [n, 'choices', i, 'delta', key], `delta field ${key} is not carried`);
    }
    if (typeof c.finish_reason === 'string' && c.finish_reason !== '') {
      const hadTools = (calls !== undefined && calls.length > 0) || state.tools.size > 0;
      closeChoice(out, c.index, state);
      const event: StreamEvent = {
        type: 'finish',
        ...at(c.index),
        finishReason: decodeFinishReason(c.finish_reason, hadTools),
      };
      if (extra) event.extensions = { [FORMAT]: extra };
      out.push(event);
      state.finished = true;
      finished = true;
      return;
    }
  };

  /**
   * Per-delta choice fields (Azure's `content_filter_results` on every chunk) ride in an extension
   * event placed before the chunk's own events; this format's encoder puts them back on the chunk.
   */
  const choiceFields = (out: StreamEvent[], c: Choice, extra: JsonObject | undefined): void => {
    if (typeof c.finish_reason === 'string' && c.finish_reason !== '') return;
    if (extra)
      out.push({ type: 'extension', format: FORMAT, name: 'choice-fields', data: { index: c.index, fields: extra } });
  };

  const finish = (out: StreamEvent[], early: string | undefined): StreamEvent[] => {
    ended = true;
    for (const [index, state] of choices) closeChoice(out, index, state);
    if (!finished) {
      out.push({
        type: 'error',
        error: { kind: 'server', status: 500, message: early ?? 'the stream ended before any finish_reason' },
      });
    } else out.push({ type: 'message-end' });
    return out;
  };

  return {
    push(event: WireEvent): StreamEvent[] {
      const n = count++;
      if (ended) return [];
      const data = event.data.trim();
      if (data === '') return [];
      if (data === '[DONE]') return finish([], 'the stream sent [DONE] before any finish_reason');
      // Some compatible servers name their error events (`event: error`) and send any shape of body.
      if (event.event === 'error') {
        ended = true;
        return [{ type: 'error', error: decodeError(data) }];
      }
      const json = reader.read(data, n);
      if (isObject(json) && isObject(json.error)) {
        ended = true;
        return [{ type: 'error', error: decodeError(json) }];
      }
      const chunk = fastChunk(json) ?? parseWire(ChatWireChunkSchema, json, 'stream', [n]);
      const out: StreamEvent[] = [];
      const extra = chunkExtraKeys(chunk);
      const empty = (chunk.choices == null || chunk.choices.length === 0) && !chunk.usage;
      // A chunk of fields only (Azure's prompt_filter_results, a moderation result) is kept whole.
      if (empty && extra) {
        out.push({ type: 'extension', format: FORMAT, name: 'chunk', data: json as JsonObject });
        return out;
      }
      if (!started) {
        started = true;
        const start: StreamEvent = { type: 'message-start' };
        if (typeof chunk.id === 'string') start.id = chunk.id;
        if (typeof chunk.model === 'string') start.model = chunk.model;
        if (typeof chunk.created === 'number') start.created = chunk.created;
        if (typeof chunk.service_tier === 'string') start.serviceTier = chunk.service_tier;
        const fields = leftoversOf(chunk, CHUNK_SCHEMA, CHUNK_SCHEMA_SET, ENVELOPE_SET) ?? {};
        if (typeof chunk.object === 'string' && chunk.object !== 'chat.completion.chunk') fields.object = chunk.object;
        if (Object.keys(fields).length > 0) start.extensions = { [FORMAT]: fields };
        out.push(start);
      } else {
        if (extra)
          for (const key of extra) {
            if (key !== 'system_fingerprint') warn(out, key, [n, key], `per-chunk field ${key} is not carried`);
          }
      }
      const list = chunk.choices;
      if (list)
        for (let i = 0; i < list.length; i++) {
          const c = list[i] as Choice;
          const extra = choiceExtra(c);
          choiceFields(out, c, extra);
          decodeChoice(out, c, n, i, extra);
        }
      if (chunk.usage) out.push({ type: 'usage', usage: decodeUsage(chunk.usage) });
      return out;
    },
    end(): StreamEvent[] {
      if (ended) return [];
      return finish([], undefined);
    },
  };
}
