import type { ChatRequest, JsonObject, LossRecorder, ReasoningConfig, ReasoningEffort } from '@interlingua/core';
import { openApiToJsonSchema, type SchemaMode } from './schema.ts';
import { encodeSchema } from './tools.ts';
import { isObject, omit, setDefined } from './util.ts';

const MAPPED = [
  'temperature',
  'topP',
  'topK',
  'candidateCount',
  'maxOutputTokens',
  'stopSequences',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'responseModalities',
  'thinkingConfig',
];
const LEVELS: Record<string, ReasoningEffort> = { MINIMAL: 'minimal', LOW: 'low', MEDIUM: 'medium', HIGH: 'high' };

/** What `generationConfig` contributes to a core request, plus the leftovers kept in extensions. */
export interface DecodedGenerationConfig {
  /** Core request fields. */
  fields: Partial<ChatRequest>;
  /** Fields with no core counterpart (deep-merged back on encode). */
  leftovers: JsonObject;
  /** The original `responseSchema`, or the JSON Schema field name, for an exact round trip. */
  output?: JsonObject;
}

/** Decodes `generationConfig`. */
export function decodeGenerationConfig(gc: JsonObject): DecodedGenerationConfig {
  const fields: Partial<ChatRequest> = {};
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  setDefined(fields, 'temperature', num(gc.temperature));
  setDefined(fields, 'topP', num(gc.topP));
  setDefined(fields, 'topK', num(gc.topK));
  setDefined(fields, 'n', num(gc.candidateCount));
  setDefined(fields, 'maxOutputTokens', num(gc.maxOutputTokens));
  setDefined(fields, 'seed', num(gc.seed));
  setDefined(fields, 'presencePenalty', num(gc.presencePenalty));
  setDefined(fields, 'frequencyPenalty', num(gc.frequencyPenalty));
  setDefined(fields, 'topLogprobs', num(gc.logprobs));
  if (typeof gc.responseLogprobs === 'boolean') fields.logprobs = gc.responseLogprobs;
  if (Array.isArray(gc.stopSequences)) fields.stop = gc.stopSequences as string[];
  const leftovers = omit(gc, MAPPED);
  if (Array.isArray(gc.responseModalities)) {
    const modalities = gc.responseModalities.map((m) => String(m).toLowerCase());
    fields.modalities = modalities;
    if (modalities.some((m, i) => m.toUpperCase() !== gc.responseModalities?.[i as never]))
      leftovers.responseModalities = gc.responseModalities;
  }
  if (isObject(gc.thinkingConfig)) {
    const tc = gc.thinkingConfig;
    const reasoning: ReasoningConfig = {};
    if (typeof tc.thinkingBudget === 'number') {
      reasoning.budgetTokens = tc.thinkingBudget;
      reasoning.mode = tc.thinkingBudget === 0 ? 'disabled' : tc.thinkingBudget < 0 ? 'adaptive' : 'enabled';
    }
    const level = typeof tc.thinkingLevel === 'string' ? LEVELS[tc.thinkingLevel] : undefined;
    if (level) reasoning.effort = level;
    if (typeof tc.includeThoughts === 'boolean') reasoning.includeThoughts = tc.includeThoughts;
    fields.reasoning = reasoning;
    const rest = omit(tc, ['thinkingBudget', 'includeThoughts', ...(level ? ['thinkingLevel'] : [])]);
    if (Object.keys(rest).length > 0 || Object.keys(reasoning).length === 0) leftovers.thinkingConfig = rest;
  }
  // Structured output: only the combinations the core can say exactly are mapped.
  const mime = gc.responseMimeType;
  const jsonSchema = gc.responseJsonSchema;
  const schema = gc.responseSchema;
  let output: JsonObject | undefined;
  if (mime === 'application/json' && isObject(jsonSchema) && schema === undefined) {
    fields.output = { type: 'json-schema', schema: jsonSchema };
    output = { schemaField: 'responseJsonSchema' };
  } else if (mime === 'application/json' && isObject(schema) && jsonSchema === undefined) {
    fields.output = { type: 'json-schema', schema: openApiSchema(schema) };
    output = { parameters: schema };
  } else if (mime === 'application/json' && schema === undefined && jsonSchema === undefined) {
    fields.output = { type: 'json' };
  } else if (mime === 'text/plain' && schema === undefined && jsonSchema === undefined) {
    fields.output = { type: 'text' };
  }
  if (fields.output) {
    delete leftovers.responseMimeType;
    delete leftovers.responseSchema;
    delete leftovers.responseJsonSchema;
  }
  return output ? { fields, leftovers, output } : { fields, leftovers };
}

