import {
  type ContentPart,
  type JsonObject,
  type JsonValue,
  parseWireJson,
  type StreamDecoder,
  type StreamEvent,
  type StreamOptions,
  type WireEvent,
  wireErrorFromIssues,
} from '@interlingua/core';
import { decodeError } from './error.ts';
import { decodeFinishReason } from './finish-reason.ts';
import { citationsFromGrounding } from './grounding.ts';
import { decodePart, type PartDecodeState } from './part-decode.ts';
import { blockedChoice, responseCallId } from './response.ts';
import { decodeToolName } from './tool-name.ts';
import { decodeUsage } from './usage.ts';
import { isObject, omit } from './util.ts';
import { responseSchema } from './wire/response.ts';

/**
 * Name of the `extension` event the decoder emits before each wire chunk's events. Its data is the
 * chunk's envelope: the chunk with `null` in place of its usage, finish reasons and the parts that
 * became canonical events (parts the core has no event for are kept literally). The Gemini
 * encoder rebuilds the chunk from it, so a Gemini → Gemini stream keeps its chunk boundaries exactly.
 */
export const CHUNK_START = 'chunk';
/** Name of the `extension` event that closes a wire chunk's events. */
export const CHUNK_END = 'chunk-end';

interface OpenBlock {
  index: number;
  kind: 'text' | 'reasoning' | 'call';
  /** No further part may continue this block (it carries a signature or part-level extras). */
  sealed: boolean;
  /** Accumulated text of a text block (for grounding offsets). */
  text: string;
  /** Arguments assembled from Vertex `partialArgs`. */
  args?: JsonObject;
}

interface Candidate {
  next: number;
  open?: OpenBlock;
  hasCalls: boolean;
  finished: boolean;
  state: PartDecodeState;
  /** Candidate fields other than content, finish reason and index, merged over the chunks (later wins). */
  extra: JsonObject;
}

/** Sets a value at a Vertex `partialArgs` JSON path (`$.a.b[0]`), appending string pieces. */
function applyPartialArg(args: JsonObject, arg: JsonObject): void {
  const path = typeof arg.jsonPath === 'string' ? arg.jsonPath : '$';
  const keys = [...path.replace(/^\$\.?/, '').matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] as string),
  );
  if (keys.length === 0) return;
  let target: JsonObject | JsonValue[] = args;
  for (const [i, key] of keys.slice(0, -1).entries()) {
    const holder = target as Record<string | number, JsonValue>;
    if (typeof holder[key] !== 'object' || holder[key] === null)
      holder[key] = typeof keys[i + 1] === 'number' ? [] : {};
    target = holder[key] as JsonObject | JsonValue[];
  }
  const last = keys[keys.length - 1] as string | number;
  const holder = target as Record<string | number, JsonValue>;
  if (typeof arg.stringValue === 'string')
    holder[last] = (typeof holder[last] === 'string' ? holder[last] : '') + arg.stringValue;
  else if (arg.numberValue !== undefined) holder[last] = arg.numberValue;
  else if (arg.boolValue !== undefined) holder[last] = arg.boolValue;
  else if (arg.nullValue !== undefined) holder[last] = null;
}

/**
 * Creates a decoder for `streamGenerateContent` chunks (SSE `data:` payloads or JSON-array
 * elements). Text increments of one kind continue one block; a signature closes it; function
 * calls arrive whole (Vertex `partialArgs` are assembled and emitted when the call completes).
 */
