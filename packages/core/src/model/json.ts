/** Any JSON value. Used wherever the core carries provider data it does not model. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Schema document (draft 2020-12 or any dialect a provider accepts), kept as plain JSON. */
export type JsonSchema = JsonObject;
