import type { ChatResponse, ContentPart, JsonObject, JsonValue, StreamEvent } from '@interlingua/core';
import { arbitraryBase64, arbitraryJsonObject, arbitraryText, arbitraryToolName } from '@interlingua/core/testing';
import fc from 'fast-check';
import { snakeToCamel } from '../case.ts';

const signature = fc.stringMatching(/^[A-Za-z0-9+/_-]{4,24}={0,2}$/);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const compact = (o: Record<string, unknown>): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as JsonObject;

const textPart = fc
  .record({ text: arbitraryText, thought: maybe(fc.constant(true)), thoughtSignature: maybe(signature) })
  .map(compact);
const mediaPart = fc.oneof(
  fc
    .record({ mimeType: fc.constantFrom('image/png', 'audio/wav', 'application/pdf'), data: arbitraryBase64 })
    .map((inlineData) => ({ inlineData })),
  fc
    .record({
      mimeType: maybe(fc.constantFrom('video/mp4', 'image/jpeg')),
      fileUri: fc.constantFrom('gs://b/x', 'https://www.youtube.com/watch?v=1'),
    })
    .map((f) => ({ fileData: compact(f) })),
);
const schema: fc.Arbitrary<JsonObject> = fc.constantFrom<JsonObject>(
  {
    type: 'OBJECT',
    properties: { city: { type: 'STRING' }, n: { type: 'INTEGER', nullable: true } },
    required: ['city'],
  },
  { type: 'object', properties: { tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] } } } },
);
const jsonSchema: fc.Arbitrary<JsonObject> = fc.constantFrom<JsonObject>(
  { type: 'object', properties: { a: { type: ['string', 'null'] } }, additionalProperties: false },
  { type: 'object', $defs: { X: { type: 'string' } }, properties: { x: { $ref: '#/$defs/X' } } },
);

/** A model turn's function calls (all with ids or all without) and the user turn answering them in order. */
const toolExchange = fc
  .record({
    names: fc.array(arbitraryToolName, { minLength: 1, maxLength: 3 }),
    ids: fc.boolean(),
    signed: maybe(signature),
  })
  .chain(({ names, ids, signed }) =>
    fc
      .tuple(
        fc.array(arbitraryJsonObject, { minLength: names.length, maxLength: names.length }),
        fc.array(arbitraryJsonObject, { minLength: names.length, maxLength: names.length }),
      )
      .map(([args, results]) => {
        const calls = names.map((name, i) =>
          compact({
            functionCall: compact({ id: ids ? `c${i}` : undefined, name, args: args[i] }),
            thoughtSignature: i === 0 ? signed : undefined,
          }),
        );
        const responses = names.map((name, i) => ({
          functionResponse: compact({ id: ids ? `c${i}` : undefined, name, response: results[i] }),
        }));
        return [
          { role: 'model', parts: calls },
          { role: 'user', parts: responses },
        ] as JsonObject[];
      }),
  );

