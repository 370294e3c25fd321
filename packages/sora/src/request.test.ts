import { UnsupportedError } from '@interlingua/core';
import { describe, expect, it } from 'vitest';
import { contentPath, contentResults, parseContentPath } from './content.ts';
import { decodeMultipartFields, encodeMultipartFields } from './multipart.ts';
import { decodeRequest, encodeRequest, requestPath } from './request.ts';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('create and remix bodies', () => {
  it('reads a JSON create with an image_url reference', () => {
    const wire = {
      prompt: 'a cat',
      model: 'sora-2',
      seconds: '8',
      size: '1280x720',
      input_reference: { image_url: 'https://x/cat.png' },
    };
    const { value } = decodeRequest(wire);
    expect(value).toEqual({
      kind: 'video',
      action: 'generate',
      prompt: 'a cat',
      model: 'sora-2',
      parameters: { seconds: 8, size: '1280x720' },
      references: [{ source: { type: 'url', url: 'https://x/cat.png' }, role: 'first-frame' }],
    });
    expect(encodeRequest(value)).toEqual({ value: wire, losses: [] });
    expect(requestPath(value)).toBe('/v1/videos');
  });

  it("accepts new-api's bare string input_reference", () => {
    const wire = { prompt: 'x', input_reference: 'https://x/first.png' };
    const { value } = decodeRequest(wire);
    expect(value.references).toEqual([{ source: { type: 'url', url: 'https://x/first.png' }, role: 'first-frame' }]);
    expect(encodeRequest(value).value).toEqual(wire);
  });

  it('reads a remix on its parent id', () => {
    const { value } = decodeRequest({ prompt: 'make it night' }, { endpoint: 'remix', videoId: 'video_1' });
    expect(value).toEqual({ kind: 'video', action: 'remix', prompt: 'make it night', parentTaskId: 'video_1' });
    expect(requestPath(value)).toBe('/v1/videos/video_1/remix');
    expect(encodeRequest(value).value).toEqual({ prompt: 'make it night' });
  });

  it('reports what Sora cannot take from a Midjourney-style request', () => {
    const { value, losses } = encodeRequest({
      kind: 'image',
      action: 'generate',
      prompt: 'a cat',
      negativePrompt: 'dogs',
      model: 'midjourney',
      parameters: { aspectRatio: '16:9', stylize: 100 },
      references: [
        { source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw==' }, role: 'input' },
        { source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' }, role: 'input' },
      ],
      state: 's',
    });
    expect(value).toEqual({
      prompt: 'a cat',
      model: 'midjourney',
      size: '1280x720',
      input_reference: { image_url: 'data:image/png;base64,iVBORw==' },
    });
    expect(losses.map((loss) => loss.feature).sort()).toEqual([
      'kind',
      'negative-prompt',
      'parameters.aspectRatio',
      'parameters.stylize',
      'references',
      'state',
    ]);
  });

  it('throws UnsupportedError in strict mode', () => {
    expect(() =>
      encodeRequest({ kind: 'video', action: 'generate', prompt: 'x', negativePrompt: 'y' }, { strict: true }),
    ).toThrow(UnsupportedError);
  });
});

describe('multipart', () => {
  it('decodes an input_reference file into a base64 first frame and writes it back', () => {
    const fields = {
      prompt: 'a cat',
      seconds: '4',
      input_reference: { filename: 'cat.png', mediaType: 'image/png', data: png },
    };
    const { value } = decodeMultipartFields(fields);
    expect(value.references).toEqual([
      { source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw==' }, role: 'first-frame' },
    ]);
    expect(encodeMultipartFields(value).value).toEqual(fields);
    // The same request as JSON: a data URL, no trace of the file name.
    expect(encodeRequest(value).value).toEqual({
      prompt: 'a cat',
      seconds: '4',
      input_reference: { image_url: 'data:image/png;base64,iVBORw==' },
    });
  });

  it("nests the SDK's flattened object fields", () => {
    const { value } = decodeMultipartFields({ prompt: 'x', 'input_reference[file_id]': 'file_1' });
    expect(value.references).toEqual([{ source: { type: 'file', fileId: 'file_1' }, role: 'first-frame' }]);
    expect(encodeMultipartFields(value).value).toEqual({ prompt: 'x', 'input_reference[file_id]': 'file_1' });
  });
});

describe('content variants', () => {
  it('maps paths and variants both ways', () => {
    expect(contentPath('video_1')).toBe('/v1/videos/video_1/content');
    expect(contentPath('video_1', 'thumbnail')).toBe('/v1/videos/video_1/content?variant=thumbnail');
    expect(parseContentPath('https://api.openai.com/v1/videos/video_1/content?variant=spritesheet')).toEqual({
      videoId: 'video_1',
      variant: 'spritesheet',
    });
    expect(parseContentPath('/v1/videos/video_1/content')).toEqual({ videoId: 'video_1', variant: 'video' });
    expect(parseContentPath('/v1/videos/video_1/content?variant=gif')).toBeUndefined();
    expect(contentResults('video_1', 'https://api.openai.com').map((r) => [r.variant, r.mediaType])).toEqual([
      ['video', 'video/mp4'],
      ['thumbnail', 'image/webp'],
      ['spritesheet', 'image/jpeg'],
    ]);
  });
});
