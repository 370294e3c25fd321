/**
 * A deep copy of JSON-shaped data (the canonical model and parsed wire bodies): plain objects,
 * arrays and primitives. It is many times faster than `structuredClone` on the small objects adapters
 * copy per event (usage, content parts), which goes through the serializer. Anything else (a class
 * instance, a typed array) is handed to `structuredClone`. `undefined` members are kept, as
 * `structuredClone` keeps them.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneJson(value[i]);
    return copy as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = cloneJson((value as Record<string, unknown>)[key]);
    // JSON.parse makes `__proto__` an own member; an assignment would set the copy's prototype instead.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: member, enumerable: true, writable: true, configurable: true });
    else copy[key] = member;
  }
  return copy as T;
}
