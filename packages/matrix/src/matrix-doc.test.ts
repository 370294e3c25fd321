import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMatrix, WRITE_COMMAND } from './render-matrix.ts';
import { MATRIX_PATH } from './write-matrix.ts';

describe('docs/matrix.md', () => {
  it('is what the generator writes', () => {
    const current = readFileSync(MATRIX_PATH, 'utf8');
    const fresh = renderMatrix();
    expect(current === fresh, `docs/matrix.md is stale: run \`${WRITE_COMMAND}\``).toBe(true);
  });
});
