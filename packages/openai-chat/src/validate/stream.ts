import type { StreamValidator, ValidationResult, WireEvent } from '@interlingua/core';
import { z } from 'zod';
import { ChatWireChunkSchema, ChatWireDeltaSchema, ChatWireToolCallDeltaSchema } from '../wire/response.ts';
import { checkArguments, checkError, checkFinishReason, checkUsage } from './body.ts';
import { createProblems, describe, isRecord, type Path } from './problems.ts';

/**
 * The Chat Completions SSE grammar (spec §4.1), checked one event at a time:
 *
 *   chunk+ [usage chunk] [choices-free chunks] data: [DONE]      (or an `{error}` payload last)
 *
 * where every choice opens with `delta.role: "assistant"`, streams its tool calls keyed by
 * `index` (the first fragment names the call, later ones carry arguments only), and closes with
 * exactly one chunk carrying its `finish_reason`. Only open tool calls are kept (their argument
 * text until the choice finishes), so memory is bounded by the open calls.
 */

/** Options of `createStreamValidator` and `validateStream`. */
export interface ValidateStreamOptions {
  /**
   * Require the usage chunk (`choices: []`, `usage` set) after the finish chunks, as a request with
   * `stream_options.include_usage` gets. Default false: a usage chunk is then allowed, not required.
   */
  includeUsage?: boolean;
  /**
   * Require `data: [DONE]` last. Default true; false tolerates its absence (recordings stored one
   * chunk per line, servers that close the connection instead).
   */
  requireDone?: boolean;
}

const ToolCallDelta = ChatWireToolCallDeltaSchema.extend({ index: z.number().int().nonnegative() });
const Delta = ChatWireDeltaSchema.extend({
  role: z.literal('assistant').nullish(),
  tool_calls: z.array(ToolCallDelta).nullish(),
});
const WireChoice = ChatWireChunkSchema.shape.choices.unwrap().unwrap().element;
const Choice = WireChoice.extend({ index: z.number().int().nonnegative(), delta: Delta });

