import type { MultipartValue } from '@interlingua/sora';
import { gatewayError } from '../gateway/gateway-error.ts';

/**
 * Splits a multipart/form-data body (already read within the body limit) into fields, with the
 * platform's own parser (`Request.formData()`), so boundaries, quoting and encodings are handled
 * the standard way. Repeated fields keep the last value.
 */
export async function readMultipart(body: Buffer, contentType: string): Promise<Record<string, MultipartValue>> {
  let form: FormData;
  try {
    form = await new Request('http://gateway.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Blob([new Uint8Array(body)]),
    }).formData();
  } catch (error) {
    throw gatewayError('invalid_request', 400, `invalid multipart body: ${(error as Error).message}`, {
      type: 'invalid_request_error',
    });
  }
  const fields: Record<string, MultipartValue> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') fields[name] = value;
    else {
      fields[name] = {
        filename: value.name,
        mediaType: value.type || 'application/octet-stream',
        data: new Uint8Array(await value.arrayBuffer()),
      };
    }
  }
  return fields;
}

/** Whether a Content-Type is multipart/form-data. */
export function isMultipart(contentType: string | undefined): contentType is string {
  return contentType !== undefined && /^multipart\/form-data\b/i.test(contentType);
}
