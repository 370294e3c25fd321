import { z } from 'zod';
import { camelizeRequest, snakeToCamel } from '../case.ts';
import { requestSchema } from '../wire/request.ts';
import { type CallRef, type ContentInfo, checkContent } from './parts.ts';
import { createProblems, describe, isRecord, type Path, type Problems } from './problems.ts';
import { checkOpenApiSchema } from './schema-dialect.ts';

/**
 * The request rules the Gemini API answers with a 400 that a converter can break (spec §2, §6), on
 * top of the wire schema. Bodies are read the way the API reads them: snake_case field names are
 * accepted, so the body is normalised to camelCase first and every path is mapped back to the
 * keys the caller wrote.
 */

/** Contents and the system instruction are walked part by part (see `parts.ts`). */
const RequestShape = requestSchema.extend({
  contents: z.array(z.unknown()),
  systemInstruction: z.unknown().optional(),
});

const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/;
const MAX_STOP_SEQUENCES = 5;
const MODES = new Set(['MODE_UNSPECIFIED', 'AUTO', 'ANY', 'NONE', 'VALIDATED']);

/** Checks a `GenerateContentRequest` body (camelCase or snake_case field names). */
export function checkRequest(problems: Problems, body: unknown): void {
  // Checked in camelCase, then reported at the keys the caller wrote.
  const found = createProblems();
  checkNormalized(found, camelizeRequest(body));
  for (const problem of found.result().problems)
    problems.add(originalPath(body, problem.path), problem.rule, problem.message);
}

