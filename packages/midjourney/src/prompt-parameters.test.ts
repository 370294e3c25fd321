import { describe, expect, it } from 'vitest';
import { formatPromptParameters, parsePromptParameters } from './prompt-parameters.ts';

describe('parsePromptParameters', () => {
  it('splits text, --no and flags under neutral names', () => {
    expect(
      parsePromptParameters(
        'a cat in a hat --ar 16:9 --v 6.1 --no trees, cars --seed 123 --q .5 --s 250 --c 10 --tile',
      ),
    ).toEqual({
      text: 'a cat in a hat',
      negativePrompt: 'trees, cars',
      parameters: { aspectRatio: '16:9', version: '6.1', seed: 123, quality: 0.5, stylize: 250, chaos: 10, tile: true },
    });
  });

  it('reads aliases, --niji, --style raw, --raw, references and unknown flags', () => {
    expect(
      parsePromptParameters(
        'x --stylize 100 --chaos 5 --niji 6 --style raw --raw --weird 3 --iw 2 --sref https://a/b.png --cref https://c --foo bar',
      ),
    ).toEqual({
      text: 'x',
      parameters: {
        stylize: 100,
        chaos: 5,
        niji: '6',
        style: 'raw',
        raw: true,
        weird: 3,
        imageWeight: 2,
        styleReference: 'https://a/b.png',
        characterReference: 'https://c',
        '--foo': 'bar',
      },
    });
  });

  it('leaves prompts without flags alone and ignores dashes inside words', () => {
    expect(parsePromptParameters('well--known cat')).toEqual({ text: 'well--known cat', parameters: {} });
    expect(parsePromptParameters('--ar 1:1')).toEqual({ text: '', parameters: { aspectRatio: '1:1' } });
  });
});

describe('formatPromptParameters', () => {
  it('writes the short flags, --no last, and skips what is not a flag', () => {
    expect(
      formatPromptParameters('a cat', { aspectRatio: '16:9', tile: true, size: '1280x720', '--foo': 'bar' }, 'dogs'),
    ).toBe('a cat --ar 16:9 --tile --foo bar --no dogs');
  });

  it('parses back what it writes', () => {
    const params = { aspectRatio: '2:3', version: '7', seed: 42, stylize: 50, tile: true };
    expect(parsePromptParameters(formatPromptParameters('a dog', params, 'cats'))).toEqual({
      text: 'a dog',
      parameters: params,
      negativePrompt: 'cats',
    });
  });
});
