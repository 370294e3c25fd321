import type { JsonValue, TokenLogprob } from '@interlingua/core';
import { isObject } from './ext.ts';

/** Reads the `logprobs` of an `output_text.delta` event; undefined when empty. */
export function decodeLogprobs(value: unknown[] | null | undefined): TokenLogprob[] | undefined {
  if (!value || value.length === 0) return undefined;
  return value.flatMap((entry) => {
    if (!isObject(entry) || typeof entry.token !== 'string' || typeof entry.logprob !== 'number') return [];
    const out: TokenLogprob = { token: entry.token, logprob: entry.logprob };
    // The encoder writes `[]` for absent bytes / alternatives (the fields are required): empty reads as absent.
    if (Array.isArray(entry.bytes) && entry.bytes.length > 0) out.bytes = entry.bytes as number[];
    if (Array.isArray(entry.top_logprobs) && entry.top_logprobs.length > 0)
      out.topLogprobs = entry.top_logprobs.flatMap((t) =>
        isObject(t) && typeof t.token === 'string' && typeof t.logprob === 'number'
          ? [
              {
                token: t.token,
                logprob: t.logprob,
                ...(Array.isArray(t.bytes) && t.bytes.length > 0 ? { bytes: t.bytes as number[] } : {}),
              },
            ]
          : [],
      );
    return [out];
  });
}

/** Writes token logprobs as an `output_text.delta` event carries them (always an array). */
export function encodeLogprobs(logprobs: TokenLogprob[] | undefined): JsonValue[] {
  if (!logprobs) return [];
  return logprobs.map((l) => ({
    token: l.token,
    logprob: l.logprob,
    bytes: l.bytes ?? [],
    top_logprobs: (l.topLogprobs ?? []).map((t) => ({ token: t.token, logprob: t.logprob, bytes: t.bytes ?? [] })),
  }));
}
