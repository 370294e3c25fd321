import { describe, expect, it } from 'vitest';
import { parseCustomId } from './custom-id.ts';

describe('parseCustomId', () => {
  it.each([
    ['MJ::JOB::upsample::2::abc-123', { action: 'upscale', index: 2, verb: 'upsample', hash: 'abc-123' }],
    ['MJ::JOB::variation::4::h', { action: 'variation', index: 4, verb: 'variation', hash: 'h' }],
    ['MJ::JOB::reroll::0::h::SOLO', { action: 'reroll', verb: 'reroll', hash: 'h' }],
    ['MJ::JOB::low_variation::1::h::SOLO', { action: 'variation', index: 1, verb: 'low_variation', hash: 'h' }],
    ['MJ::JOB::high_variation::1::h::SOLO', { action: 'variation', index: 1, verb: 'high_variation', hash: 'h' }],
    ['MJ::Inpaint::1::h::SOLO', { action: 'edit', index: 1, verb: 'Inpaint', hash: 'h' }],
    ['MJ::Outpaint::50::1::h::SOLO', { action: 'zoom', index: 1, verb: 'Outpaint', hash: 'h' }],
    ['MJ::Outpaint::75::1::h::SOLO', { action: 'zoom', index: 1, verb: 'Outpaint', hash: 'h' }],
    ['MJ::CustomZoom::1::h', { action: 'zoom', index: 1, verb: 'CustomZoom', hash: 'h' }],
    ['MJ::JOB::pan_left::1::h::SOLO', { action: 'pan', index: 1, verb: 'pan_left', hash: 'h' }],
    ['MJ::JOB::pan_down::1::h::SOLO', { action: 'pan', index: 1, verb: 'pan_down', hash: 'h' }],
    [
      'MJ::JOB::upsample_v6_2x_subtle::1::h::SOLO',
      { action: 'upscale', index: 1, verb: 'upsample_v6_2x_subtle', hash: 'h' },
    ],
    [
      'MJ::JOB::upsample_v7_2x_creative::1::h::SOLO',
      { action: 'upscale', index: 1, verb: 'upsample_v7_2x_creative', hash: 'h' },
    ],
    [
      'MJ::JOB::animate_high_extend::1::h::SOLO',
      { action: 'animate', index: 1, verb: 'animate_high_extend', hash: 'h' },
    ],
    ['MJ::Job::PicReader::3', { action: 'generate', index: 3, verb: 'PicReader' }],
    ['MJ::Picread::Retry', { action: 'describe', verb: 'Picread' }],
  ])('%s', (id, expected) => {
    expect(parseCustomId(id)).toEqual(expected);
  });

  it('returns undefined for ids it does not know', () => {
    expect(parseCustomId('MJ::BOOKMARK::h')).toBeUndefined();
    expect(parseCustomId('upsample::1')).toBeUndefined();
    expect(parseCustomId('')).toBeUndefined();
  });
});
