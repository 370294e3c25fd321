import type { BuiltinTool, FunctionTool, JsonObject, LossRecorder, Tool, ToolChoice } from '@interlingua/core';
import {
  chooseSchemaMode,
  jsonSchemaToOpenApi,
  openApiToJsonSchema,
  type SchemaMode,
  sanitizeJsonSchema,
} from './schema.ts';
import { decodeToolName, encodeToolName, toolNameLoss } from './tool-name.ts';
import { geminiExt, isObject, jsonEqual, omit, withExt } from './util.ts';

// Gemini tool keys ↔ core built-in kinds.
const BUILTIN_KINDS: Record<string, string> = {
  googleSearch: 'web_search',
  googleSearchRetrieval: 'web_search',
  urlContext: 'url_context',
  codeExecution: 'code_execution',
  googleMaps: 'google_maps',
  fileSearch: 'file_search',
  computerUse: 'computer',
  enterpriseWebSearch: 'web_search',
};
const KIND_TO_KEY: Record<string, string> = {
  web_search: 'googleSearch',
  url_context: 'urlContext',
  web_fetch: 'urlContext',
  code_execution: 'codeExecution',
  google_maps: 'googleMaps',
  file_search: 'fileSearch',
  computer: 'computerUse',
};

/** Decodes the `tools` array. Every core tool remembers its wire tool object (`extensions.gemini.group`). */
export function decodeTools(tools: JsonObject[]): Tool[] {
  const out: Tool[] = [];
  for (const [group, tool] of tools.entries()) {
    for (const [key, value] of Object.entries(tool)) {
      if (key === 'functionDeclarations' && Array.isArray(value)) {
        for (const decl of value) if (isObject(decl)) out.push(decodeDeclaration(decl, group));
        continue;
      }
      const builtin: BuiltinTool = { type: 'builtin', kind: BUILTIN_KINDS[key] ?? key, providerType: key };
      const ext: JsonObject = { group };
      if (!(isObject(value) && Object.keys(value).length === 0)) ext.config = value;
      if (key === 'googleSearch' && isObject(value) && Array.isArray(value.excludeDomains))
        builtin.options = { blockedDomains: value.excludeDomains };
      out.push(withExt(builtin, ext));
    }
  }
  return out;
}

function decodeDeclaration(decl: JsonObject, group: number): FunctionTool {
  const tool: FunctionTool = { type: 'function', name: decodeToolName(String(decl.name)) };
  if (typeof decl.description === 'string') tool.description = decl.description;
  const ext: JsonObject = { group };
  if (isObject(decl.parameters)) {
    const converted = openApiToJsonSchema(decl.parameters);
    if (isObject(converted)) tool.parameters = converted;
    ext.parameters = decl.parameters;
  } else if (isObject(decl.parametersJsonSchema)) {
    tool.parameters = decl.parametersJsonSchema;
    ext.schemaField = 'parametersJsonSchema';
  }
  const extra = omit(decl, ['name', 'description', 'parameters', 'parametersJsonSchema']);
  if (decl.description !== undefined && typeof decl.description !== 'string') extra.description = decl.description;
  if (Object.keys(extra).length > 0) ext.extra = extra;
  return withExt(tool, ext);
}

/**
 * Writes a JSON Schema into the field Gemini should get it in: the decoded original when unchanged,
 * else per `mode` (default: JSON Schema when the OpenAPI subset would lose something).
 */
export function encodeSchema(
  schema: JsonObject,
  ext: JsonObject | undefined,
  fields: { openapi: string; json: string },
  mode: SchemaMode | undefined,
  losses: LossRecorder,
  path: (string | number)[],
): JsonObject {
  if (isObject(ext?.parameters) && jsonEqual(openApiToJsonSchema(ext.parameters), schema))
    return { [fields.openapi]: ext.parameters };
  if (ext?.schemaField === fields.json) return { [fields.json]: schema };
  if (chooseSchemaMode(schema, mode) === 'json-schema')
    return { [fields.json]: sanitizeJsonSchema(schema, losses, path) };
  return { [fields.openapi]: jsonSchemaToOpenApi(schema, losses, path) };
}

