import { z } from 'zod';
import { contentSchema, functionCallSchema, partSchema } from '../wire/part.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * Contents and parts, shared by requests, responses and stream chunks. The wire schemas are reused
 * with the nested fields loosened (`extend`) so that each level is walked here and every problem is
 * reported once, at its own path, under its own rule.
 */

/** Where a content sits: its rules differ (roles, empty text, streamed call fragments). */
export type Where = 'request' | 'system' | 'response' | 'stream';

/** A content; its parts are checked one by one. */
export const ContentShape = contentSchema.extend({ parts: z.array(z.unknown()).optional() });
/** A part; `functionCall` is checked on its own so that a non-object `args` is an `arguments-json` problem. */
const PartShape = partSchema.extend({ functionCall: z.unknown().optional() });
/** A function call; `args` is checked by the `arguments-json` rule. */
const CallShape = functionCallSchema.extend({ args: z.unknown().optional() });

/** The `data` oneof of a `Part` (spec §2.2): exactly one of these per part. */
const DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
  'toolCall',
  'toolResponse',
] as const;
/** Fields that may sit beside the data field. */
const SIDECARS = new Set(['thought', 'thoughtSignature', 'videoMetadata', 'mediaResolution', 'partMetadata']);
/** Parts the server executed and answered itself: generation resumes after them with fresh usage counts. */
export const SERVER_RESULTS = new Set(['codeExecutionResult', 'toolResponse']);

/** A function call or response found in a content, for the turn rules. */
export interface CallRef {
  name: string | undefined;
  id: string | undefined;
  path: Path;
}

/** How a `functionCall` part arrives: whole, or as one piece of a Vertex streamed call. */
export type CallPiece = 'whole' | 'start' | 'fragment';

/** What one part is, as far as the callers' rules need to know. */
export interface PartInfo {
  /** The data field, an unknown field name (a part kind this package does not know), or undefined. */
  kind: string | undefined;
  /** For `functionCall` parts. */
  piece?: CallPiece;
  /** For `functionCall` pieces: `willContinue === true`. */
  continues?: boolean;
}

/** What a content holds. */
export interface ContentInfo {
  role: string | undefined;
  parts: PartInfo[];
  calls: CallRef[];
  responses: CallRef[];
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Checks one content (a request turn, the system instruction, or a candidate's content). */
export function checkContent(problems: Problems, content: unknown, path: Path, where: Where): ContentInfo {
  const info: ContentInfo = { role: undefined, parts: [], calls: [], responses: [] };
  problems.schema(ContentShape, content, path);
  if (!isRecord(content)) return info;
  info.role = str(content.role);
  checkRole(problems, content.role, [...path, 'role'], where);
  const parts = Array.isArray(content.parts) ? content.parts : undefined;
  // A request turn needs parts ("contents.parts must not be empty"); a response candidate may have none (blocked output).
  if (where === 'request' && (content.parts === undefined || parts?.length === 0))
    problems.add(
      [...path, 'parts'],
      'empty-content',
      `expected at least one part, got ${parts === undefined ? describe(content.parts) : 'none'}`,
    );
  for (const [i, part] of (parts ?? []).entries()) {
    const at = [...path, 'parts', i];
    const found = checkPart(problems, part, at, where);
    info.parts.push(found);
    if (!isRecord(part)) continue;
    if (found.kind === 'functionCall' && found.piece === 'whole' && isRecord(part.functionCall))
      info.calls.push({ name: str(part.functionCall.name), id: str(part.functionCall.id), path: at });
    if (found.kind === 'functionResponse' && isRecord(part.functionResponse))
      info.responses.push({ name: str(part.functionResponse.name), id: str(part.functionResponse.id), path: at });
  }
  return info;
}

function checkRole(problems: Problems, role: unknown, path: Path, where: Where): void {
  // The system instruction's role is ignored by the API; a missing role means `user` in requests.
  if (where === 'system' || role === undefined || typeof role !== 'string') return;
  if (where === 'request' && role !== 'user' && role !== 'model' && role !== 'function')
    problems.add(path, 'schema', `expected "user" or "model", got ${describe(role)}`);
  if (where !== 'request' && role !== 'model') problems.add(path, 'schema', `expected "model", got ${describe(role)}`);
}

/** Checks one part: its schema, exactly one data field, whole function calls, named function responses. */
export function checkPart(problems: Problems, part: unknown, path: Path, where: Where): PartInfo {
  // Wrongly typed fields are the schema's; the rules below only add what the schema cannot say.
  problems.schema(PartShape, part, path);
  if (!isRecord(part)) return { kind: undefined };
  const data = DATA_FIELDS.filter((field) => part[field] !== undefined);
  const unknown = Object.keys(part).filter(
    (key) => !SIDECARS.has(key) && !(DATA_FIELDS as readonly string[]).includes(key),
  );
  if (data.length > 1)
    problems.add(path, 'schema', `expected exactly one data field in a part, got ${data.join(' and ')}`);
  // Unknown fields may be a part kind Google added since: a part holding one is not reported as empty.
  if (data.length === 0 && unknown.length === 0)
    problems.add(path, 'schema', `expected one data field (${DATA_FIELDS.join(', ')}), got none`);
  const kind = data[0] ?? unknown[0];
  if (kind === 'functionCall')
    return { kind, ...checkCall(problems, part.functionCall, [...path, 'functionCall'], where) };
  if (kind === 'functionResponse' && isRecord(part.functionResponse)) {
    const response = part.functionResponse;
    if (response.name === undefined)
      problems.add(
        [...path, 'functionResponse', 'name'],
        'schema',
        `expected a name (string), got ${describe(response.name)}`,
      );
    if (response.response === undefined)
      problems.add(
        [...path, 'functionResponse', 'response'],
        'schema',
        'expected response (a JSON object, e.g. {"output": …}), got missing',
      );
  }
  return { kind };
}

/**
 * A call is whole (`name`, optional object `args`) except in Vertex streams, where it may come as a
 * named start with `willContinue: true`, `partialArgs` pieces, and an ending piece without
 * `willContinue` (often `functionCall: {}`).
 */
function checkCall(problems: Problems, call: unknown, path: Path, where: Where): Omit<PartInfo, 'kind'> {
  problems.schema(CallShape, call, path);
  if (!isRecord(call)) return { piece: 'whole' };
  const continues = call.willContinue === true;
  const fragment = continues || call.partialArgs !== undefined || Object.keys(call).length === 0;
  if (fragment) {
    if (where !== 'stream')
      problems.add(
        path,
        'arguments-json',
        'expected a whole functionCall (name and args); partialArgs / willContinue pieces arrive only in Vertex streams, got a piece',
      );
    const start = typeof call.name === 'string' && call.partialArgs === undefined;
    return { piece: start ? 'start' : 'fragment', continues };
  }
  if (call.name === undefined)
    problems.add([...path, 'name'], 'schema', `expected a name (string), got ${describe(call.name)}`);
  // A call without args is a call without arguments (Vertex omits the empty object); anything else must be an object.
  if (call.args !== undefined && !isRecord(call.args))
    problems.add([...path, 'args'], 'arguments-json', `expected args to be a JSON object, got ${describe(call.args)}`);
  return { piece: 'whole', continues: false };
}