export function createStreamDecoder(_options?: StreamOptions): StreamDecoder {
  let eventNumber = -1;
  let started = false;
  let terminated = false;
  let blocked = false;
  let responseId: string | undefined;
  let lastTop: JsonObject = {};
  const candidates = new Map<number, Candidate>();

  const candidateFor = (choice: number): Candidate => {
    let c = candidates.get(choice);
    if (!c) {
      c = {
        next: 0,
        hasCalls: false,
        finished: false,
        extra: {},
        state: { ids: { call: (n) => responseCallId(responseId, choice, n) }, calls: 0, code: 0 },
      };
      candidates.set(choice, c);
    }
    return c;
  };

  const close = (c: Candidate, choice: number, out: StreamEvent[]) => {
    if (!c.open) return;
    if (c.open.kind === 'call' && c.open.args)
      out.push({
        type: 'block-delta',
        index: c.open.index,
        choice,
        delta: { type: 'arguments', text: JSON.stringify(c.open.args) },
      });
    out.push({ type: 'block-end', index: c.open.index, choice });
    c.open = undefined;
  };

  const start = (c: Candidate, choice: number, part: ContentPart, out: StreamEvent[]): number => {
    close(c, choice, out);
    const index = c.next++;
    out.push({ type: 'block-start', index, choice, part });
    return index;
  };

  /** Decodes one part; returns true when it produced canonical events (false: kept literally in the envelope). */
  const decodeStreamPart = (raw: JsonObject, c: Candidate, choice: number, out: StreamEvent[]): boolean => {
    if (typeof raw.text === 'string') {
      const signature = typeof raw.thoughtSignature === 'string' ? raw.thoughtSignature : undefined;
      const extra = omit(raw, ['text', 'thought', 'thoughtSignature']);
      if (raw.thought !== undefined && raw.thought !== true) extra.thought = raw.thought;
      const hasExtra = Object.keys(extra).length > 0;
      if (raw.text === '' && signature === undefined) return false;
      const kind = raw.thought === true ? 'reasoning' : 'text';
      const open = c.open;
      if (raw.text === '' && !hasExtra && open && open.kind !== 'call' && !open.sealed && signature !== undefined) {
        // The signature-only part that ends a signed text (Gemini sends it last).
        out.push({
          type: 'block-delta',
          index: open.index,
          choice,
          delta: { type: 'signature', format: 'gemini', value: signature },
        });
        open.sealed = true;
        return true;
      }
      let block = open;
      if (!(block && block.kind === kind && !block.sealed && !hasExtra)) {
        const part: ContentPart = { type: kind, text: '' };
        if (hasExtra) part.extensions = { gemini: { extra } };
        const index = start(c, choice, part, out);
        block = { index, kind, sealed: hasExtra, text: '' };
        c.open = block;
      }
      if (raw.text !== '' || hasExtra)
        out.push({ type: 'block-delta', index: block.index, choice, delta: { type: kind, text: raw.text } });
      if (kind === 'text') block.text += raw.text;
      if (signature !== undefined) {
        out.push({
          type: 'block-delta',
          index: block.index,
          choice,
          delta: { type: 'signature', format: 'gemini', value: signature },
        });
        block.sealed = true;
      }
      return true;
    }
    const call = isObject(raw.functionCall) ? raw.functionCall : undefined;
    if (call && (call.willContinue === true || call.partialArgs !== undefined || Object.keys(call).length === 0)) {
      // Vertex argument streaming: a named start, partialArgs pieces, then an empty functionCall.
      if (typeof call.name === 'string' && call.partialArgs === undefined) {
        const n = c.state.calls++;
        const part: ContentPart = {
          type: 'tool-call',
          id: typeof call.id === 'string' ? call.id : c.state.ids.call(n),
          name: decodeToolName(call.name),
          arguments: '',
        };
        if (typeof raw.thoughtSignature === 'string')
          part.signature = { format: 'gemini', value: raw.thoughtSignature };
        const index = start(c, choice, part, out);
        c.open = { index, kind: 'call', sealed: true, text: '', args: {} };
        c.hasCalls = true;
      } else if (c.open?.kind === 'call' && c.open.args) {
        for (const arg of Array.isArray(call.partialArgs) ? call.partialArgs : [])
          if (isObject(arg)) applyPartialArg(c.open.args, arg);
        if (call.willContinue !== true) close(c, choice, out);
      }
      return true;
    }
    const part = decodePart(raw, c.state);
    if (part.type === 'tool-call') c.hasCalls = true;
    const index = start(c, choice, part, out);
    out.push({ type: 'block-end', index, choice });
    return true;
  };

  return {
    push(wire: WireEvent): StreamEvent[] {
      eventNumber++;
      if (terminated || wire.data.trim() === '') return [];
      const path = [eventNumber, 'data'];
      const chunk = parseWireJson(wire.data, 'gemini', 'stream', path);
      if (isObject(chunk) && isObject(chunk.error)) {
        terminated = true;
        return [{ type: 'error', error: decodeError(chunk) }];
      }
      const parsed = responseSchema.safeParse(chunk);
      if (!parsed.success) throw wireErrorFromIssues('gemini', 'stream', parsed.error.issues, chunk, path);
      const body = chunk as JsonObject;
      const out: StreamEvent[] = [];
      if (!started) {
        started = true;
        responseId = typeof body.responseId === 'string' ? body.responseId : undefined;
        const startEvent: StreamEvent = { type: 'message-start' };
        if (responseId !== undefined) startEvent.id = responseId;
        if (typeof body.modelVersion === 'string') startEvent.model = body.modelVersion;
        out.push(startEvent);
      }
      // Usage and finish reasons stay as null placeholders so the encoder keeps the key order.
      const envelope: JsonObject = { ...body };
      if (envelope.usageMetadata !== undefined) envelope.usageMetadata = null;
      const marker: StreamEvent = { type: 'extension', format: 'gemini', name: CHUNK_START, data: envelope };
      out.push(marker);
      const wireCandidates = Array.isArray(body.candidates) ? body.candidates : [];
      const envelopeCandidates: JsonValue[] = [];
      for (const [k, raw] of wireCandidates.entries()) {
        if (!isObject(raw)) continue;
        const choice = typeof raw.index === 'number' ? raw.index : k;
        const c = candidateFor(choice);
        // Candidate metadata (grounding, URL context, safety ratings) accumulates: the finish carries it all.
        c.extra = { ...c.extra, ...omit(raw, ['content', 'finishReason', 'index']) };
        const shell: JsonObject = { ...raw };
        if (shell.finishReason !== undefined) shell.finishReason = null;
        if (isObject(raw.content) && Array.isArray(raw.content.parts)) {
          const placeholders = raw.content.parts.map((p) =>
            isObject(p) && decodeStreamPart(p, c, choice, out) ? null : (p as JsonValue),
          );
          shell.content = { ...raw.content, parts: placeholders };
        }
        envelopeCandidates.push(shell);
        if (typeof raw.finishReason === 'string') {
          const open = c.open;
          if (open?.kind === 'text' && isObject(raw.groundingMetadata))
            for (const citation of citationsFromGrounding(raw.groundingMetadata, open.text, 0))
              out.push({ type: 'block-delta', index: open.index, choice, delta: { type: 'citation', citation } });
          close(c, choice, out);
          c.finished = true;
          const extra = c.extra;
          out.push({
            type: 'finish',
            choice,
            finishReason: decodeFinishReason(raw.finishReason, c.hasCalls),
            ...(Object.keys(extra).length > 0 ? { extensions: { gemini: extra } } : {}),
          });
        }
      }
      if (Array.isArray(body.candidates)) envelope.candidates = envelopeCandidates;
      const blockedAs = blockedChoice(body);
      if (blockedAs?.finishReason && !blocked) {
        blocked = true;
        out.push({ type: 'finish', choice: 0, finishReason: blockedAs.finishReason, extensions: blockedAs.extensions });
      }
      if (isObject(body.usageMetadata)) out.push({ type: 'usage', usage: decodeUsage(body.usageMetadata) });
      lastTop = omit(body, ['candidates', 'usageMetadata', 'modelVersion', 'responseId']);
      out.push({ type: 'extension', format: 'gemini', name: CHUNK_END, data: null });
      return out;
    },
    end(): StreamEvent[] {
      if (terminated) return [];
      terminated = true;
      const out: StreamEvent[] = [];
      for (const [choice, c] of candidates) close(c, choice, out);
      const unfinished = [...candidates.values()].some((c) => !c.finished);
      if (!started || (unfinished && !blocked) || (candidates.size === 0 && !blocked)) {
        out.push({
          type: 'error',
          error: {
            kind: 'server',
            status: 500,
            message: 'gemini stream ended before a finishReason arrived',
            type: 'INTERNAL',
          },
        });
        return out;
      }
      out.push(
        Object.keys(lastTop).length > 0
          ? { type: 'message-end', extensions: { gemini: lastTop } }
          : { type: 'message-end' },
      );
      return out;
    },
  };
}