/** Encodes core tools into Gemini tool objects: functions share one `functionDeclarations` entry. */
export function encodeTools(tools: Tool[], mode: SchemaMode | undefined, losses: LossRecorder): JsonObject[] {
  const groups = new Map<string, JsonObject>();
  const order: string[] = [];
  const groupFor = (key: string): JsonObject => {
    let group = groups.get(key);
    if (!group) {
      group = {};
      groups.set(key, group);
      order.push(key);
    }
    return group;
  };
  for (const [i, tool] of tools.entries()) {
    const path = ['tools', i];
    const ext = geminiExt(tool);
    const groupKey = typeof ext?.group === 'number' ? `g${ext.group}` : undefined;
    if (tool.type === 'function') {
      const name = encodeToolName(tool.name);
      const message = toolNameLoss(tool.name, name);
      if (message !== undefined) losses.approximate([...path, 'name'], message, 'tool.name');
      const decl: JsonObject = { name: name.name };
      if (tool.description !== undefined) decl.description = tool.description;
      if (tool.parameters)
        Object.assign(
          decl,
          encodeSchema(tool.parameters, ext, { openapi: 'parameters', json: 'parametersJsonSchema' }, mode, losses, [
            ...path,
            'parameters',
          ]),
        );
      if (isObject(ext?.extra)) Object.assign(decl, ext.extra);
      if (tool.strict !== undefined)
        losses.drop([...path, 'strict'], 'Gemini has no per-tool strict flag (use mode VALIDATED)', 'tool.strict');
      if (tool.cache) losses.drop([...path, 'cache'], 'Gemini has no cache breakpoints', 'cache');
      const group = groupFor(groupKey ?? 'functions');
      const list = (group.functionDeclarations ??= []) as JsonObject[];
      list.push(decl);
    } else if (tool.type === 'builtin') {
      const key = tool.providerType && ext ? tool.providerType : KIND_TO_KEY[tool.kind];
      if (!key) {
        losses.drop(path, `built-in tool ${tool.kind} has no Gemini equivalent`, 'tool.builtin');
        continue;
      }
      let config: JsonObject = isObject(ext?.config) ? ext.config : {};
      if (!ext) {
        if (tool.kind === 'web_fetch') losses.approximate(path, 'web_fetch became urlContext', 'tool.builtin');
        // Another provider's versioned tool type (`code_execution_20250825`) becomes Gemini's own key.
        else if (tool.providerType !== undefined && tool.providerType !== key)
          losses.approximate([...path, 'providerType'], `${tool.providerType} became ${key}`, 'tool.builtin');
        const options = tool.options ?? {};
        if (key === 'googleSearch' && Array.isArray(options.blockedDomains))
          config = { excludeDomains: options.blockedDomains };
        const unsupported = Object.keys(options).filter((k) => !(key === 'googleSearch' && k === 'blockedDomains'));
        if (unsupported.length > 0)
          losses.drop([...path, 'options'], `Gemini ${key} takes no ${unsupported.join(', ')}`, 'tool.builtin');
      }
      const group = groupFor(groupKey ?? `b${i}`);
      group[key] = ext && ext.config !== undefined ? ext.config : config;
    } else {
      losses.drop(path, `custom tool ${tool.name} has no Gemini equivalent`, 'tool.custom');
    }
  }
  return order.map((key) => groups.get(key) as JsonObject);
}

/** Decodes `functionCallingConfig` into a tool choice; what does not map is returned as leftovers. */
export function decodeToolChoice(config: JsonObject): { choice?: ToolChoice; leftovers: JsonObject } {
  const leftovers = omit(config, ['mode', 'allowedFunctionNames']);
  const names = Array.isArray(config.allowedFunctionNames)
    ? config.allowedFunctionNames.filter((n): n is string => typeof n === 'string').map(decodeToolName)
    : undefined;
  const allowed = names ? { allowedTools: names } : {};
  switch (config.mode) {
    case 'AUTO':
      return { choice: { type: 'auto', ...allowed }, leftovers };
    case 'VALIDATED':
      return { choice: { type: 'auto', ...allowed }, leftovers: { ...leftovers, mode: 'VALIDATED' } };
    case 'NONE':
      if (names) leftovers.allowedFunctionNames = names;
      return { choice: { type: 'none' }, leftovers };
    case 'ANY':
      if (names?.length === 1 && names[0] !== undefined) return { choice: { type: 'tool', name: names[0] }, leftovers };
      return { choice: { type: 'required', ...allowed }, leftovers };
    default:
      if (config.mode !== undefined) leftovers.mode = config.mode;
      if (names) leftovers.allowedFunctionNames = names;
      return { leftovers };
  }
}

/** Encodes a tool choice as `functionCallingConfig` (names escaped like the declarations, see `tool-name.ts`). */
export function encodeToolChoice(choice: ToolChoice): JsonObject {
  const names = (list: string[]) => list.map((n) => encodeToolName(n).name);
  switch (choice.type) {
    case 'auto':
      return choice.allowedTools
        ? { mode: 'AUTO', allowedFunctionNames: names(choice.allowedTools) }
        : { mode: 'AUTO' };
    case 'none':
      return { mode: 'NONE' };
    case 'required':
      return choice.allowedTools ? { mode: 'ANY', allowedFunctionNames: names(choice.allowedTools) } : { mode: 'ANY' };
    case 'tool':
      return { mode: 'ANY', allowedFunctionNames: names([choice.name]) };
  }
}
