import type { JsonObject, TokenLogprob } from '@interlingua/core';
import type { ChatWireTokenLogprob } from './wire/response.ts';

/** Reads Chat `TokenLogprob` entries into the core's shape. */
export function decodeLogprobs(entries: readonly ChatWireTokenLogprob[]): TokenLogprob[] {
  return entries.map((entry) => {
    const out: TokenLogprob = { token: entry.token, logprob: entry.logprob };
    if (entry.bytes !== undefined) out.bytes = entry.bytes;
    if (entry.top_logprobs) {
      out.topLogprobs = entry.top_logprobs.map((top) => {
        const alt: { token: string; logprob: number; bytes?: number[] | null } = {
          token: top.token,
          logprob: top.logprob,
        };
        if (top.bytes !== undefined) alt.bytes = top.bytes;
        return alt;
      });
    }
    return out;
  });
}

/** Writes core token logprobs as Chat entries (fields the core value lacks stay absent, so a round trip is exact). */
export function encodeLogprobs(entries: readonly TokenLogprob[]): JsonObject[] {
  return entries.map((entry) => {
    const out: JsonObject = { token: entry.token, logprob: entry.logprob };
    if (entry.bytes !== undefined) out.bytes = entry.bytes;
    if (entry.topLogprobs) {
      out.top_logprobs = entry.topLogprobs.map((top) => {
        const alt: JsonObject = { token: top.token, logprob: top.logprob };
        if (top.bytes !== undefined) alt.bytes = top.bytes;
        return alt;
      });
    }
    return out;
  });
}
