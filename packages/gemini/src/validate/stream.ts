import type { StreamValidator, ValidationResult, WireEvent } from '@interlingua/core';
import { blockReasonOf, type CandidateInfo, ChunkShape, checkCandidate, checkError } from './body.ts';
import { SERVER_RESULTS } from './parts.ts';
import { createProblems, describe, isRecord, type Path } from './problems.ts';

/**
 * The `streamGenerateContent` grammar (spec §4), checked one chunk at a time. Every event (an
 * `alt=sse` `data:` payload or a JSON-array element) is a whole `GenerateContentResponse` holding
 * only the new parts, or a terminal `{error}` chunk; there are no event names and no `[DONE]`: the
 * stream ends when the body closes, after a finishReason for every candidate (or a blocked prompt).
 * Kept per candidate: whether it finished and its open Vertex streamed call, so memory is bounded
 * by the candidates, not the stream.
 */

/** Usage counts that only grow within one generation step (prompt counts are revised on the last chunk). */
const RUNNING_COUNTS = ['candidatesTokenCount', 'thoughtsTokenCount', 'totalTokenCount'] as const;
const ENVELOPE = ['responseId', 'modelVersion'] as const;

interface CandidateState {
  /** Event number of the chunk that carried its finishReason. */
  finishedAt: number | undefined;
  /** Event number of the named start of a Vertex streamed call still waiting for its last piece. */
  openCall: number | undefined;
}

