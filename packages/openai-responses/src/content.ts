import type {
  AudioPart,
  ContentPart,
  FilePart,
  ImagePart,
  JsonObject,
  LossRecorder,
  RefusalPart,
  TextPart,
} from '@interlingua/core';
import { decodeAnnotation, encodeCitation } from './citations.ts';
import { attachExt, extFields, extMarkers, isObject, leftovers, type Markers, put } from './ext.ts';
import { dataUrl, isDataUrl, sourceFromUrl } from './media.ts';
import { parseWire } from './parse.ts';
import {
  wireAudioPart,
  wireFilePart,
  wireImagePart,
  wirePartBase,
  wireRefusalPart,
  wireTextPart,
} from './wire/content.ts';

/** A content part that sits inside a message item (or a tool output). */
export type MessageContent = TextPart | ImagePart | FilePart | AudioPart | RefusalPart;

const AUDIO_FORMATS: Record<string, string> = { mp3: 'audio/mpeg', wav: 'audio/wav' };

/**
 * Reads one message content part. `assistant` tells which text type is the default (`output_text`
 * for the assistant, `input_text` otherwise) so that the other spelling is remembered. Unknown part
 * types become an empty text part carrying the whole wire part, so a same-format round trip keeps it.
 */
export function decodeContentPart(
  value: unknown,
  assistant: boolean,
  path: (string | number)[],
  kind: 'request' | 'response' | 'stream' = 'request',
): MessageContent {
  const base = parseWire(wirePartBase, value, kind, path);
  switch (base.type) {
    case 'input_text':
    case 'output_text': {
      const p = parseWire(wireTextPart, value, kind, path);
      const part: TextPart = { type: 'text', text: p.text };
      if (p.annotations && p.annotations.length > 0)
        part.citations = p.annotations.map((a) => decodeAnnotation(a as JsonObject));
      const markers: Markers = {};
      if ((p.type === 'output_text') !== assistant) markers.partType = p.type;
      if (p.type === 'output_text' && p.annotations === undefined) markers.noAnnotations = true;
      return attachExt(part, leftovers(p, ['type', 'text', 'annotations']), markers);
    }
    case 'input_image': {
      const p = parseWire(wireImagePart, value, kind, path);
      const source = p.image_url
        ? sourceFromUrl(p.image_url)
        : p.file_id
          ? { type: 'file' as const, fileId: p.file_id }
          : { type: 'url' as const, url: '' };
      const part: ImagePart = { type: 'image', source };
      if (p.detail) part.detail = p.detail;
      return attachExt(part, leftovers(p, ['type', 'image_url', 'file_id', 'detail']), {
        noSource: !p.image_url && !p.file_id,
      });
    }
    case 'input_file': {
      const p = parseWire(wireFilePart, value, kind, path);
      const markers: Markers = {};
      let source: FilePart['source'];
      if (p.file_id) source = { type: 'file', fileId: p.file_id };
      else if (p.file_data && isDataUrl(p.file_data)) source = sourceFromUrl(p.file_data);
      else if (p.file_data) {
        // Some clients send bare base64; remember it so the same-format encoder writes it back bare.
        source = { type: 'base64', mediaType: 'application/octet-stream', data: p.file_data };
        markers.bareData = true;
      } else if (p.file_url) source = { type: 'url', url: p.file_url };
      else {
        source = { type: 'url', url: '' };
        markers.noSource = true;
      }
      const part: FilePart = { type: 'file', source };
      if (p.filename) part.filename = p.filename;
      const known = ['type', 'filename', p.file_id ? 'file_id' : p.file_data ? 'file_data' : 'file_url'];
      return attachExt(part, leftovers(p, known), markers);
    }
    case 'input_audio': {
      const p = parseWire(wireAudioPart, value, kind, path);
      const mediaType = AUDIO_FORMATS[p.input_audio.format] ?? `audio/${p.input_audio.format}`;
      const part: AudioPart = { type: 'audio', source: { type: 'base64', mediaType, data: p.input_audio.data } };
      return attachExt(part, leftovers(p, ['type', 'input_audio']), {
        audioFields: nonEmpty(leftovers(p.input_audio, ['data', 'format'])),
      });
    }
    case 'refusal': {
      const p = parseWire(wireRefusalPart, value, kind, path);
      return attachExt<RefusalPart>({ type: 'refusal', text: p.refusal }, leftovers(p, ['type', 'refusal']));
    }
    default:
      return attachExt<TextPart>({ type: 'text', text: '' }, {}, { raw: base as JsonObject });
  }
}

