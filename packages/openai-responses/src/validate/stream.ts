import type { StreamValidator, ValidationResult, WireEvent } from '@interlingua/core';
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
} from '../wire/stream.ts';
import { checkResponse } from './body.ts';
import { createProblems } from './problems.ts';

type Item = { id: unknown; type: string; parts: Map<number, boolean>; summaries: Map<number, boolean> };

const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed', 'error']);

/** Events whose payload is a text / argument delta addressed to an item. */
const DELTAS = new Set([
  'response.output_text.delta',
  'response.refusal.delta',
  'response.function_call_arguments.delta',
  'response.custom_tool_call_input.delta',
  'response.reasoning_summary_text.delta',
  'response.reasoning_text.delta',
]);

/**
 * Creates an incremental validator of a Responses event stream: payload schemas, the first and
 * terminal events, increasing `sequence_number`s, `output_index` / `content_index` order, item ids,
 * every item and part closed, function arguments valid JSON, usage in `response.completed`.
 */
export function createStreamValidator(): StreamValidator {
  const problems = createProblems();
  const items = new Map<number, Item>();
  let n = -1;
  let lastSeq: number | undefined;
  let nextOutput = 0;
  let started = false;
  let ended = false;
  let afterError = false;

  const itemAt = (index: number, event: Record<string, unknown>): Item | undefined => {
    const item = items.get(index);
    if (!item) {
      problems.add([n, 'output_index'], `no open output item at index ${index}`, 'block-index');
      return undefined;
    }
    if ('item_id' in event && event.item_id !== item.id)
      problems.add(
        [n, 'item_id'],
        `expected item_id ${JSON.stringify(item.id)}, received ${JSON.stringify(event.item_id)}`,
        'block-index',
      );
    return item;
  };

  const push = (wire: WireEvent): void => {
    n++;
    let payload: unknown;
    try {
      payload = JSON.parse(wire.data);
    } catch {
      problems.add([n, 'data'], 'expected valid JSON', 'json');
      return;
    }
    const event = problems.schema(wireStreamEvent, payload, [n]);
    if (!event) return;
    const type = event.type;
    if (wire.event !== undefined && wire.event !== type)
      problems.add([n, 'event'], `the SSE event name ${wire.event} differs from type ${type}`, 'event-name');
    // The API follows a stream-level `error` with `response.failed`; anything else after the end is wrong.
    if (ended && !(afterError && type === 'response.failed'))
      problems.add([n], `${type} after the terminal event`, 'last-event');
    afterError = type === 'error';
    if (n === 0 && type !== 'response.created' && type !== 'response.queued' && type !== 'error')
      problems.add([n, 'type'], `expected response.created first, received ${type}`, 'first-event');
    if (typeof event.sequence_number !== 'number')
      problems.add([n, 'sequence_number'], 'expected a sequence number', 'sequence-number');
    else {
      if (lastSeq !== undefined && event.sequence_number <= lastSeq)
        problems.add(
          [n, 'sequence_number'],
          `expected more than ${lastSeq}, received ${event.sequence_number}`,
          'sequence-number',
        );
      lastSeq = event.sequence_number;
    }
    const raw = payload as Record<string, unknown>;
    if (type === 'response.created') started = true;
    if (type === 'response.output_item.added' || type === 'response.output_item.done') {
      const e = problems.schema(wireOutputItemEvent, payload, [n]);
      if (!e) return;
      if (typeof e.item.id !== 'string' || e.item.id === '')
        problems.add([n, 'item', 'id'], 'expected a non-empty item id', 'schema');
      if (type === 'response.output_item.added') {
        if (e.output_index !== nextOutput)
          problems.add(
            [n, 'output_index'],
            `expected output_index ${nextOutput}, received ${e.output_index}`,
            'block-index',
          );
        nextOutput = Math.max(nextOutput, e.output_index + 1);
        items.set(e.output_index, { id: e.item.id, type: e.item.type, parts: new Map(), summaries: new Map() });
        return;
      }
      const item = itemAt(e.output_index, raw);
      if (!item) return;
      for (const [index, done] of item.parts)
        if (!done) problems.add([n], `content part ${index} of item ${e.output_index} was not done`, 'unclosed-block');
      for (const [index, done] of item.summaries)
        if (!done) problems.add([n], `summary part ${index} of item ${e.output_index} was not done`, 'unclosed-block');
      if (e.item.type === 'function_call' && typeof e.item.arguments === 'string')
        checkJson(e.item.arguments, [n, 'item', 'arguments']);
      items.delete(e.output_index);
      return;
    }
    if (type === 'response.content_part.added' || type === 'response.content_part.done') {
      const e = problems.schema(wireContentPartEvent, payload, [n]);
      const item = e && itemAt(e.output_index, raw);
      if (!e || !item) return;
      if (type === 'response.content_part.added') {
        if (e.content_index !== item.parts.size)
          problems.add(
            [n, 'content_index'],
            `expected content_index ${item.parts.size}, received ${e.content_index}`,
            'block-index',
          );
        item.parts.set(e.content_index, false);
      } else if (item.parts.get(e.content_index) !== false)
        problems.add([n, 'content_index'], `content part ${e.content_index} is not open`, 'block-index');
      else item.parts.set(e.content_index, true);
      return;
    }
    if (type === 'response.reasoning_summary_part.added' || type === 'response.reasoning_summary_part.done') {
      const e = problems.schema(wireSummaryPartEvent, payload, [n]);
      const item = e && itemAt(e.output_index, raw);
      if (!e || !item) return;
      item.summaries.set(e.summary_index, type.endsWith('.done'));
      return;
    }
    if (DELTAS.has(type)) {
      const e = problems.schema(wireDeltaEvent, payload, [n]);
      const item = e && itemAt(e.output_index, raw);
      if (
        e &&
        item &&
        e.content_index !== undefined &&
        type !== 'response.reasoning_text.delta' &&
        item.parts.get(e.content_index) !== false
      )
        problems.add([n, 'content_index'], `content part ${e.content_index} is not open`, 'block-index');
      return;
    }
    if (type === 'response.output_text.annotation.added') {
      const e = problems.schema(wireAnnotationEvent, payload, [n]);
      if (e) itemAt(e.output_index, raw);
      return;
    }
    if (type === 'response.function_call_arguments.done') {
      if (typeof raw.arguments === 'string') checkJson(raw.arguments, [n, 'arguments']);
      else problems.add([n, 'arguments'], 'expected the complete arguments', 'schema');
      return;
    }
    if (TERMINAL.has(type)) {
      ended = true;
      if (type === 'error') {
        problems.schema(wireErrorEvent, payload, [n]);
        return;
      }
      const e = problems.schema(wireLifecycleEvent, payload, [n]);
      if (!e) return;
      checkResponse(problems, e.response, [n, 'response']);
      // A failed response ends where the failure struck: items still open then are not a grammar error
      // (the API aborts them, as its own recordings show); a completed or incomplete one closes them all.
      if (type !== 'response.failed')
        for (const index of items.keys()) problems.add([n], `output item ${index} was never done`, 'unclosed-block');
      items.clear();
      return;
    }
    if ('output_index' in raw) {
      const e = problems.schema(wireItemEvent, payload, [n]);
      if (e) itemAt(e.output_index, raw);
    }
  };

  const checkJson = (text: string, path: (string | number)[]): void => {
    try {
      JSON.parse(text);
    } catch {
      problems.add(path, 'expected the arguments to be valid JSON', 'arguments-json');
    }
  };

  return {
    push,
    end(): ValidationResult {
      if (!ended)
        problems.add(
          [n + 1],
          started ? 'the stream ended without a terminal event' : 'the stream is empty',
          'terminator',
        );
      return problems.result();
    },
  };
}

/** Validates a whole event stream. */
export function validateStream(events: Iterable<WireEvent>): ValidationResult {
  const validator = createStreamValidator();
  for (const event of events) validator.push(event);
  return validator.end();
}