/** Creates a validator for one Gemini stream (`alt=sse` events or JSON-array elements alike). */
export function createStreamValidator(): StreamValidator {
  const problems = createProblems();
  const candidates = new Map<number, CandidateState>();
  let count = 0;
  let errorAt: number | undefined;
  let blockedAt: number | undefined;
  let envelope: Record<string, unknown> | undefined;
  let usage: Record<string, number> | undefined;
  let lastChunk: { at: number; usage: boolean } | undefined;
  let verdict: ValidationResult | undefined;

  const stateOf = (choice: number): CandidateState => {
    let state = candidates.get(choice);
    if (!state) candidates.set(choice, (state = { finishedAt: undefined, openCall: undefined }));
    return state;
  };

  function checkEnvelope(chunk: Record<string, unknown>, n: number): void {
    if (!envelope) {
      envelope = { responseId: chunk.responseId, modelVersion: chunk.modelVersion, at: n };
      return;
    }
    for (const key of ENVELOPE)
      if (chunk[key] !== envelope[key])
        problems.add(
          [n, key],
          'envelope',
          `expected ${key} ${describe(envelope[key])} on every chunk (as on event ${String(envelope.at)}), got ${describe(chunk[key])}`,
        );
  }

  /** Streamed call pieces: a named start, pieces with willContinue, a last piece without it. */
  function trackCalls(candidate: CandidateInfo, state: CandidateState, at: Path, n: number): void {
    for (const [i, part] of candidate.content.parts.entries()) {
      const path = [...at, 'content', 'parts', i];
      if (part.kind === 'functionCall' && part.piece === 'fragment') {
        if (state.openCall === undefined)
          problems.add(
            path,
            'arguments-json',
            'expected a functionCall with a name and willContinue true before its partialArgs pieces, got a piece of no open call',
          );
        else if (!part.continues) state.openCall = undefined;
        continue;
      }
      if (state.openCall !== undefined) {
        problems.add(
          path,
          'arguments-json',
          `expected the functionCall started at event ${state.openCall} to finish (a piece without willContinue) first, got ${part.kind ?? 'a part'}`,
        );
        state.openCall = undefined;
      }
      if (part.kind === 'functionCall' && part.piece === 'start') state.openCall = n;
    }
  }

  function checkCandidates(chunk: Record<string, unknown>, n: number): boolean {
    let serverResult = false;
    const list = Array.isArray(chunk.candidates) ? chunk.candidates : [];
    for (const [k, raw] of list.entries()) {
      const at = [n, 'candidates', k];
      const candidate = checkCandidate(problems, raw, at, k, 'stream');
      if (!candidate) continue;
      const state = stateOf(candidate.choice);
      const parts = candidate.content.parts.length;
      if (parts > 0 && candidate.content.parts.some((p) => p.kind !== undefined && SERVER_RESULTS.has(p.kind)))
        serverResult = true;
      const ended = state.finishedAt ?? blockedAt;
      if (ended !== undefined && parts > 0)
        problems.add(
          [...at, 'content', 'parts'],
          'last-event',
          `expected no parts for candidate ${candidate.choice} after ${state.finishedAt !== undefined ? 'its finishReason' : 'the blocked prompt'} (event ${ended}), got ${parts}`,
        );
      trackCalls(candidate, state, at, n);
      if (candidate.finishReason === undefined) continue;
      if (state.finishedAt !== undefined) {
        problems.add(
          [...at, 'finishReason'],
          'last-event',
          `expected one finishReason per candidate, got another for candidate ${candidate.choice} (first at event ${state.finishedAt})`,
        );
        continue;
      }
      if (state.openCall !== undefined) {
        problems.add(
          [...at, 'finishReason'],
          'arguments-json',
          `expected the functionCall started at event ${state.openCall} to finish before the finishReason, got none`,
        );
        state.openCall = undefined;
      }
      state.finishedAt = n;
    }
    return serverResult;
  }

  /**
   * usageMetadata is a running snapshot: its output counts never go down. Absent counts are 0
   * (proto3 JSON omits zeros). A server-executed tool result (code execution) starts a new
   * generation step whose counts start afresh (fixture code-execution-stream.sse).
   */
  function checkUsage(value: unknown, n: number, restart: boolean): void {
    if (!isRecord(value)) return;
    if (restart) usage = undefined;
    const next: Record<string, number> = {};
    for (const key of RUNNING_COUNTS) {
      const count = typeof value[key] === 'number' ? value[key] : 0;
      const before = usage?.[key];
      if (before !== undefined && count < before)
        problems.add(
          [n, 'usageMetadata', key],
          'usage',
          `expected ${key} to be at least ${before} (a running snapshot never decreases), got ${value[key] === undefined ? 'missing (0)' : count}`,
        );
      next[key] = Math.max(count, before ?? 0);
    }
    usage = next;
  }

  function chunk(payload: Record<string, unknown>, n: number): void {
    checkEnvelope(payload, n);
    const restart = checkCandidates(payload, n);
    if (blockReasonOf(payload) !== undefined) blockedAt ??= n;
    checkUsage(payload.usageMetadata, n, restart);
    lastChunk = { at: n, usage: payload.usageMetadata !== undefined };
  }

  return {
    push(event: WireEvent): void {
      if (verdict) return;
      const n = count++;
      if (errorAt !== undefined) {
        problems.add([n], 'last-event', `expected nothing after the error chunk (event ${errorAt}), got another event`);
        return;
      }
      // Like the decoder, an empty payload (a keep-alive) is skipped.
      if (event.data.trim() === '') return;
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        problems.add([n], 'json', `expected a JSON payload, got ${describe(event.data)}`);
        // The usage rule looks at the last chunk; an unreadable one has already been reported.
        lastChunk = undefined;
        return;
      }
      // Any chunk with an `error` key is an error: the SDK raises on it, and nothing may follow.
      if (isRecord(payload) && payload.error !== undefined) {
        checkError(problems, payload, [n]);
        errorAt = n;
        return;
      }
      problems.schema(ChunkShape, payload, [n]);
      if (isRecord(payload)) chunk(payload, n);
      else lastChunk = undefined;
    },
    end(): ValidationResult {
      if (verdict) return verdict;
      if (errorAt === undefined) {
        for (const [choice, state] of candidates)
          if (state.openCall !== undefined)
            problems.add(
              [count],
              'arguments-json',
              `expected the functionCall of candidate ${choice} started at event ${state.openCall} to finish, got the end of the stream`,
            );
        const unfinished = [...candidates].filter(([, state]) => state.finishedAt === undefined).map(([c]) => c);
        const last = count === 0 ? 'an empty stream' : `the end of the stream after ${count} events`;
        if (blockedAt === undefined && (candidates.size === 0 || unfinished.length > 0))
          problems.add(
            [count],
            'terminator',
            candidates.size === 0
              ? `expected a chunk with a finishReason or a promptFeedback.blockReason, got ${last}`
              : `expected a chunk with a finishReason for candidate ${unfinished.join(', ')}, got ${last}`,
          );
        if (lastChunk && !lastChunk.usage)
          problems.add(
            [lastChunk.at, 'usageMetadata'],
            'usage',
            'expected usageMetadata on the last chunk (clients keep the last snapshot), got missing',
          );
      }
      verdict = problems.result();
      return verdict;
    },
  };
}

/** Validates a whole Gemini stream. */
export function validateStream(events: Iterable<WireEvent>): ValidationResult {
  const validator = createStreamValidator();
  for (const event of events) validator.push(event);
  return validator.end();
}
