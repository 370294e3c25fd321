import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The key a client presented, in any of the conventions of the four formats: `Authorization:
 * Bearer`, `x-api-key` (Anthropic), `x-goog-api-key` or `?key=` (Gemini). Any convention is accepted
 * on any route, as new-api does, so a client configured for one provider works everywhere.
 */
export function presentedKey(req: IncomingMessage, url: URL): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  const header = req.headers['x-api-key'] ?? req.headers['x-goog-api-key'];
  if (typeof header === 'string' && header !== '') return header;
  return url.searchParams.get('key') ?? undefined;
}

/** Whether the request may pass: no keys configured means no client auth. Compared in constant time. */
export function isAuthorized(keys: readonly string[], req: IncomingMessage, url: URL): boolean {
  if (keys.length === 0) return true;
  const presented = presentedKey(req, url);
  if (presented === undefined) return false;
  const given = Buffer.from(presented);
  let ok = false;
  for (const key of keys) {
    const expected = Buffer.from(key);
    // Compare every key, so the time taken does not reveal which one (or whether any) matched.
    if (expected.length === given.length && timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
