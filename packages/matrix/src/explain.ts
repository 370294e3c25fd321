import type { Difference, JsonPath } from './diff.ts';

/** A reported loss as `explained` reads it: where (a path into the converted core value, if known) and what. */
export interface PlacedLoss {
  /** Path into the canonical value, or `undefined` when the report cannot be placed there. */
  path: JsonPath | undefined;
  /** The feature name. */
  feature?: string | undefined;
  /** The loss code (`dropped`, `approximated`, `defaulted`, `stateful`). */
  code?: string | undefined;
}

/**
 * Whether a difference at `diffPath` between the canonical value before and after a conversion is
 * accounted for by `losses`. A loss at path `L` explains a difference at `D` when:
 *
 * - `L` is a prefix of `D` (the lost value, or something inside it, changed), or
 * - `D` is a prefix of `L` (a container changed because something inside it was lost), or
 * - `L` ends in an array index `i` and `D` points into the same array at an index `j ≥ i` (dropping
 *   or merging element `i` shifts the elements after it).
 *
 * Paths are compared segment by segment with `===`: string keys against keys, numeric indices
 * against indices, so `content[0]` never matches a key named `"0"`. A last segment `'*'` stands for
 * any field of the element it is in.
 */
export function explained(diffPath: JsonPath, losses: readonly PlacedLoss[]): boolean {
  return losses.some((loss) => loss.path !== undefined && covers(loss.path, diffPath));
}

/**
 * The differences `losses` do not explain. A loss reported inside an array element (a signature on
 * a part, encrypted state on a reasoning block) also explains the element itself when that element
 * vanished or became another kind of part (losing the only thing it held removes it), and an
 * `approximated` loss inside an element explains the whole element (the stand-in may sit in a
 * sibling field: a summary sent as reasoning text).
 */
export function unexplained(differences: readonly Difference[], losses: readonly PlacedLoss[]): Difference[] {
  const gone = (element: JsonPath): boolean =>
    differences.some(
      (d) =>
        (d.right === undefined && samePath(d.path, element)) ||
        (samePath(d.path, [...element, 'type']) && d.left !== d.right),
    );
  const widened: PlacedLoss[] = [...losses];
  for (const loss of losses) {
    const element = enclosingElement(loss.path);
    if (!element) continue;
    if (gone(element)) widened.push({ path: element, feature: loss.feature });
    else if (loss.code === 'approximated') widened.push({ path: [...element, '*'], feature: loss.feature });
  }
  return differences.filter((d) => !explained(d.path, widened) && !joinedAcross(d, losses));
}

/** Loss codes that take a part away or put a stand-in in its place. */
const REMOVING = new Set(['dropped', 'approximated']);

/**
 * Whether `d` is the text of a part that, on one side, absorbed the texts after it because what
 * separated them was dropped or approximated (normalisation joins adjacent text parts, and merges
 * same-role turns): the text at `…[i].text` only grew or shrank at its end, and a dropped or
 * approximated loss points at the element right after the part or after one of its enclosing
 * elements (`content[i + 1]`: a part between two texts; `messages[m + 1]`: a turn between two
 * turns of the same role), or inside it.
 */
function joinedAcross(d: Difference, losses: readonly PlacedLoss[]): boolean {
  const { path, left, right } = d;
  const index = path[path.length - 2];
  if (path[path.length - 1] !== 'text' || typeof index !== 'number') return false;
  if (typeof left !== 'string' || typeof right !== 'string') return false;
  if (!(right.startsWith(left) || left.startsWith(right))) return false;
  const after = (k: number): boolean => {
    const at = path[k];
    if (typeof at !== 'number') return false;
    const array = path.slice(0, k);
    return losses.some(
      (loss) =>
        loss.path !== undefined &&
        loss.code !== undefined &&
        REMOVING.has(loss.code) &&
        loss.path.length > k &&
        samePath(loss.path.slice(0, k), array) &&
        loss.path[k] === at + 1,
    );
  };
  return path.some((_, k) => k < path.length - 1 && after(k));
}

function enclosingElement(path: JsonPath | undefined): JsonPath | undefined {
  if (!path) return undefined;
  for (let i = path.length - 2; i >= 0; i--) if (typeof path[i] === 'number') return path.slice(0, i + 1);
  return undefined;
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function covers(loss: JsonPath, target: JsonPath): boolean {
  const shared = Math.min(loss.length, target.length);
  for (let i = 0; i < shared; i++) {
    const a = loss[i];
    const b = target[i];
    if (a === b || (a === '*' && i === loss.length - 1)) continue;
    // Same array, a later element: shifted by the loss (only at the loss's last segment).
    return i === loss.length - 1 && typeof a === 'number' && typeof b === 'number' && b >= a;
  }
  return true;
}
