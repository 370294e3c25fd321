import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect } from '@interlingua/core';
import { errorLossFeatures, streamErrorLossFeatures } from '@interlingua/core/testing';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder, decodeRequest, encodeResponse, openaiResponses } from './index.ts';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

// The one feature written as a template: the media kind of the part (image, audio, file, tool-result).
const MEDIA_FEATURE = ['`content.', '$', '{part.type}`'].join('');

/** Feature names in loss calls of the sources (`content.${part.type}` stands for the media kinds it is reached with). */
function codeFeatures(): Set<string> {
  const features = new Set<string>();
  // Validators report rules, not losses: only the codec sources count.
  for (const file of readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = readFileSync(join(import.meta.dirname, file), 'utf8');
    for (const call of source.matchAll(/(\.?)(?:drop|approximate|add)\(([\s\S]*?)\);/g)) {
      const args = call[2] ?? '';
      if (args.includes(MEDIA_FEATURE)) {
        for (const kind of ['image', 'audio', 'file', 'tool-result']) features.add(`content.${kind}`);
        continue;
      }
      const literals = [...args.matchAll(/'([A-Za-z][\w.-]*)'/g)].map((m) => m[1] ?? '');
      // `drop(field, feature, what)` is reportUnsupported's local helper: the feature is its second argument.
      if (call[1] === '') {
        if (literals[1]) features.add(literals[1]);
        continue;
      }
      const alternatives = [...args.matchAll(/[?:] '([a-z][a-z.-]*)'/g)].map((m) => m[1] ?? '');
      for (const feature of [literals[literals.length - 1], ...alternatives])
        if (feature && feature !== 'stateful') features.add(feature);
    }
  }
  return features;
}

describe('README', () => {
  it('lists exactly the loss features the code reports', () => {
    const section = readme.slice(readme.indexOf('## Lossy'), readme.indexOf('## Validation'));
    const listed = new Set(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '')),
    );
    // Errors report through core's reportErrorLosses (by reading what was written back): those features are measured.
    const reported = new Set([
      ...codeFeatures(),
      ...errorLossFeatures(openaiResponses.error),
      ...streamErrorLossFeatures(openaiResponses.stream.createEncoder),
    ]);
    expect([...listed].sort()).toEqual([...reported].sort());
  });

  it('runs its example', () => {
    const { value: request, losses } = decodeRequest({ model: 'gpt-5', instructions: 'Be brief.', input: 'Hi!' });
    expect([request.messages.length, losses]).toEqual([2, []]);
    const decoder = createStreamDecoder();
    const events = [
      {
        data: '{"type":"response.created","sequence_number":0,"response":{"id":"resp_1","status":"in_progress","output":[]}}',
      },
    ].flatMap((wire) => decoder.push(wire));
    expect(encodeResponse(collect([...events, ...decoder.end()])).value).toMatchObject({
      id: 'resp_1',
      status: 'failed',
    });
  });
});
