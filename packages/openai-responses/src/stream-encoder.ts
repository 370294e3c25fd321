import {
  type ApiError,
  type ChatResponse,
  type ContentPart,
  createCollector,
  createLossRecorder,
  type JsonObject,
  type LossRecorder,
  type MessageStartEvent,
  reportErrorLosses,
  type StreamEncoder,
  type StreamEvent,
  type StreamOptions,
  type WireEvent,
} from '@interlingua/core';
import { errorFromObject, inBandCode } from './error.ts';
import { extFields, extMarkers, FORMAT, isObject } from './ext.ts';
import { hashId, idBase } from './ids.ts';
import { continuesMessage, encodeSingleItem, type ItemEncoding, isMessagePart } from './item-encode.ts';
import { encodeResponse, reportEnvelopeDefaults } from './response.ts';
import { createEmit, deltaHead } from './stream-emit.ts';
import {
  citationDelta,
  closeMessage,
  closeText,
  type OpenMessage,
  openContentPart,
  openMessage,
  type TextBlock,
  textDelta,
} from './stream-message.ts';
import {
  closeReasoning,
  type ReasoningBlock,
  reasoningDelta,
  streamedReasoning,
  summaryDelta,
} from './stream-reasoning.ts';

type CallBlock = {
  kind: 'call';
  outputIndex: number;
  itemId: string;
  custom: boolean;
  part: ContentPart;
  args: string;
  /** The serialised head of its delta events, built on the first delta. */
  head?: string;
};
type ServerBlock = { kind: 'server'; outputIndex: number; part: ContentPart };
type Block = TextBlock | CallBlock | ReasoningBlock | ServerBlock | { kind: 'dropped' };

/**
 * Creates a Responses stream encoder. It writes the full event grammar: `response.created`,
 * `response.in_progress`, per item `output_item.added` → content / argument / summary events →
 * every `*.done` → `output_item.done`, and a terminal `response.completed` / `incomplete` /
 * `failed` whose response (output and usage included) is exactly `encodeResponse` of the collected
 * stream. Ids missing upstream are invented deterministically. A canonical `error` (or a stream
 * that ends early) becomes an `error` event followed by `response.failed` once the response has
 * started (the openai SDK rejects `finalResponse()` with an `APIError` on the `error` event).
 */
