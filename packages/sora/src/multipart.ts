import {
  type Converted,
  type ConvertOptions,
  describeValue,
  type JsonObject,
  type JsonValue,
  type MediaRequest,
  WireFormatError,
} from '@interlingua/core';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { decodeRequest, encodeRequest, MULTIPART_KEY, type SoraRequestOptions } from './request.ts';

const FORMAT = 'sora';

/** A file part of a multipart body. */
export interface MultipartFile {
  /** The part's file name. */
  filename?: string;
  /** The part's Content-Type. */
  mediaType: string;
  /** The bytes. */
  data: Uint8Array;
}

/** One multipart field: text or a file. */
export type MultipartValue = string | MultipartFile;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
};

/**
 * Decodes a multipart create (or remix) body already split into fields by the gateway. The
 * `input_reference` file becomes a base64 first-frame reference; the SDK's flattened
 * `input_reference[image_url]` / `[file_id]` fields are nested back. The file name rides in extensions.
 */
export function decodeMultipartFields(
  fields: Record<string, MultipartValue>,
  options?: SoraRequestOptions,
): Converted<MediaRequest> {
  const body: Record<string, JsonValue> = {};
  const files: JsonObject = {};
  for (const [name, value] of Object.entries(fields)) {
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
    if (typeof value !== 'string') {
      if (typeof value !== 'object' || value === null || !(value.data instanceof Uint8Array)) {
        throw new WireFormatError({
          format: FORMAT,
          kind: 'request',
          issues: [{ path: [name], expected: 'string or file part', received: describeValue(value) }],
        });
      }
      const dataUrl = `data:${value.mediaType};base64,${bytesToBase64(value.data)}`;
      body[name] = name === 'input_reference' ? { image_url: dataUrl } : dataUrl;
      files[name] = value.filename === undefined ? {} : { filename: value.filename };
    } else if (nested?.[1] && nested[2]) {
      const parent = body[nested[1]];
      body[nested[1]] = {
        ...(typeof parent === 'object' && parent !== null && !Array.isArray(parent) ? parent : {}),
        [nested[2]]: value,
      };
    } else {
      body[name] = value;
    }
  }
  const decoded = decodeRequest(body, options);
  if (Object.keys(files).length > 0) {
    const ext = decoded.value.extensions?.[FORMAT] ?? {};
    decoded.value.extensions = { ...decoded.value.extensions, [FORMAT]: { ...ext, [MULTIPART_KEY]: files } };
  }
  return decoded;
}

/**
 * Encodes a request as multipart fields: a base64 first frame becomes an `input_reference` file part
 * (with its original file name when it came from multipart), objects are flattened as the SDK does.
 */
export function encodeMultipartFields(
  request: MediaRequest,
  options?: ConvertOptions,
): Converted<Record<string, MultipartValue>> {
  const { value, losses } = encodeRequest(request, options);
  const files = (request.extensions?.[FORMAT]?.[MULTIPART_KEY] ?? {}) as Record<string, { filename?: string }>;
  const fields: Record<string, MultipartValue> = {};
  for (const [name, field] of Object.entries(value as JsonObject)) {
    const dataUrl =
      name === 'input_reference' ? (field as { image_url?: JsonValue }).image_url : files[name] ? field : undefined;
    const match = typeof dataUrl === 'string' ? /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl) : null;
    if (match?.[1] && match[2] !== undefined) {
      const mediaType = match[1];
      fields[name] = {
        filename: files[name]?.filename ?? `${name}.${EXTENSIONS[mediaType] ?? 'bin'}`,
        mediaType,
        data: base64ToBytes(match[2]),
      };
    } else if (typeof field === 'object' && field !== null && !Array.isArray(field)) {
      for (const [key, inner] of Object.entries(field))
        fields[`${name}[${key}]`] = typeof inner === 'string' ? inner : JSON.stringify(inner);
    } else {
      fields[name] = typeof field === 'string' ? field : JSON.stringify(field);
    }
  }
  return { value: fields, losses };
}
