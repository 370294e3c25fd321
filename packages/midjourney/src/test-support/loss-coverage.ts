import type { Loss } from '@interlingua/core';
import { jsonEqual } from '@interlingua/core';
import { expect } from 'vitest';

/** Asserts that every top-level field that did not survive a round trip is named by a loss. */
export function expectLossesCover(original: object, back: object, losses: Loss[]): void {
  const after = back as Record<string, unknown>;
  for (const [key, value] of Object.entries(original)) {
    if (key === 'extensions' || value === undefined || jsonEqual(value, after[key])) continue;
    expect(
      losses.some((loss) => loss.path[0] === key),
      `${key} changed without a loss`,
    ).toBe(true);
  }
}
