/**
 * The fields of Gemini's `Schema` message (the OpenAPI 3.0 subset of `parameters`, `responseSchema` and a
 * declaration's `response`; js-genai `types.ts`). Any other keyword is a 400 ("Unknown name … Cannot find
 * field"). One list for the encoder, which moves other keywords out of the way, and the validator, which
 * reports them.
 */
export const OPENAPI_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'properties',
  'required',
  'propertyOrdering',
  'items',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'anyOf',
  'default',
  'example',
]);