/** A chunk with the envelope OpenAI sends on every chunk (the wire schema lets compatible servers omit it). */
const Chunk = ChatWireChunkSchema.extend({
  id: z.string(),
  object: z.literal('chat.completion.chunk'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(Choice),
});

type LenientChunk = z.output<typeof ChatWireChunkSchema>;
type LenientChoice = NonNullable<LenientChunk['choices']>[number];

/** Fields of the envelope that must not change from chunk to chunk. */
const ENVELOPE = ['id', 'model', 'created'] as const;

interface Call {
  /** `function` or `custom` (from the first fragment); anything else is reported there. */
  type: string | undefined;
  /** Concatenated `function.arguments` / `custom.input` fragments. */
  text: string;
  /** The event number of the first fragment. */
  startedAt: number;
}

interface ChoiceState {
  /** The event number of the finish chunk, once it has arrived. */
  finishedAt?: number;
  /** Open tool calls by `index`, dropped when the choice finishes. */
  calls: Map<number, Call>;
  /** The index the next new tool call must have. */
  nextTool: number;
  /** The choice streamed a (deprecated) `function_call`. */
  functionCall: boolean;
}

/** Creates a validator for one Chat Completions SSE stream. */
export function createStreamValidator(options: ValidateStreamOptions = {}): StreamValidator {
  const problems = createProblems();
  const requireDone = options.requireDone ?? true;
  const choices = new Map<number, ChoiceState>();
  const envelope: Partial<Record<(typeof ENVELOPE)[number], { value: unknown; at: number }>> = {};
  let count = 0;
  let chunks = 0;
  let usageAt: number | undefined;
  let terminal: '[DONE]' | 'the error event' | undefined;
  let verdict: ValidationResult | undefined;

  /** What a finished stream owes: a chunk, every choice finished, the usage chunk when requested. */
  function closing(n: number, before: string): void {
    if (chunks === 0) problems.add([n], 'first-event', `expected at least one chat.completion.chunk, got ${before}`);
    for (const [index, state] of choices)
      if (state.finishedAt === undefined)
        problems.add(
          [n],
          'last-event',
          `expected a finish chunk (finish_reason set) for choice ${index}, got ${before}`,
        );
    if (options.includeUsage && usageAt === undefined)
      problems.add(
        [n],
        'usage',
        `expected a usage chunk (choices: [], usage set) after the finish chunks, as include_usage asks, got ${before}`,
      );
  }

  function checkEnvelope(chunk: LenientChunk, n: number): void {
    for (const key of ENVELOPE) {
      const value = chunk[key];
      if (value === undefined || value === null) continue;
      const seen = envelope[key];
      if (seen !== undefined && seen.value !== value)
        problems.add(
          [n, key],
          'envelope',
          `expected ${key} ${describe(seen.value)} (as on event ${seen.at}), got ${describe(value)}`,
        );
      // Resynchronise on the new value so that one change is reported once, not on every later chunk.
      envelope[key] = { value, at: n };
    }
  }

  function toolCall(state: ChoiceState, choice: number, raw: unknown, path: Path, n: number): void {
    if (!isRecord(raw) || typeof raw.index !== 'number') return;
    const fn = isRecord(raw.function) ? raw.function : undefined;
    const custom = isRecord(raw.custom) ? raw.custom : undefined;
    const index = raw.index;
    let call = state.calls.get(index);
    if (!call) {
      if (index !== state.nextTool)
        problems.add(
          [...path, 'index'],
          'block-index',
          `expected tool call index ${state.nextTool} (indices count up from 0 per choice), got ${index}`,
        );
      state.nextTool = Math.max(state.nextTool, index + 1);
      const type = typeof raw.type === 'string' ? raw.type : undefined;
      const first = `on the first fragment of tool call ${index} of choice ${choice}`;
      if (typeof raw.id !== 'string' || raw.id === '')
        problems.add([...path, 'id'], 'schema', `expected an id ${first}, got ${describe(raw.id)}`);
      if (type !== 'function' && type !== 'custom')
        problems.add(
          [...path, 'type'],
          'schema',
          `expected type "function" or "custom" ${first}, got ${describe(raw.type)}`,
        );
      const name = type === 'custom' ? custom?.name : fn?.name;
      const where = type === 'custom' ? 'custom' : 'function';
      if (typeof name !== 'string' || name === '')
        problems.add([...path, where, 'name'], 'schema', `expected ${where}.name ${first}, got ${describe(name)}`);
      call = { type, text: '', startedAt: n };
      state.calls.set(index, call);
    } else {
      // Clients take the id, type and name from the first fragment; a later one naming the call again is ambiguous.
      const again: [Path, unknown][] = [
        [['id'], raw.id],
        [['type'], raw.type],
        [['function', 'name'], fn?.name],
        [['custom', 'name'], custom?.name],
      ];
      for (const [at, value] of again)
        if (value !== undefined && value !== null)
          problems.add(
            [...path, ...at],
            'schema',
            `expected only arguments on a later fragment of tool call ${index} (it started at event ${call.startedAt}), got ${at.join('.')} ${describe(value)}`,
          );
    }
    const text = call.type === 'custom' ? custom?.input : fn?.arguments;
    if (typeof text === 'string') call.text += text;
  }

  function finish(state: ChoiceState, choice: LenientChoice, path: Path, n: number): void {
    const reason = choice.finish_reason;
    if (typeof reason !== 'string') return;
    if (reason === '') {
      problems.add([...path, 'finish_reason'], 'finish-reason', 'expected a finish reason or null, got ""');
      return;
    }
    state.finishedAt = n;
    checkFinishReason(
      problems,
      reason,
      { tools: state.nextTool, functionCall: state.functionCall },
      [...path, 'finish_reason'],
      choice.index,
    );
    for (const [index, call] of state.calls)
      if (call.type === 'function')
        checkArguments(
          problems,
          call.text,
          reason,
          [...path, 'finish_reason'],
          `tool call ${index} of choice ${choice.index} (started at event ${call.startedAt})`,
        );
    state.calls.clear();
  }

  function handleChoice(choice: LenientChoice, raw: unknown, path: Path, n: number): void {
    const delta = isRecord(raw) && isRecord(raw.delta) ? raw.delta : {};
    let state = choices.get(choice.index);
    if (!state) {
      state = { calls: new Map(), nextTool: 0, functionCall: false };
      choices.set(choice.index, state);
      if (typeof delta.role !== 'string')
        problems.add(
          [...path, 'delta', 'role'],
          'first-event',
          `expected delta.role "assistant" on the first chunk of choice ${choice.index}, got ${describe(delta.role)}`,
        );
    }
    if (usageAt !== undefined)
      problems.add(
        path,
        'usage',
        `expected the usage chunk (event ${usageAt}) after every choice chunk, got choice ${choice.index} after it`,
      );
    if (state.finishedAt !== undefined) {
      const fields = Object.keys(delta).filter((key) => delta[key] !== null && delta[key] !== undefined);
      const what = [
        ...fields.map((key) => `delta.${key}`),
        ...(typeof choice.finish_reason === 'string' ? ['another finish_reason'] : []),
      ];
      if (what.length > 0)
        problems.add(
          path,
          'last-event',
          `expected nothing for choice ${choice.index} after its finish chunk (event ${state.finishedAt}), got ${what.join(', ')}`,
        );
      return;
    }
    if (isRecord(delta.function_call)) state.functionCall = true;
    if (Array.isArray(delta.tool_calls))
      delta.tool_calls.forEach((call, j) => {
        toolCall(state, choice.index, call, [...path, 'delta', 'tool_calls', j], n);
      });
    finish(state, choice, path, n);
  }

  function usageChunk(usage: unknown, n: number): void {
    if (usageAt !== undefined) {
      problems.add([n, 'usage'], 'usage', `expected one usage chunk, got another (the first was event ${usageAt})`);
      return;
    }
    usageAt = n;
    const open = [...choices].filter(([, state]) => state.finishedAt === undefined).map(([index]) => index);
    if (open.length > 0)
      problems.add(
        [n],
        'usage',
        `expected the usage chunk after every choice's finish chunk, got it while choice ${open.join(', ')} is unfinished`,
      );
    checkUsage(problems, usage, [n, 'usage']);
  }

  function handleChunk(payload: unknown, n: number): void {
    // Azure's `prompt_filter_results` chunk (empty id, model and object) precedes the stream proper.
    if (isRecord(payload) && payload.prompt_filter_results !== undefined && isEmptyArray(payload.choices)) {
      problems.schema(ChatWireChunkSchema, payload, [n]);
      return;
    }
    problems.schema(Chunk, payload, [n]);
    // The grammar runs on what the lenient wire schema reads, so that one wrong field does not hide the rest.
    const lenient = ChatWireChunkSchema.safeParse(payload);
    if (!lenient.success || !isRecord(payload)) return;
    chunks++;
    checkEnvelope(lenient.data, n);
    const list = lenient.data.choices ?? [];
    const raw = Array.isArray(payload.choices) ? payload.choices : [];
    list.forEach((choice, i) => {
      handleChoice(choice, raw[i], [n, 'choices', i], n);
    });
    if (list.length === 0 && payload.usage !== undefined && payload.usage !== null) usageChunk(payload.usage, n);
  }

  return {
    push(event: WireEvent): void {
      if (verdict) return;
      const n = count++;
      const data = event.data.trim();
      if (terminal !== undefined) {
        // Servers that end an errored stream with [DONE] anyway are harmless: the SDK stopped at the error.
        if (!(terminal === 'the error event' && data === '[DONE]'))
          problems.add([n], 'last-event', `expected nothing after ${terminal}, got ${describe(event.data)}`);
        return;
      }
      if (event.event !== undefined)
        problems.add(
          [n],
          'event-name',
          `expected a data-only event (Chat streams name none), got "event: ${event.event}"`,
        );
      if (data === '[DONE]') {
        closing(n, 'none before [DONE]');
        terminal = '[DONE]';
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        problems.add([n], 'json', `expected a JSON chunk or [DONE], got ${describe(event.data)}`);
        return;
      }
      if (isRecord(payload) && payload.error !== undefined && payload.error !== null) {
        checkError(problems, payload, [n]);
        terminal = 'the error event';
        return;
      }
      handleChunk(payload, n);
    },
    end(): ValidationResult {
      if (verdict) return verdict;
      if (terminal === undefined) {
        const last = count === 0 ? 'an empty stream' : `the end of the stream after ${count} events`;
        closing(count, last);
        if (requireDone) problems.add([count], 'terminator', `expected data: [DONE] last, got ${last}`);
      }
      verdict = problems.result();
      return verdict;
    },
  };
}

/** Validates a whole Chat Completions SSE stream. */
export function validateStream(events: Iterable<WireEvent>, options?: ValidateStreamOptions): ValidationResult {
  const validator = createStreamValidator(options);
  for (const event of events) validator.push(event);
  return validator.end();
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}