function openApiSchema(schema: JsonObject): JsonObject {
  const converted = openApiToJsonSchema(schema);
  return isObject(converted) ? converted : {};
}

const EFFORT_LEVEL: Record<ReasoningEffort, string> = {
  none: 'MINIMAL',
  minimal: 'MINIMAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  xhigh: 'HIGH',
  max: 'HIGH',
};

/** Encodes the core sampling, output and reasoning fields as `generationConfig`. */
export function encodeGenerationConfig(
  request: ChatRequest,
  outputExt: JsonObject | undefined,
  mode: SchemaMode | undefined,
  losses: LossRecorder,
): JsonObject {
  const gc: JsonObject = {};
  const put = (key: string, value: number | boolean | string[] | undefined) => {
    if (value !== undefined) gc[key] = value;
  };
  put('temperature', request.temperature);
  put('topP', request.topP);
  put('topK', request.topK);
  put('candidateCount', request.n);
  put('maxOutputTokens', request.maxOutputTokens);
  put('seed', request.seed);
  put('presencePenalty', request.presencePenalty);
  put('frequencyPenalty', request.frequencyPenalty);
  put('responseLogprobs', request.logprobs);
  put('logprobs', request.topLogprobs);
  if (request.stop) {
    if (request.stop.length > 5) losses.drop(['stop'], 'Gemini takes at most 5 stop sequences', 'sampling.stop');
    gc.stopSequences = request.stop.slice(0, 5);
  }
  if (request.modalities) gc.responseModalities = request.modalities.map((m) => m.toUpperCase());
  const output = request.output;
  if (output?.type === 'text') gc.responseMimeType = 'text/plain';
  else if (output?.type === 'json') gc.responseMimeType = 'application/json';
  else if (output?.type === 'json-schema') {
    gc.responseMimeType = 'application/json';
    Object.assign(
      gc,
      encodeSchema(output.schema, outputExt, { openapi: 'responseSchema', json: 'responseJsonSchema' }, mode, losses, [
        'output',
        'schema',
      ]),
    );
    // Gemini's response schema has no name or description of its own.
    if (output.name !== undefined)
      losses.drop(['output', 'name'], 'Gemini response schemas have no name', 'output.json-schema');
    if (output.description !== undefined)
      losses.drop(['output', 'description'], 'Gemini response schemas have no description', 'output.json-schema');
    // Also `strict: false`: the flag itself has no place, whichever its value.
    if (output.strict !== undefined)
      losses.drop(['output', 'strict'], 'Gemini has no strict flag for response schemas', 'output.json-schema');
  }
  const reasoning = request.reasoning;
  if (reasoning) {
    const tc: JsonObject = {};
    if (reasoning.budgetTokens !== undefined) {
      tc.thinkingBudget = reasoning.budgetTokens;
      if (reasoning.effort !== undefined)
        losses.drop(['reasoning', 'effort'], 'Gemini takes a thinking budget or a level, not both', 'reasoning.config');
    } else if (reasoning.effort !== undefined) {
      tc.thinkingLevel = EFFORT_LEVEL[reasoning.effort];
      if (reasoning.effort === 'none' || reasoning.effort === 'xhigh' || reasoning.effort === 'max')
        losses.approximate(
          ['reasoning', 'effort'],
          `effort ${reasoning.effort} became ${tc.thinkingLevel}`,
          'reasoning.config',
        );
    } else if (reasoning.mode === 'disabled') tc.thinkingBudget = 0;
    else if (reasoning.mode === 'adaptive') tc.thinkingBudget = -1;
    const include =
      reasoning.includeThoughts ?? (reasoning.summary !== undefined && reasoning.summary !== 'none' ? true : undefined);
    if (include !== undefined) tc.includeThoughts = include;
    // Gemini only says whether thoughts come back, not how detailed their summary is.
    if (reasoning.summary !== undefined)
      losses.approximate(
        ['reasoning', 'summary'],
        `Gemini has no summary setting: summary ${reasoning.summary} became includeThoughts ${include === true}`,
        'reasoning.config',
      );
    if (Object.keys(tc).length > 0) gc.thinkingConfig = tc;
  }
  return gc;
}
