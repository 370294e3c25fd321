import {
  type ApiError,
  type ContentPart,
  createLossRecorder,
  type JsonObject,
  type JsonValue,
  reportErrorLosses,
  type StreamEncoder,
  type StreamEvent,
  type Usage,
  type WireEvent,
} from '@interlingua/core';
import { decodeError, encodeError } from './error.ts';
import { FORMAT, isObject } from './ext.ts';
import { encodeFinishReason, finishReasonLoss, reportStopSequence } from './finish-reason.ts';
import { encodeLogprobs } from './logprobs.ts';
import { featureOf } from './messages-encode.ts';
import type { ChatStreamOptions } from './options.ts';
import { encodeCitation } from './response-message.ts';
import { writeToolCallSignature } from './tool-call-signature.ts';
import { encodeUsage } from './usage.ts';

/**
 * A path into the collected response: stream blocks are numbered per choice in order of
 * appearance, which is their index in the choice's content.
 */
const at = (choice: number, block: number, ...rest: string[]): (string | number)[] => [
  'choices',
  choice,
  'content',
  block,
  ...rest,
];

/** What a canonical block became on the wire. */
interface BlockState {
  kind: ContentPart['type'];
  tool?: number;
  custom?: boolean;
  /** Characters of text / arguments written so far. */
  sent?: number;
  /** Whether any chunk carried something of this block (Chat's decoder opens no block for nothing). */
  wrote?: boolean;
  /** Whether the whole block was reported lost already. */
  dropped?: boolean;
  /** The feature to report if the block ends having written nothing. */
  emptyFeature?: string;
}

interface ChoiceState {
  roleSent: boolean;
  finished: boolean;
  /** Canonical block → what it is on the wire. */
  blocks: Map<number, BlockState>;
  nextTool: number;
  /** Choice fields of the wire's role chunk (the first `choice-fields` extension of the choice). */
  roleFields?: JsonObject;
  /** The block Chat's decoder appends text / reasoning / refusal deltas to (one kind open at a time). */
  open: Partial<Record<'text' | 'reasoning' | 'refusal', number>>;
  /** The last block that wrote something, and the audio block (Chat's decoder puts audio last). */
  last?: number;
  audio?: number;
}

/**
 * Creates an incremental encoder of canonical events into Chat Completions chunks: a role chunk per
 * choice, content / reasoning / refusal / tool-call deltas (each call: a first fragment with id,
 * type, name and `arguments: ""`, then argument fragments), one finish chunk per choice, a usage
 * chunk with `choices: []`, then `data: [DONE]`. A mid-stream error is written as a `data:` line
 * with an `error` object (what the openai SDK throws on), with no `[DONE]` after it.
 */
