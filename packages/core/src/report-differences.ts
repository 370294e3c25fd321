import { jsonEqual } from './field-mapping.ts';
import type { JsonObject } from './model/json.ts';
import type { LossRecorder } from './model/loss-recorder.ts';

/** Loss feature name of each compared field. */
export type FeatureNames<T> = Partial<Record<keyof T & string, string>>;

/**
 * Reports, field by field, what did not survive an encode: `back` is the encoded body decoded
 * again. A field missing from `back` was dropped; one that changed was approximated. Fields in
 * `skip` were already reported with a more precise message; `parameters` is compared per key.
 */
export function reportDifferences<T extends object>(
  losses: LossRecorder,
  original: T,
  back: T,
  features: FeatureNames<T>,
  skip: ReadonlySet<string> = new Set(),
): void {
  for (const [key, feature] of Object.entries(features) as [keyof T & string, string][]) {
    if (skip.has(key)) continue;
    const before = original[key];
    const after = back[key];
    if (before === undefined || jsonEqual(before, after)) continue;
    if (key === 'parameters') {
      reportParameters(losses, before as JsonObject, (after ?? {}) as JsonObject, skip);
      continue;
    }
    if (after === undefined) losses.drop([key], `${key} has no place in this body`, feature);
    else losses.approximate([key], `${key} is written approximately`, feature);
  }
}

function reportParameters(
  losses: LossRecorder,
  before: JsonObject,
  after: JsonObject,
  skip: ReadonlySet<string>,
): void {
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined || skip.has(`parameters.${name}`) || jsonEqual(value, after[name])) continue;
    if (after[name] === undefined)
      losses.drop(['parameters', name], `parameter ${name} has no place in this body`, `parameters.${name}`);
    else losses.approximate(['parameters', name], `parameter ${name} is written approximately`, `parameters.${name}`);
  }
}