/** The path through the caller's own keys: `generationConfig` is found as `generation_config` when it was sent so. */
function originalPath(body: unknown, path: Path): Path {
  let current = body;
  return path.map((segment) => {
    let key = segment;
    if (typeof segment === 'string' && isRecord(current) && !(segment in current))
      key = Object.keys(current).find((k) => snakeToCamel(k) === segment) ?? segment;
    current =
      isRecord(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[key] : undefined;
    return key;
  });
}

function checkNormalized(problems: Problems, body: unknown): void {
  problems.schema(RequestShape, body, []);
  if (!isRecord(body)) return;
  if (body.systemInstruction !== undefined)
    checkContent(problems, body.systemInstruction, ['systemInstruction'], 'system');
  if (Array.isArray(body.contents)) {
    if (body.contents.length === 0)
      problems.add(['contents'], 'empty-content', 'expected at least one content, got none');
    const turns = body.contents.map((content, i) => checkContent(problems, content, ['contents', i], 'request'));
    checkFunctionTurns(problems, turns);
  }
  if (Array.isArray(body.tools)) checkTools(problems, body.tools);
  checkToolConfig(problems, body.toolConfig);
  checkGenerationConfig(problems, body.generationConfig);
}

const isModel = (turn: ContentInfo | undefined): boolean => turn?.role === 'model';
const label = (ref: CallRef): string => (ref.name === undefined ? 'an unnamed call' : `"${ref.name}"`);

/**
 * The function calls of a model turn are answered by the next content, a user turn holding one
 * `functionResponse` per call in the same order (ids equal when both carry one); responses appear
 * nowhere else (spec §6 "Function-response grouping").
 */
function checkFunctionTurns(problems: Problems, turns: ContentInfo[]): void {
  for (const [i, turn] of turns.entries()) {
    const previous = turns[i - 1];
    if (!isModel(turn) && turn.responses.length > 0 && !(isModel(previous) && previous!.calls.length > 0)) {
      const where = i === 0 ? 'at the start' : `after a content without function calls (contents[${i - 1}])`;
      for (const response of turn.responses)
        problems.add(
          response.path,
          'tool-result',
          `expected functionResponse parts only right after the model turn that made the calls, got one ${where}`,
        );
    }
    // The model never sends a function response: it belongs in the user turn after the calls.
    if (isModel(turn))
      for (const response of turn.responses)
        problems.add(
          response.path,
          'tool-result',
          'expected functionResponse parts in a user turn, got one in a model turn',
        );
    const next = turns[i + 1];
    // A trailing model turn with calls has nothing to answer it yet; that is the caller's next step.
    if (!isModel(turn) || turn.calls.length === 0 || next === undefined) continue;
    const responses = isModel(next) ? [] : next.responses;
    for (const [k, call] of turn.calls.entries()) {
      const response = responses[k];
      if (!response)
        problems.add(
          call.path,
          'tool-result',
          `expected a functionResponse for call ${k} (${label(call)}) in contents[${i + 1}] (${turn.calls.length} calls, ${responses.length} responses), got none`,
        );
      else if (
        response.name !== call.name ||
        (call.id !== undefined && response.id !== undefined && call.id !== response.id)
      )
        problems.add(
          response.path,
          'tool-result',
          `expected the response to call ${k} ${label(call)}${call.id === undefined ? '' : ` (id "${call.id}")`} (same order as the calls), got ${label(response)}${response.id === undefined ? '' : ` (id "${response.id}")`}`,
        );
    }
    for (const extra of responses.slice(turn.calls.length))
      problems.add(
        extra.path,
        'tool-result',
        `expected ${turn.calls.length} functionResponse parts (contents[${i}] made ${turn.calls.length} calls), got one more`,
      );
  }
}

function checkTools(problems: Problems, tools: unknown[]): void {
  const seen = new Map<string, Path>();
  for (const [t, tool] of tools.entries()) {
    if (!isRecord(tool) || !Array.isArray(tool.functionDeclarations)) continue;
    for (const [d, declaration] of tool.functionDeclarations.entries()) {
      if (!isRecord(declaration)) continue;
      const at = ['tools', t, 'functionDeclarations', d];
      const name = declaration.name;
      if (typeof name === 'string') {
        if (!FUNCTION_NAME.test(name))
          problems.add(
            [...at, 'name'],
            'tool-name',
            `expected a name matching ${FUNCTION_NAME.source} (a letter or _ first, then letters, digits, _ . : -, at most 128), got ${describe(name)}`,
          );
        const first = seen.get(name);
        if (first)
          problems.add(
            [...at, 'name'],
            'tool-name',
            `expected unique function names, got "${name}" again (first at ${first.join('.')})`,
          );
        else seen.set(name, at);
      }
      for (const key of ['parameters', 'response'])
        if (declaration[key] !== undefined) checkOpenApiSchema(problems, declaration[key], [...at, key]);
    }
  }
}

function checkToolConfig(problems: Problems, toolConfig: unknown): void {
  const config = isRecord(toolConfig) ? toolConfig.functionCallingConfig : undefined;
  if (!isRecord(config)) return;
  const at = ['toolConfig', 'functionCallingConfig'];
  if (typeof config.mode === 'string' && !MODES.has(config.mode))
    problems.add([...at, 'mode'], 'schema', `expected AUTO, ANY, NONE or VALIDATED, got ${describe(config.mode)}`);
  const names = config.allowedFunctionNames;
  if (Array.isArray(names) && names.length > 0 && config.mode !== 'ANY' && config.mode !== 'VALIDATED')
    problems.add(
      [...at, 'allowedFunctionNames'],
      'tool-choice',
      `expected allowedFunctionNames only with mode ANY or VALIDATED, got mode ${config.mode === undefined ? 'AUTO (the default)' : describe(config.mode)}`,
    );
}

function checkGenerationConfig(problems: Problems, config: unknown): void {
  if (!isRecord(config)) return;
  const at = ['generationConfig'];
  if (Array.isArray(config.stopSequences) && config.stopSequences.length > MAX_STOP_SEQUENCES)
    problems.add(
      [...at, 'stopSequences'],
      'schema',
      `expected at most ${MAX_STOP_SEQUENCES} stopSequences, got ${config.stopSequences.length}`,
    );
  const thinking = config.thinkingConfig;
  if (isRecord(thinking) && thinking.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined)
    problems.add(
      [...at, 'thinkingConfig'],
      'thinking',
      `expected thinkingBudget (Gemini 2.5) or thinkingLevel (Gemini 3), not both, got both (${JSON.stringify(thinking.thinkingBudget)} and ${JSON.stringify(thinking.thinkingLevel)})`,
    );
  if (config.responseSchema !== undefined) {
    checkOpenApiSchema(problems, config.responseSchema, [...at, 'responseSchema']);
    if (config.responseJsonSchema !== undefined)
      problems.add(
        [...at, 'responseJsonSchema'],
        'schema',
        'expected responseSchema or responseJsonSchema, not both, got both',
      );
  }
}