export function createStreamEncoder(options?: StreamOptions): StreamEncoder {
  const losses = createLossRecorder(FORMAT, options);
  // Final parts repeat what the start already reported; their re-encoding must not report twice.
  const quiet = createLossRecorder(FORMAT);
  const collector = createCollector();
  const blocks = new Map<number, Block>();
  let phase: 'idle' | 'open' | 'done' = 'idle';
  let created: JsonObject = {};
  let inProgressPending = false;
  let nextOutput = 0;
  let base = '';
  let message: OpenMessage | undefined;
  let extraChoices = false;
  let logprobsReported = false;

  const emit = createEmit();
  const encoding = (recorder: LossRecorder): ItemEncoding => ({ mode: 'response', base, losses: recorder });

  const start = (event: MessageStartEvent): WireEvent[] => {
    reportEnvelopeDefaults(event, losses);
    const id = event.id ?? `resp_${hashId(JSON.stringify(event))}`;
    const createdAt = event.created ?? Math.floor(Date.now() / 1000);
    base = idBase(id);
    const own = event.extensions?.[FORMAT] !== undefined;
    collector.push({ ...event, id, created: createdAt });
    created = own
      ? { ...extFields(event), id, created_at: createdAt }
      : { id, object: 'response', created_at: createdAt, status: 'in_progress', error: null, incomplete_details: null };
    if (event.model !== undefined) created.model = event.model;
    created.output = [];
    if (!own) created.usage = null;
    if (event.serviceTier !== undefined) created.service_tier = event.serviceTier;
    phase = 'open';
    inProgressPending = true;
    return [emit('response.created', { response: created })];
  };

  const inProgress = (): WireEvent[] => {
    if (!inProgressPending) return [];
    inProgressPending = false;
    return [emit('response.in_progress', { response: created })];
  };

  const endMessage = (): WireEvent[] => {
    if (!message) return [];
    const out = closeMessage(emit, message, encoding(quiet));
    message = undefined;
    return out;
  };

  const blockStart = (index: number, part: ContentPart): WireEvent[] => {
    const out: WireEvent[] = [];
    if (isMessagePart(part)) {
      if (!message || !continuesMessage(message.last, part)) {
        out.push(...endMessage());
        const opened = openMessage(emit, part, nextOutput++, encoding(losses));
        message = opened.message;
        out.push(...opened.events);
      } else
        for (const open of message.blocks)
          if (!open.closed) out.push(...closeText(emit, message, open, undefined, quiet));
      const { block, events } = openContentPart(emit, message, part, losses);
      blocks.set(index, block);
      out.push(...events);
      return out;
    }
    out.push(...endMessage());
    if (
      part.type === 'tool-call' ||
      part.type === 'reasoning' ||
      part.type === 'server-tool-call' ||
      part.type === 'server-tool-result'
    ) {
      const outputIndex = nextOutput;
      const skeleton: ContentPart =
        part.type === 'tool-call'
          ? { ...part, arguments: '' }
          : part.type === 'reasoning'
            ? { ...part, text: '', summary: part.summary && part.summary.length > 0 ? [] : part.summary }
            : part;
      const item = encodeSingleItem(skeleton, ['block', index], outputIndex, encoding(losses), 'in_progress');
      if (!item) {
        blocks.set(index, { kind: 'dropped' });
        return out;
      }
      nextOutput++;
      const itemId = typeof item.id === 'string' ? item.id : '';
      out.push(emit('response.output_item.added', { output_index: outputIndex, item }));
      if (part.type === 'tool-call') {
        const block: CallBlock = { kind: 'call', outputIndex, itemId, custom: part.kind === 'custom', part, args: '' };
        blocks.set(index, block);
        if (part.arguments !== '') out.push(argumentsDelta(block, part.arguments));
      } else if (part.type === 'reasoning') {
        const block: ReasoningBlock = {
          kind: 'reasoning',
          outputIndex,
          itemId,
          part,
          summaries: [],
          summaryOpen: -1,
          reasoning: undefined,
          signatureReported: part.signature !== undefined,
        };
        blocks.set(index, block);
        (part.summary ?? []).forEach((text, i) => {
          out.push(...summaryDelta(emit, block, i, text));
        });
        if (part.text !== '') out.push(...reasoningDelta(emit, block, part.text));
      } else blocks.set(index, { kind: 'server', outputIndex, part });
      return out;
    }
    losses.drop(['block', index], `a ${part.type} block cannot be Responses output`, `content.${part.type}`);
    blocks.set(index, { kind: 'dropped' });
    return out;
  };

  const argumentsDelta = (block: CallBlock, text: string): WireEvent => {
    block.args += text;
    const type = block.custom ? 'response.custom_tool_call_input.delta' : 'response.function_call_arguments.delta';
    block.head ??= deltaHead(type, { item_id: block.itemId, output_index: block.outputIndex });
    return emit.members(type, block.head + JSON.stringify(text));
  };

  const blockEnd = (index: number, final: ContentPart | undefined): WireEvent[] => {
    const block = blocks.get(index);
    blocks.delete(index);
    if (!block || block.kind === 'dropped') return [];
    if (block.kind === 'text')
      return message ? closeText(emit, message, block, final && isMessagePart(final) ? final : undefined, quiet) : [];
    const out: WireEvent[] = [];
    if (block.kind === 'call') {
      const part =
        final?.type === 'tool-call'
          ? final
          : { ...(block.part as Extract<ContentPart, { type: 'tool-call' }>), arguments: block.args };
      const at = { item_id: block.itemId, output_index: block.outputIndex };
      if (block.custom) out.push(emit('response.custom_tool_call_input.done', { ...at, input: part.arguments }));
      else out.push(emit('response.function_call_arguments.done', { ...at, arguments: part.arguments }));
      const item = encodeSingleItem(part, [], block.outputIndex, encoding(quiet));
      out.push(emit('response.output_item.done', { output_index: block.outputIndex, item: item ?? {} }));
      return out;
    }
    if (block.kind === 'reasoning') {
      out.push(...closeReasoning(emit, block));
      const part = final?.type === 'reasoning' ? final : streamedReasoning(block);
      const item = encodeSingleItem(part, [], block.outputIndex, encoding(quiet));
      out.push(emit('response.output_item.done', { output_index: block.outputIndex, item: item ?? {} }));
      return out;
    }
    const item = encodeSingleItem(final ?? block.part, [], block.outputIndex, encoding(quiet));
    out.push(emit('response.output_item.done', { output_index: block.outputIndex, item: item ?? {} }));
    return out;
  };

  const closeAll = (): WireEvent[] => {
    const out: WireEvent[] = [];
    for (const index of [...blocks.keys()]) out.push(...blockEnd(index, undefined));
    out.push(...endMessage());
    return out;
  };

  const terminal = (response: ChatResponse): WireEvent[] => {
    const encoded = encodeResponse(response);
    // Content and extra choices were reported when their blocks started (and logprobs ride on the
    // deltas); what only the terminal response writes (usage, finish reason, envelope) is reported here.
    for (const loss of encoded.losses)
      if (loss.path[0] !== 'choices' || (loss.path[1] === 0 && loss.path[2] === 'finishReason'))
        losses.add(loss.code, loss.path, loss.message, loss.feature);
    const body = encoded.value as JsonObject;
    const type =
      body.status === 'failed'
        ? 'response.failed'
        : body.status === 'incomplete'
          ? 'response.incomplete'
          : 'response.completed';
    phase = 'done';
    return [emit(type, { response: body })];
  };

  const fail = (error: ApiError): WireEvent[] => {
    const out: WireEvent[] = [];
    const markers = extMarkers(error);
    const payload = isObject(markers.event) ? markers.event : undefined;
    if (payload) out.push(emit('error', payload));
    else if (!markers.failed) {
      const fields = { code: inBandCode(error), message: error.message, param: error.param ?? null };
      // What the error event cannot say (it has no status, type or details) reads back differently.
      reportErrorLosses(losses, error, errorFromObject(fields, undefined), ['error']);
      out.push(emit('error', fields));
    }
    if (phase === 'open' && (markers.failed || !payload)) {
      const { interlingua: _m, ...errorFields } = error.extensions?.[FORMAT] ?? {};
      const clean: ApiError = { ...error };
      if (Object.keys(errorFields).length > 0) clean.extensions = { [FORMAT]: errorFields };
      else delete clean.extensions;
      const response: ChatResponse = { ...collector.response, error: clean };
      // The API ends a failed stream with `response.failed` (status failed): a finish reason seen
      // before the error cannot ride along and reads back as `error`.
      const [first, ...others] = response.choices;
      if (first?.finishReason && first.finishReason.reason !== 'error') {
        losses.add(
          'approximated',
          ['choices', 0, 'finishReason'],
          `the finish reason ${first.finishReason.reason} of a failed stream reads back from response.failed as error`,
          'finish-reason',
        );
        response.choices = [{ ...first, finishReason: { reason: 'error', raw: 'failed' } }, ...others];
      }
      const fields = isObject(markers.response) ? markers.response : undefined;
      if (fields)
        response.extensions = { ...response.extensions, [FORMAT]: { ...response.extensions?.[FORMAT], ...fields } };
      out.push(...terminal(response));
    }
    phase = 'done';
    return out;
  };

  return {
    losses: losses.losses,
    push(event: StreamEvent): WireEvent[] {
      if (phase === 'done') return [];
      if (event.type === 'warning') return [];
      if (event.type === 'extension') {
        if (event.format !== FORMAT || !isObject(event.data)) return [];
        if (event.name === 'response.in_progress' && inProgressPending) inProgressPending = false;
        else if (phase === 'open' && inProgressPending) return [...inProgress(), emit(event.name, event.data)];
        return [emit(event.name, event.data)];
      }
      const out: WireEvent[] = [];
      if (event.type === 'message-start') {
        if (phase === 'idle') out.push(...start(event));
        return out;
      }
      if (phase === 'idle') {
        if (event.type === 'error') return fail(event.error);
        out.push(...start({ type: 'message-start' }));
      }
      if (inProgressPending) out.push(...inProgress());
      if (event.type !== 'error' && event.type !== 'message-end') collector.push(event);
      switch (event.type) {
        case 'block-start':
          if ((event.choice ?? 0) !== 0) {
            if (!extraChoices) losses.drop(['choices', event.choice ?? 0], 'Responses streams one answer', 'choices');
            extraChoices = true;
            break;
          }
          out.push(...blockStart(event.index, event.part));
          break;
        case 'block-delta': {
          if ((event.choice ?? 0) !== 0) break;
          const block = blocks.get(event.index);
          // Only `output_text.delta` carries logprobs.
          if (
            event.logprobs?.length &&
            !(block?.kind === 'text' && event.delta.type === 'text' && !block.refusal) &&
            !logprobsReported
          ) {
            logprobsReported = true;
            losses.drop(['choices', 0, 'logprobs'], 'logprobs on a non-text delta have no Responses event', 'logprobs');
          }
          if (!block || block.kind === 'dropped' || block.kind === 'server') break;
          const delta = event.delta;
          if (block.kind === 'text') {
            if (!message) break;
            if (delta.type === 'text') out.push(textDelta(emit, message, block, delta.text, event.logprobs));
            else if (delta.type === 'citation')
              out.push(...citationDelta(emit, message, block, delta.citation, losses));
            else if (delta.type === 'signature')
              losses.drop(
                ['block', event.index, 'signature'],
                'a thought signature cannot ride on Responses text',
                'reasoning.signature',
              );
          } else if (block.kind === 'call') {
            if (delta.type === 'arguments') out.push(argumentsDelta(block, delta.text));
            else if (delta.type === 'signature')
              losses.drop(
                ['block', event.index, 'signature'],
                'a thought signature cannot ride on a Responses call',
                'reasoning.signature',
              );
          } else if (delta.type === 'summary') out.push(...summaryDelta(emit, block, delta.summaryIndex, delta.text));
          else if (delta.type === 'reasoning' && delta.text !== '')
            out.push(...reasoningDelta(emit, block, delta.text));
          else if (delta.type === 'signature' && !block.signatureReported) {
            block.signatureReported = true;
            losses.drop(
              ['block', event.index, 'signature'],
              'reasoning signatures of other formats are not forwarded',
              'reasoning.signature',
            );
          }
          break;
        }
        case 'block-end':
          if ((event.choice ?? 0) !== 0) break;
          out.push(...blockEnd(event.index, event.part));
          break;
        case 'message-end':
          collector.push(event);
          out.push(...closeAll());
          out.push(...terminal(collector.response));
          break;
        case 'error':
          out.push(...fail(event.error));
          break;
        default:
          break;
      }
      return out;
    },
    end(): WireEvent[] {
      if (phase !== 'open') return [];
      return fail({ kind: 'server', status: 500, message: 'the upstream stream ended before its end' });
    },
  };
}
