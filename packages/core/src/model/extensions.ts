import type { JsonObject } from './json.ts';

/**
 * Provider-specific leftovers, keyed by the format that produced them.
 *
 * Every core object that mirrors a wire object has an optional `extensions` field. A decoder puts
 * the wire fields the core has no field for under its own format key; the encoder of the same
 * format merges them back, so a same-format round trip is lossless. Encoders of other formats
 * ignore foreign keys (and report what they drop through the loss channel when it matters).
 *
 * @example `{ claude: { cache_control: { type: 'ephemeral' } } }`
 */
export type Extensions = { [format: string]: JsonObject };
