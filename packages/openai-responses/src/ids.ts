/**
 * Deterministic id invention for values that come from formats without Responses item ids: the
 * same input gives the same ids, so encoded output is reproducible (tests, caches, logs).
 */
export function hashId(seed: string): string {
  // FNV-1a 32-bit, twice with different offsets, hex: short, stable, dependency-free.
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** An item id with the Responses prefix for its kind (`msg`, `fc`, `ctc`, `rs`, `ws`…), unique within one response. */
export function itemId(prefix: string, base: string, index: number): string {
  return `${prefix}_${base}${index.toString(16).padStart(2, '0')}`;
}

/** The seed of the item ids invented for a response: its id without the `resp_` prefix, cut to 24 characters. */
export function idBase(responseId: string): string {
  return responseId.replace(/^resp_/, '').slice(0, 24);
}

/**
 * True when `id` is the one this adapter invents for the item at `outputIndex` of response
 * `responseId` (real ids are longer, so an API id never matches): the decoder leaves such an id
 * out of the core value, where the source had none, and the encoder invents the same one again.
 */
export function isInventedId(id: string, prefix: string, responseId: string | undefined, outputIndex: number): boolean {
  return responseId !== undefined && id === itemId(prefix, idBase(responseId), outputIndex);
}
