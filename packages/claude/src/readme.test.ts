import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorLossFeatures, streamErrorLossFeatures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { claude } from './index.ts';
import { LOSS_FEATURES } from './test-support/features.ts';

describe('README', () => {
  it('lists exactly the loss features the code reports', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Lossy'), readme.indexOf('Normalisations'));
    const listed = section
      .split('\n')
      .filter((line) => line.startsWith('- `'))
      .flatMap((line) => [...line.slice(0, line.indexOf(':')).matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    expect([...listed].sort()).toEqual([...LOSS_FEATURES].sort());
  });

  it('names features the code actually uses', () => {
    const sources = [
      'content-encode.ts',
      'messages-encode.ts',
      'output-format.ts',
      'reasoning.ts',
      'request.ts',
      'response.ts',
      'stream-blocks.ts',
      'stream-encoder.ts',
      'tools.ts',
      'usage.ts',
    ]
      .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
      .join('\n');
    // Error bodies report through core's reportErrorLosses (by reading the body back): those features are measured.
    const errors = new Set([
      ...errorLossFeatures(claude.error),
      ...streamErrorLossFeatures(claude.stream.createEncoder),
    ]);
    for (const feature of LOSS_FEATURES)
      if (feature.startsWith('error.')) expect(errors).toContain(feature);
      else expect(sources).toContain(`'${feature}'`);
    for (const feature of errors) expect(LOSS_FEATURES).toContain(feature);
  });
});
