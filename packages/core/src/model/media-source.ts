/**
 * Where the bytes of an image, audio clip or file come from.
 *
 * - `base64`: inline data with its media type (a data URL is decoded into this form).
 * - `url`: an http(s) URL (or a provider URI such as `gs://…` or a Gemini Files API URI).
 * - `file`: a provider-side file id (OpenAI / Anthropic Files API).
 * - `text`: inline plain text (Claude plain-text documents).
 */
export type MediaSource =
  | {
      type: 'base64';
      /** IANA media type, e.g. `image/png`, `application/pdf`, `audio/wav`. */
      mediaType: string;
      /** Standard base64 (decoders normalise base64url to it). */
      data: string;
    }
  | {
      type: 'url';
      /** The URL. */
      url: string;
      /** The media type when the wire states it (Gemini `fileData.mimeType`). */
      mediaType?: string;
    }
  | {
      type: 'file';
      /** The provider's file id. */
      fileId: string;
      /** The media type when known. */
      mediaType?: string;
    }
  | {
      type: 'text';
      /** The text itself. */
      text: string;
      /** Usually `text/plain`. */
      mediaType?: string;
    };
