/** A JSON path: object keys and array indices. */
export type JsonPath = readonly (string | number)[];

/** One place where two values differ. */
export interface Difference {
  /** Where, as a path into both values. */
  path: JsonPath;
  /** The value on the left (`undefined` when absent). */
  left: unknown;
  /** The value on the right (`undefined` when absent). */
  right: unknown;
}

/**
 * Lists the leaf paths where `left` and `right` differ. Objects are compared key by key (a key
 * holding `undefined` counts as absent), arrays index by index (a missing element is a difference
 * at its index); anything else is compared with `Object.is`. A difference is reported at the
 * deepest path where the two stop having the same shape, so a dropped part shows as one path.
 */
export function diff(left: unknown, right: unknown, path: JsonPath = []): Difference[] {
  if (Object.is(left, right)) return [];
  if (Array.isArray(left) && Array.isArray(right)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      if (i >= left.length || i >= right.length) out.push({ path: [...path, i], left: left[i], right: right[i] });
      else out.push(...diff(left[i], right[i], [...path, i]));
    }
    return out;
  }
  if (isRecord(left) && isRecord(right)) {
    const out: Difference[] = [];
    const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
    for (const key of [...keys].sort()) {
      const a = left[key];
      const b = right[key];
      if (a === undefined || b === undefined) {
        if (a !== b) out.push({ path: [...path, key], left: a, right: b });
      } else out.push(...diff(a, b, [...path, key]));
    }
    return out;
  }
  return [{ path, left, right }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Writes a path for humans: `messages[2].content[0]`. */
export function showPath(path: JsonPath): string {
  let out = '';
  for (const segment of path)
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out === '' ? '(root)' : out;
}