const userTurn = fc
  .array(
    fc.oneof(
      textPart.map((p) => ({ text: p.text })),
      mediaPart,
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => [{ role: 'user', parts }] as JsonObject[]);
const modelTurn = fc
  .array(textPart, { minLength: 1, maxLength: 3 })
  .map((parts) => [{ role: 'model', parts }] as JsonObject[]);

/**
 * Renames repeated function declarations (`name_2`, `name_3`…): the API refuses one name declared
 * twice, across all tools.
 */
function uniqueDeclarations(tools: JsonObject[] | undefined): JsonObject[] | undefined {
  if (tools === undefined) return undefined;
  const seen = new Set<string>();
  return tools.map((tool) => {
    if (!Array.isArray(tool.functionDeclarations)) return tool;
    const functionDeclarations = (tool.functionDeclarations as JsonObject[]).map((decl) => {
      const base = String(decl.name);
      let name = base;
      for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
      seen.add(name);
      return { ...decl, name };
    });
    return { ...tool, functionDeclarations };
  });
}

/** A valid Gemini request body in camelCase, built from well-formed turns (a user turn first, as the API requires). */
export const arbitraryGeminiRequest: fc.Arbitrary<JsonObject> = fc
  .record({
    turns: fc
      .tuple(userTurn, fc.array(fc.oneof(userTurn, modelTurn, toolExchange), { maxLength: 3 }))
      .map(([first, more]) => [first, ...more]),
    systemInstruction: maybe(
      fc
        .record({
          parts: fc.array(fc.record({ text: arbitraryText }), { minLength: 1, maxLength: 2 }),
          role: maybe(fc.constant('user')),
        })
        .map(compact),
    ),
    tools: maybe(
      fc.array(
        fc.oneof(
          fc
            .array(
              fc
                .record({ name: arbitraryToolName, description: maybe(arbitraryText), parameters: maybe(schema) })
                .map(compact),
              { minLength: 1, maxLength: 2 },
            )
            .map((functionDeclarations) => ({ functionDeclarations })),
          fc
            .array(fc.record({ name: arbitraryToolName, parametersJsonSchema: jsonSchema }), {
              minLength: 1,
              maxLength: 2,
            })
            .map((functionDeclarations) => ({ functionDeclarations })),
          fc.constantFrom<JsonObject>(
            { googleSearch: {} },
            { urlContext: {} },
            { codeExecution: {} },
            { googleSearch: { excludeDomains: ['x.com'] } },
          ),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    ),
    toolConfig: maybe(
      fc.oneof(
        fc.constantFrom('AUTO', 'ANY', 'NONE').map((mode) => ({ functionCallingConfig: { mode } })),
        fc.constant({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['a', 'b'] } }),
        fc.constant({ functionCallingConfig: { mode: 'VALIDATED' } }),
      ),
    ),
    generationConfig: maybe(
      fc
        .record({
          temperature: maybe(fc.integer({ min: 0, max: 20 }).map((n) => n / 10)),
          topP: maybe(fc.constant(0.9)),
          topK: maybe(fc.integer({ min: 1, max: 40 })),
          candidateCount: maybe(fc.integer({ min: 1, max: 2 })),
          maxOutputTokens: maybe(fc.integer({ min: 1, max: 8192 })),
          stopSequences: maybe(fc.array(arbitraryText, { maxLength: 3 })),
          seed: maybe(fc.integer()),
          responseModalities: maybe(fc.constant(['TEXT'])),
          responseMimeType: maybe(fc.constantFrom('application/json', 'text/plain', 'text/x.enum')),
          responseJsonSchema: maybe(jsonSchema),
          thinkingConfig: maybe(
            fc.oneof(
              fc
                .record({
                  thinkingBudget: maybe(fc.integer({ min: -1, max: 2048 })),
                  includeThoughts: maybe(fc.boolean()),
                })
                .map(compact),
              fc.record({ thinkingLevel: fc.constantFrom('LOW', 'HIGH', 'MINIMAL', 'MEDIUM') }),
            ),
          ),
          mediaResolution: maybe(fc.constant('MEDIA_RESOLUTION_LOW')),
          speechConfig: maybe(fc.constant({ voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } })),
        })
        .map(compact),
    ),
    safetySettings: maybe(fc.constant([{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }])),
    cachedContent: maybe(fc.constant('cachedContents/abc')),
  })
  .map(({ turns, tools, ...rest }) =>
    compact({ contents: turns.flat(), tools: uniqueDeclarations(tools as JsonObject[] | undefined), ...rest }),
  );

/** A valid `GenerateContentResponse`. */
export const arbitraryGeminiResponse: fc.Arbitrary<JsonObject> = fc
  .record({
    parts: fc.array(
      fc.oneof(
        textPart,
        fc
          .record({
            functionCall: fc
              .record({ id: maybe(arbitraryToolName), name: arbitraryToolName, args: arbitraryJsonObject })
              .map(compact),
            thoughtSignature: maybe(signature),
          })
          .map(compact),
        fc.constant({ executableCode: { language: 'PYTHON', code: 'print(1)' } }),
        fc.constant({ codeExecutionResult: { outcome: 'OUTCOME_OK', output: '1\n' } }),
      ),
      { maxLength: 4 },
    ),
    finishReason: maybe(
      fc.constantFrom('STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'MALFORMED_FUNCTION_CALL', 'OTHER'),
    ),
    index: maybe(fc.constant(0)),
    safetyRatings: maybe(fc.constant([{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }])),
    usage: maybe(
      fc
        .record({
          promptTokenCount: fc.nat(),
          candidatesTokenCount: maybe(fc.nat()),
          thoughtsTokenCount: maybe(fc.nat()),
          totalTokenCount: fc.nat(),
        })
        .map(compact),
    ),
    modelVersion: maybe(fc.constant('gemini-2.5-flash')),
    responseId: maybe(fc.stringMatching(/^[A-Za-z0-9_-]{8}$/)),
  })
  .map(({ parts, finishReason, index, safetyRatings, usage, modelVersion, responseId }) =>
    compact({
      candidates: [compact({ content: { parts, role: 'model' }, finishReason, index, safetyRatings })],
      usageMetadata: usage,
      modelVersion,
      responseId,
    }),
  );

const DATA_KEYS = new Set([
  'args',
  'response',
  'parameters',
  'parametersJsonSchema',
  'responseJsonSchema',
  'responseSchema',
  'safetySettings',
]);
const camelToSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Rewrites structural keys in snake_case (the Python SDK's spelling), leaving user data alone. */
export function snakeify(value: JsonValue, pick: (key: string) => boolean): JsonValue {
  if (Array.isArray(value)) return value.map((v) => snakeify(v, pick));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const name = pick(key) && snakeToCamel(camelToSnake(key)) === key ? camelToSnake(key) : key;
    out[name] = DATA_KEYS.has(key) ? child : snakeify(child, pick);
  }
  return out;
}

/** The canonical stream that describes a response (blocks in order, usage, finishes, end). */
export function responseToEvents(response: ChatResponse): StreamEvent[] {
  const events: StreamEvent[] = [
    {
      type: 'message-start',
      ...(response.id ? { id: response.id } : {}),
      ...(response.model ? { model: response.model } : {}),
    },
  ];
  for (const choice of response.choices) {
    choice.content.forEach((part, index) => {
      const c = choice.index;
      if (part.type === 'text' || part.type === 'reasoning') {
        events.push({ type: 'block-start', index, choice: c, part: { type: part.type, text: '' } });
        events.push({ type: 'block-delta', index, choice: c, delta: { type: part.type, text: part.text } });
        if (part.signature)
          events.push({ type: 'block-delta', index, choice: c, delta: { type: 'signature', ...part.signature } });
        events.push({ type: 'block-end', index, choice: c });
      } else if (part.type === 'tool-call') {
        events.push({ type: 'block-start', index, choice: c, part: { ...part, arguments: '' } });
        events.push({ type: 'block-delta', index, choice: c, delta: { type: 'arguments', text: part.arguments } });
        events.push({ type: 'block-end', index, choice: c });
      } else {
        events.push({ type: 'block-start', index, choice: c, part });
        events.push({ type: 'block-end', index, choice: c });
      }
    });
  }
  if (response.usage) events.push({ type: 'usage', usage: response.usage });
  for (const choice of response.choices)
    if (choice.finishReason) events.push({ type: 'finish', choice: choice.index, finishReason: choice.finishReason });
  events.push({ type: 'message-end' });
  return events;
}

/** Merges neighbouring text (or thought) parts the way Gemini's stream grammar continues them: up to a signature. */
export function mergeContinuations(content: ContentPart[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of content) {
    const last = out[out.length - 1];
    if (
      last &&
      (last.type === 'text' || last.type === 'reasoning') &&
      last.type === part.type &&
      !last.signature &&
      !last.extensions
    ) {
      const merged = { ...last, text: last.text + (part as { text: string }).text } as ContentPart;
      const sig = (part as { signature?: { format: string; value: string } }).signature;
      if (sig) (merged as { signature?: unknown }).signature = sig;
      out[out.length - 1] = merged;
    } else out.push(structuredClone(part));
  }
  return out;
}
