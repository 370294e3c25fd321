import type { JsonSchema } from './json.ts';

/** The shape the model must answer in. */
export type OutputFormat =
  | { type: 'text' }
  /** Any JSON object (Chat `json_object`, Gemini `responseMimeType: application/json` without schema). */
  | { type: 'json' }
  | {
      type: 'json-schema';
      /** The schema the answer must match. */
      schema: JsonSchema;
      /** Schema name (OpenAI requires one). */
      name?: string;
      /** What the schema is for. */
      description?: string;
      /** Strict validation (OpenAI `strict`). */
      strict?: boolean;
    };