export function createStreamEncoder(options: ChatStreamOptions = {}): StreamEncoder {
  const losses = createLossRecorder(FORMAT, options);
  const field = options.reasoningField ?? 'reasoning_content';
  const choices = new Map<number, ChoiceState>();
  const reported = new Set<string>();
  let envelope: JsonObject | undefined;
  let usage: Usage | undefined;
  let closed = false;
  let usageWritten = false;

  const usageChunk = (value: Usage): WireEvent => ({
    data: JSON.stringify({ ...head(), choices: [], usage: encodeUsage(value, losses) }),
  });

  const once = (
    key: string,
    path: (string | number)[],
    message: string,
    feature: string,
    approximate = false,
  ): void => {
    if (reported.has(key)) return;
    reported.add(key);
    if (approximate) losses.approximate(path, message, feature);
    else losses.drop(path, message, feature);
  };

  const head = (): JsonObject => {
    envelope ??= {
      id: options.defaults?.id ?? 'chatcmpl-interlingua',
      object: 'chat.completion.chunk',
      created: options.defaults?.created ?? Math.floor(Date.now() / 1000),
      model: options.defaults?.model ?? '',
    };
    return envelope;
  };

  /** Choice fields from this format's `choice-fields` extension events, waiting for the next chunk of their choice. */
  const pending = new Map<number, JsonObject>();

  const chunk = (index: number, delta: JsonObject, extra: JsonObject = {}): WireEvent => {
    const fields = pending.get(index) ?? {};
    pending.delete(index);
    return {
      data: JSON.stringify({ ...head(), choices: [{ index, delta, finish_reason: null, ...fields, ...extra }] }),
    };
  };

  const stateOf = (index: number): ChoiceState => {
    let state = choices.get(index);
    if (!state) {
      state = { roleSent: false, finished: false, blocks: new Map(), nextTool: 0, open: {} };
      choices.set(index, state);
    }
    return state;
  };

  /**
   * The role chunk opens a choice: `content` is "" before text and null otherwise, as OpenAI sends it;
   * when the choice starts with a tool call, OpenAI puts the call's first fragment in the role chunk.
   */
  const role = (out: WireEvent[], index: number, first?: ContentPart, call?: JsonObject): ChoiceState => {
    const state = stateOf(index);
    if (!state.roleSent) {
      state.roleSent = true;
      const delta: JsonObject = call
        ? { role: 'assistant', content: null, tool_calls: [call], refusal: null }
        : { role: 'assistant', content: first?.type === 'text' ? '' : null, refusal: null };
      out.push({
        data: JSON.stringify({ ...head(), choices: [{ index, delta, finish_reason: null, ...state.roleFields }] }),
      });
    } else if (call) out.push(chunk(index, { tool_calls: [call] }));
    return state;
  };

  const start = (out: WireEvent[], choice: number, block: number, part: ContentPart): void => {
    const state = part.type === 'tool-call' ? stateOf(choice) : role(out, choice, part);
    const before = out.length;
    startKind(out, state, choice, block, part);
    const entry = state.blocks.get(block);
    if (entry) {
      entry.sent = sentText(part)?.length ?? 0;
      if (out.length > before) wrote(choice, block, entry);
    }
  };

  /**
   * Marks a block as written and follows the blocks Chat's decoder rebuilds from the deltas: text,
   * reasoning and refusal deltas go to the open block of their kind until another of these kinds
   * opens, and audio comes last. A block whose deltas land in an earlier block (a reasoning block
   * right after another, text after a tool call), or any block after audio, does not come back
   * where it was: reported (approximated) at the moved block. Text right after text is joined by
   * design and not reported.
   */
  const wrote = (choice: number, block: number, entry: BlockState): void => {
    const first = !entry.wrote;
    entry.wrote = true;
    const state = stateOf(choice);
    const kind = entry.kind;
    // A new tool call closes the open text / reasoning / refusal run in Chat's decoder.
    if (kind === 'tool-call' && first) state.open = {};
    const moved = (index: number, message: string): void =>
      once(`moved.${choice}.${index}`, at(choice, index), message, 'content.position', true);
    if (state.audio !== undefined && state.audio !== block)
      moved(state.audio, 'Chat streams deliver audio after the other parts of the message');
    if (kind === 'audio') state.audio = block;
    else if (kind === 'text' || kind === 'reasoning' || kind === 'refusal') {
      const open = state.open[kind];
      if (open === undefined) state.open = { [kind]: block };
      else if (open !== block && !(kind === 'text' && state.last === open && block === open + 1))
        moved(block, `Chat has one ${kind} run until another kind starts; this block is joined to an earlier one`);
    }
    state.last = block;
  };

  /**
   * A text, refusal or reasoning block that wrote nothing does not come back (Chat's decoder opens no
   * block for an empty delta): Responses' empty reasoning items, empty text. Reported when it ends.
   */
  const endBlock = (choice: number, index: number): void => {
    const entry = stateOf(choice).blocks.get(index);
    if (!entry || entry.wrote || entry.dropped || entry.emptyFeature === undefined) return;
    entry.dropped = true;
    losses.drop(at(choice, index), `an empty ${entry.kind} block has nothing Chat can carry`, entry.emptyFeature);
  };

  const startKind = (out: WireEvent[], state: ChoiceState, choice: number, block: number, part: ContentPart): void => {
    const path = at(choice, block);
    switch (part.type) {
      case 'text':
        state.blocks.set(block, { kind: 'text', emptyFeature: 'content.empty-text' });
        if (part.text !== '') out.push(chunk(choice, { content: part.text }));
        part.citations?.forEach((c) => {
          citation(out, choice, block, c, part.text.length);
        });
        if (part.signature) signature(out, choice, block, part.signature.format, part.signature.value, 'text');
        return;
      case 'reasoning': {
        const entry: BlockState = {
          kind: 'reasoning',
          emptyFeature: part.encrypted
            ? 'reasoning.encrypted'
            : part.summary !== undefined
              ? 'reasoning.summary'
              : 'reasoning.text',
        };
        state.blocks.set(block, entry);
        if (part.redacted) {
          entry.dropped = true;
          losses.drop(path, 'Chat cannot carry redacted reasoning', 'reasoning.redacted');
          return;
        }
        if (part.encrypted)
          losses.drop(
            at(choice, block, 'encrypted'),
            `Chat cannot carry ${part.encrypted.format} encrypted reasoning`,
            'reasoning.encrypted',
          );
        if (part.id !== undefined)
          losses.drop(at(choice, block, 'id'), 'Chat reasoning has no item id', 'reasoning.id');
        if (part.text !== '') reasoning(out, choice, block, part.text);
        else if (part.summary && part.summary.length > 0) summary(out, choice, block, part.summary.join('\n\n'));
        if (part.signature) signature(out, choice, block, part.signature.format, part.signature.value);
        return;
      }
      case 'refusal':
        state.blocks.set(block, { kind: 'refusal', emptyFeature: 'content.empty-text' });
        if (part.text !== '') out.push(chunk(choice, { refusal: part.text }));
        return;
      case 'tool-call': {
        const tool = state.nextTool++;
        const custom = part.kind === 'custom';
        state.blocks.set(block, { kind: 'tool-call', tool, custom });
        if (part.itemId !== undefined)
          losses.drop(
            at(choice, block, 'itemId'),
            'Chat tool calls have no item id besides the call id',
            'tool-call.id',
          );
        const call: JsonObject = custom
          ? { index: tool, id: part.id, type: 'custom', custom: { name: part.name, input: '' } }
          : { index: tool, id: part.id, type: 'function', function: { name: part.name, arguments: '' } };
        role(out, choice, part, call);
        if (part.signature) signature(out, choice, block, part.signature.format, part.signature.value, tool);
        if (part.arguments !== '') args(out, choice, tool, custom, part.arguments);
        return;
      }
      case 'audio': {
        state.blocks.set(block, { kind: 'audio' });
        const audio: JsonObject = {};
        if (part.id !== undefined) audio.id = part.id;
        if (part.source.type === 'base64') audio.data = part.source.data;
        if (part.transcript !== undefined) audio.transcript = part.transcript;
        if (part.expiresAt !== undefined) audio.expires_at = part.expiresAt;
        out.push(chunk(choice, { audio }));
        return;
      }
      default:
        state.blocks.set(block, { kind: part.type });
        once(`part.${choice}.${part.type}`, path, `Chat streams cannot carry ${part.type} blocks`, featureOf(part));
    }
  };

  const reasoning = (out: WireEvent[], choice: number, block: number, text: string): void => {
    if (field === 'none') {
      once(
        `reasoning.${choice}.${block}`,
        at(choice, block),
        'reasoning text is not written (reasoningField: none)',
        'reasoning.text',
      );
      return;
    }
    out.push(chunk(choice, { [field]: text }));
  };

  /** Summary text (Responses): Chat has no summary, so it is sent as reasoning text. */
  const summary = (out: WireEvent[], choice: number, block: number, text: string): void => {
    once(
      `summary.${choice}.${block}`,
      at(choice, block, 'summary'),
      'Chat has no reasoning summary; summary text is sent as reasoning',
      'reasoning.summary',
      true,
    );
    reasoning(out, choice, block, text);
  };

  /**
   * A reasoning signature, or (on a tool call, `tool` set) Gemini-compat's `extra_content` thought
   * signature; a text part's signature (`tool` is `'text'`, Gemini) has no Chat field.
   */
  const signature = (
    out: WireEvent[],
    choice: number,
    block: number,
    format: string,
    value: string,
    tool?: number | 'text',
  ): void => {
    if (format !== FORMAT || tool === 'text' || (field === 'none' && tool === undefined)) {
      once(
        `signature.${choice}.${block}`,
        at(choice, block, 'signature'),
        `a ${format} signature is not forwarded to Chat`,
        'reasoning.signature',
      );
      return;
    }
    if (tool === undefined) {
      out.push(chunk(choice, { reasoning_signature: value }));
      return;
    }
    const call: JsonObject = { index: tool };
    writeToolCallSignature(call, { format, value });
    out.push(chunk(choice, { tool_calls: [call] }));
  };

  const args = (out: WireEvent[], choice: number, tool: number, custom: boolean | undefined, text: string): void => {
    const call: JsonObject = custom
      ? { index: tool, custom: { input: text } }
      : { index: tool, function: { arguments: text } };
    out.push(chunk(choice, { tool_calls: [call] }));
  };

  const citation = (
    out: WireEvent[],
    choice: number,
    block: number,
    c: Parameters<typeof encodeCitation>[0],
    length: number,
  ): void => {
    const { value, approximated } = encodeCitation(c, 0, length);
    if (!value) {
      once(
        `citation.${choice}.${block}`,
        at(choice, block, 'citations'),
        `Chat annotations cannot carry a ${c.type} citation`,
        'content.citations',
      );
      return;
    }
    if (approximated)
      once(
        `citation~.${choice}.${block}`,
        at(choice, block, 'citations'),
        'a citation became a url_citation over its text',
        'content.citations',
        true,
      );
    out.push(chunk(choice, { annotations: [value] }));
  };

  const delta = (out: WireEvent[], event: Extract<StreamEvent, { type: 'block-delta' }>): void => {
    const choice = event.choice ?? 0;
    const block = stateOf(choice).blocks.get(event.index);
    if (!block) return;
    const d = event.delta;
    if (d.type === 'text' || d.type === 'reasoning' || d.type === 'arguments')
      block.sent = (block.sent ?? 0) + d.text.length;
    // Chat has logprobs for content and refusal tokens only (reasoning, arguments: none).
    if (event.logprobs?.length && d.type !== 'text')
      once(
        `logprobs.${choice}`,
        ['choices', choice, 'logprobs'],
        `Chat has no logprobs for ${d.type} deltas`,
        'logprobs',
      );
    const before = out.length;
    deltaKind(out, event, choice, block);
    if (out.length > before) wrote(choice, event.index, block);
  };

  const deltaKind = (
    out: WireEvent[],
    event: Extract<StreamEvent, { type: 'block-delta' }>,
    choice: number,
    block: BlockState,
  ): void => {
    const d = event.delta;
    switch (d.type) {
      case 'text':
        // An empty fragment carries nothing (Chat's decoder skips it), unless it holds logprobs.
        if (d.text === '' && !event.logprobs?.length) return;
        if (block.kind === 'refusal') {
          const extra: JsonObject = event.logprobs
            ? { logprobs: { content: null, refusal: encodeLogprobs(event.logprobs) } }
            : {};
          out.push(chunk(choice, { refusal: d.text }, extra));
        } else {
          const extra: JsonObject = event.logprobs
            ? { logprobs: { content: encodeLogprobs(event.logprobs), refusal: null } }
            : {};
          out.push(chunk(choice, { content: d.text }, extra));
        }
        return;
      case 'reasoning':
        if (d.text !== '') reasoning(out, choice, event.index, d.text);
        return;
      case 'summary':
        if (d.text !== '') summary(out, choice, event.index, d.text);
        return;
      case 'arguments':
        // An empty fragment (Claude's first `input_json_delta`) carries nothing: no chunk for it.
        if (block.tool !== undefined && d.text !== '') args(out, choice, block.tool, block.custom, d.text);
        return;
      case 'signature':
        signature(out, choice, event.index, d.format, d.value, block.kind === 'text' ? 'text' : block.tool);
        return;
      case 'citation':
        citation(out, choice, event.index, d.citation, 0);
        return;
    }
  };

  /** Text or arguments of a block written so far, to complete it from an authoritative `block-end` part. */
  const sentText = (part: ContentPart): string | undefined =>
    part.type === 'text' || part.type === 'refusal' || part.type === 'reasoning'
      ? part.text
      : part.type === 'tool-call'
        ? part.arguments
        : undefined;

  /** A `block-end` that repeats the whole block (Responses' `output_item.done`) may hold text no delta carried. */
  const finishBlock = (out: WireEvent[], choice: number, index: number, part: ContentPart): void => {
    const block = stateOf(choice).blocks.get(index);
    const full = sentText(part);
    if (!block || full === undefined || block.kind !== part.type) return;
    const sent = block.sent ?? 0;
    if (full.length <= sent) return;
    const rest = full.slice(sent);
    const type = part.type === 'tool-call' ? 'arguments' : part.type === 'reasoning' ? 'reasoning' : 'text';
    delta(out, { type: 'block-delta', index, choice, delta: { type, text: rest } });
  };

  /**
   * A mid-stream error payload. Chat's error body has a type and a code but no kind, and a mid-stream
   * payload has no HTTP status: what does not read back from the payload alone is reported.
   */
  const errorPayload = (error: ApiError): JsonValue => {
    const { body } = encodeError(error);
    reportErrorLosses(losses, error, decodeError(body), ['error']);
    return body;
  };

  return {
    losses: losses.losses,
    push(event: StreamEvent): WireEvent[] {
      if (closed) return [];
      const out: WireEvent[] = [];
      switch (event.type) {
        case 'message-start': {
          const fields = event.extensions?.[FORMAT] ?? {};
          envelope = {
            id: event.id ?? options.defaults?.id ?? 'chatcmpl-interlingua',
            object: 'chat.completion.chunk',
            created: event.created ?? options.defaults?.created ?? Math.floor(Date.now() / 1000),
            model: event.model ?? options.defaults?.model ?? '',
            ...fields,
          };
          if (event.serviceTier !== undefined) envelope.service_tier = event.serviceTier;
          if (event.usage) usage = event.usage;
          return out;
        }
        case 'block-start':
          start(out, event.choice ?? 0, event.index, event.part);
          return out;
        case 'block-delta':
          delta(out, event);
          return out;
        case 'block-end':
          if (event.part) finishBlock(out, event.choice ?? 0, event.index, event.part);
          endBlock(event.choice ?? 0, event.index);
          return out;
        case 'usage':
          usage = event.usage;
          usageWritten = false;
          // OpenAI sends the usage chunk right after the finish chunks: write it there when all choices are done.
          if (choices.size > 0 && [...choices.values()].every((c) => c.finished) && options.includeUsage !== false) {
            out.push(usageChunk(usage));
            usageWritten = true;
          }
          return out;
        case 'finish': {
          const choice = event.choice ?? 0;
          const state = role(out, choice);
          state.finished = true;
          const { value, approximated } = encodeFinishReason(event.finishReason, state.nextTool > 0);
          if (approximated)
            losses.approximate(['finish', choice], finishReasonLoss(event.finishReason, value), 'finish-reason');
          reportStopSequence(event.finishReason, ['finish', choice], losses);
          const extra = event.extensions?.[FORMAT] ?? {};
          out.push({
            data: JSON.stringify({
              ...head(),
              choices: [{ index: choice, delta: {}, ...extra, finish_reason: value }],
            }),
          });
          return out;
        }
        case 'message-end':
          if (usage && !usageWritten && options.includeUsage !== false) out.push(usageChunk(usage));
          out.push({ data: '[DONE]' });
          closed = true;
          return out;
        case 'error':
          // Usage that arrived before the error would otherwise be lost with the rest of the stream: the
          // usage chunk may follow the finish chunks only, so without them it cannot be written.
          if (usage && !usageWritten && options.includeUsage !== false) {
            if (choices.size > 0 && [...choices.values()].every((c) => c.finished)) out.push(usageChunk(usage));
            else
              losses.drop(
                ['usage'],
                'a Chat stream cut by an error before its finish chunks cannot carry usage',
                'usage.counts',
              );
          }
          out.push({ data: JSON.stringify(errorPayload(event.error)) });
          closed = true;
          return out;
        case 'extension':
          if (event.format !== FORMAT) return out;
          if (event.name === 'chunk') out.push({ data: JSON.stringify(event.data) });
          else if (
            event.name === 'choice-fields' &&
            isObject(event.data) &&
            typeof event.data.index === 'number' &&
            isObject(event.data.fields)
          ) {
            const state = stateOf(event.data.index);
            if (!state.roleSent && state.roleFields === undefined) state.roleFields = event.data.fields;
            else pending.set(event.data.index, event.data.fields);
          }
          return out;
        case 'warning':
          return out;
      }
    },
    end(): WireEvent[] {
      if (closed) return [];
      closed = true;
      const error = {
        kind: 'server' as const,
        status: 500,
        message: 'the upstream stream ended before it was complete',
      };
      return [{ data: JSON.stringify(encodeError(error).body) }];
    },
  };
}
