import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceFromString, sourceToString } from './data-url.ts';

describe('image strings', () => {
  it('reads data URLs, http(s) URLs and bare base64, and writes them back as they were', () => {
    expect(sourceFromString('data:image/png;base64,iVBO')).toEqual({
      type: 'base64',
      mediaType: 'image/png',
      data: 'iVBO',
    });
    expect(sourceFromString('https://x.test/a.png')).toEqual({ type: 'url', url: 'https://x.test/a.png' });
    expect(sourceFromString('iVBO')).toEqual({ type: 'base64', mediaType: 'application/octet-stream', data: 'iVBO' });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.base64String().map((data) => `data:image/webp;base64,${data}`),
          fc.webUrl(),
          fc.base64String().filter((data) => !/^https?:\/\//i.test(data)),
        ),
        (text) => {
          expect(sourceToString(sourceFromString(text))).toBe(text);
        },
      ),
    );
  });

  it('has no string for sources that cannot be one', () => {
    expect(sourceToString({ type: 'file', fileId: 'file_1' } as never)).toBeUndefined();
  });
});