/**
 * Writes one content part of a message item (or tool output). Returns undefined, with a loss, for
 * parts Responses cannot carry there.
 */
export function encodeContentPart(
  part: ContentPart,
  assistant: boolean,
  path: (string | number)[],
  losses: LossRecorder,
): JsonObject | undefined {
  const markers = extMarkers(part);
  if (isObject(markers.raw)) return markers.raw;
  const fields = extFields(part);
  if (part.cache) losses.drop([...path, 'cache'], 'Responses has no per-part cache breakpoint', 'cache');
  switch (part.type) {
    case 'text': {
      if (part.signature)
        losses.drop([...path, 'signature'], 'a thought signature cannot ride on Responses text', 'reasoning.signature');
      const type = typeof markers.partType === 'string' ? markers.partType : assistant ? 'output_text' : 'input_text';
      const out: JsonObject = { type, ...fields, text: part.text };
      if (type === 'output_text' && !markers.noAnnotations) {
        out.annotations = (part.citations ?? []).flatMap((c, i) => {
          const a = encodeCitation(c, [...path, 'citations', i], losses);
          return a ? [a] : [];
        });
      } else if (part.citations?.length)
        losses.drop([...path, 'citations'], 'input text cannot carry citations', 'content.citations');
      return out;
    }
    case 'refusal':
      if (!assistant) {
        losses.approximate(path, 'a refusal outside assistant output is written as text', 'content.refusal');
        return { type: 'input_text', text: part.text };
      }
      return { type: 'refusal', ...fields, refusal: part.text };
    case 'image': {
      const out: JsonObject = { type: 'input_image', ...fields };
      const source = part.source;
      if (markers.noSource) {
        // nothing: the wire part had neither url nor file id
      } else if (source.type === 'base64') out.image_url = dataUrl(source.mediaType, source.data);
      else if (source.type === 'url') out.image_url = source.url;
      else if (source.type === 'file') out.file_id = source.fileId;
      else {
        losses.drop(path, 'an image given as text has no Responses form', 'content.image');
        return undefined;
      }
      put(out, 'detail', part.detail);
      return out;
    }
    case 'file': {
      const out: JsonObject = { type: 'input_file', ...fields };
      const source = part.source;
      if (markers.noSource) {
        // nothing
      } else if (source.type === 'file') out.file_id = source.fileId;
      else if (source.type === 'url') out.file_url = source.url;
      else if (source.type === 'base64') {
        out.file_data = markers.bareData ? source.data : dataUrl(source.mediaType, source.data);
        // The API requires a file name with inline data.
        if (part.filename === undefined && !markers.bareData) {
          out.filename = defaultFilename(source.mediaType);
          losses.add(
            'defaulted',
            [...path, 'filename'],
            `Responses requires a file name with inline data; ${out.filename} was written`,
            'content.file',
          );
        }
      } else {
        losses.approximate(path, 'a plain-text document is written as input text', 'content.file');
        return { type: 'input_text', text: source.text };
      }
      put(out, 'filename', part.filename);
      if (part.title !== undefined || part.context !== undefined || part.citations !== undefined)
        losses.drop(path, 'document title, context and citation settings have no Responses field', 'content.file');
      return out;
    }
    case 'audio': {
      const source = part.source;
      const format =
        source.type === 'base64'
          ? Object.entries(AUDIO_FORMATS).find(([, m]) => m === source.mediaType)?.[0]
          : undefined;
      const bare = source.type === 'base64' ? source.mediaType.replace(/^audio\//, '') : undefined;
      const own = isObject(part.extensions?.['openai-responses']);
      if (source.type !== 'base64' || (format === undefined && !own && bare !== 'mp3')) {
        losses.drop(path, 'Responses takes input audio only as base64 mp3 or wav', 'content.audio');
        return undefined;
      }
      const audioFields = isObject(markers.audioFields) ? markers.audioFields : {};
      return {
        type: 'input_audio',
        ...fields,
        input_audio: { ...audioFields, data: source.data, format: format ?? bare ?? 'wav' },
      };
    }
    default:
      return undefined;
  }
}

function defaultFilename(mediaType: string): string {
  if (mediaType === 'application/pdf') return 'document.pdf';
  const sub = mediaType.split('/')[1] ?? 'bin';
  return `file.${sub.replace(/[^a-z0-9]/gi, '') || 'bin'}`;
}

function nonEmpty(obj: JsonObject): JsonObject | undefined {
  return Object.keys(obj).length > 0 ? obj : undefined;
}
