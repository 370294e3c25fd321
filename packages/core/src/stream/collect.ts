import { cloneJson } from '../json-clone.ts';
import type { ContentPart, ReasoningPart, TextPart, ToolCallPart } from '../model/content.ts';
import type { ChatResponse, Choice } from '../model/response.ts';
import type { BlockDelta, StreamEvent } from '../model/stream-event.ts';

/** Incremental fold of a canonical stream into the response it describes. */
export interface Collector {
  /** Folds one event. */
  push(event: StreamEvent): void;
  /** The response so far (complete after `message-end` or `error`). */
  readonly response: ChatResponse;
}

/** Creates an incremental collector. */
export function createCollector(): Collector {
  const response: ChatResponse = { choices: [] };
  // Per choice index: the choice, and block index → position in its content.
  const choices = new Map<number, { choice: Choice; slots: Map<number, number> }>();

  const entryAt = (index: number): { choice: Choice; slots: Map<number, number> } => {
    let entry = choices.get(index);
    if (!entry) {
      entry = { choice: { index, content: [] }, slots: new Map() };
      choices.set(index, entry);
      response.choices.push(entry.choice);
      response.choices.sort((a, b) => a.index - b.index);
    }
    return entry;
  };
  const choiceAt = (index: number): Choice => entryAt(index).choice;

  return {
    response,
    push(event) {
      switch (event.type) {
        case 'message-start':
          if (event.id !== undefined) response.id = event.id;
          if (event.model !== undefined) response.model = event.model;
          if (event.created !== undefined) response.created = event.created;
          if (event.usage !== undefined) response.usage = event.usage;
          if (event.serviceTier !== undefined) response.serviceTier = event.serviceTier;
          if (event.extensions !== undefined)
            response.extensions = mergeExtensions(response.extensions, event.extensions);
          return;
        case 'block-start': {
          const { choice, slots } = entryAt(event.choice ?? 0);
          slots.set(event.index, choice.content.length);
          choice.content.push(cloneJson(event.part));
          return;
        }
        case 'block-delta': {
          const { choice, slots } = entryAt(event.choice ?? 0);
          const position = slots.get(event.index);
          if (position === undefined) return;
          const part = choice.content[position];
          if (part) choice.content[position] = applyDelta(part, event.delta);
          // Appended in place: a copy per delta would make long streams with logprobs quadratic.
          if (event.logprobs) for (const logprob of event.logprobs) (choice.logprobs ??= []).push(logprob);
          return;
        }
        case 'block-end': {
          if (!event.part) return;
          const { choice, slots } = entryAt(event.choice ?? 0);
          const position = slots.get(event.index);
          if (position !== undefined) choice.content[position] = cloneJson(event.part);
          return;
        }
        case 'usage':
          response.usage = event.usage;
          return;
        case 'finish': {
          const choice = choiceAt(event.choice ?? 0);
          choice.finishReason = event.finishReason;
          if (event.extensions !== undefined) choice.extensions = mergeExtensions(choice.extensions, event.extensions);
          return;
        }
        case 'message-end':
          if (event.extensions !== undefined)
            response.extensions = mergeExtensions(response.extensions, event.extensions);
          return;
        case 'error':
          response.error = event.error;
          return;
        case 'warning':
        case 'extension':
          return;
      }
    },
  };
}

/** Folds a whole event sequence (sync or async) into the response it describes. */
export function collect(events: Iterable<StreamEvent>): ChatResponse;
export function collect(events: AsyncIterable<StreamEvent>): Promise<ChatResponse>;
export function collect(
  events: Iterable<StreamEvent> | AsyncIterable<StreamEvent>,
): ChatResponse | Promise<ChatResponse> {
  const collector = createCollector();
  if (Symbol.asyncIterator in events) {
    return (async () => {
      for await (const event of events) collector.push(event);
      return collector.response;
    })();
  }
  for (const event of events) collector.push(event);
  return collector.response;
}

function applyDelta(part: ContentPart, delta: BlockDelta): ContentPart {
  switch (delta.type) {
    case 'text':
      if (part.type === 'text' || part.type === 'refusal') part.text += delta.text;
      return part;
    case 'reasoning':
      if (part.type === 'reasoning') part.text += delta.text;
      return part;
    case 'summary': {
      if (part.type !== 'reasoning') return part;
      const summary = (part.summary ??= []);
      while (summary.length <= delta.summaryIndex) summary.push('');
      summary[delta.summaryIndex] += delta.text;
      return part;
    }
    case 'arguments':
      if (part.type === 'tool-call') part.arguments += delta.text;
      return part;
    case 'signature': {
      const signed = part as TextPart | ReasoningPart | ToolCallPart;
      if (part.type === 'text' || part.type === 'reasoning' || part.type === 'tool-call') {
        signed.signature =
          signed.signature && signed.signature.format === delta.format
            ? { format: delta.format, value: signed.signature.value + delta.value }
            : { format: delta.format, value: delta.value };
      }
      return part;
    }
    case 'citation':
      if (part.type === 'text') (part.citations ??= []).push(delta.citation);
      return part;
  }
}

function mergeExtensions<T extends Record<string, Record<string, unknown>>>(into: T | undefined, from: T): T {
  if (!into) return cloneJson(from);
  const merged = { ...into } as Record<string, Record<string, unknown>>;
  for (const [format, fields] of Object.entries(from)) merged[format] = { ...merged[format], ...fields };
  return merged as T;
}
