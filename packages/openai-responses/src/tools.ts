import type {
  BuiltinTool,
  ChatRequest,
  CustomTool,
  FunctionTool,
  JsonObject,
  JsonSchema,
  LossRecorder,
  Tool,
  ToolChoice,
} from '@interlingua/core';
import { attachExt, extFields, extMarkers, isObject, jsonEqual, leftovers, put } from './ext.ts';
import { parseWire } from './parse.ts';
import { wireCustomTool, wireFunctionTool } from './wire/request.ts';

/** Built-in tool types whose canonical kind differs from the wire type. */
const BUILTIN_KINDS: Record<string, string> = {
  web_search_preview: 'web_search',
  web_search_preview_2025_03_11: 'web_search',
  web_search_2025_08_26: 'web_search',
  code_interpreter: 'code_execution',
  computer_use_preview: 'computer',
};

/** Reads one tool. Built-in tools keep their whole wire object in extensions. */
export function decodeTool(value: JsonObject & { type: string }, path: (string | number)[]): Tool {
  if (value.type === 'function') {
    const t = parseWire(wireFunctionTool, value, 'request', path);
    const tool: FunctionTool = { type: 'function', name: t.name };
    if (typeof t.description === 'string') tool.description = t.description;
    if (t.parameters) tool.parameters = t.parameters as JsonSchema;
    if (typeof t.strict === 'boolean') tool.strict = t.strict;
    return attachExt(tool, leftovers(t, ['type', 'name', 'description', 'parameters', 'strict']), {
      noStrict: !('strict' in t),
      noParameters: !('parameters' in t),
    });
  }
  if (value.type === 'custom') {
    const t = parseWire(wireCustomTool, value, 'request', path);
    const tool: CustomTool = { type: 'custom', name: t.name };
    if (typeof t.description === 'string') tool.description = t.description;
    if (t.format?.type === 'text') tool.format = { type: 'text' };
    else if (t.format?.type === 'grammar')
      tool.format = { type: 'grammar', syntax: t.format.syntax, definition: t.format.definition };
    const formatExtra = t.format ? leftovers(t.format, ['type', 'syntax', 'definition']) : {};
    return attachExt(tool, leftovers(t, ['type', 'name', 'description', 'format']), {
      formatFields: Object.keys(formatExtra).length > 0 ? formatExtra : undefined,
    });
  }
  const tool: BuiltinTool = {
    type: 'builtin',
    kind: BUILTIN_KINDS[value.type] ?? value.type,
    providerType: value.type,
  };
  const options = builtinOptions(value);
  if (Object.keys(options).length > 0) tool.options = options;
  return attachExt(tool, {}, { tool: value });
}

/** Neutral options of the built-in tools other formats can also express (web search). */
function builtinOptions(value: JsonObject): JsonObject {
  const options: JsonObject = {};
  if (isObject(value.filters) && Array.isArray(value.filters.allowed_domains))
    options.allowedDomains = value.filters.allowed_domains;
  if (isObject(value.user_location)) options.userLocation = value.user_location;
  if (typeof value.search_context_size === 'string') options.searchContextSize = value.search_context_size;
  if (typeof value.max_num_results === 'number') options.maxResults = value.max_num_results;
  return options;
}

/** Writes one tool; built-in tools Responses cannot host are dropped with a loss. */
export function encodeTool(tool: Tool, path: (string | number)[], losses: LossRecorder): JsonObject | undefined {
  const fields = extFields(tool);
  const markers = extMarkers(tool);
  if (tool.type === 'function') {
    if (tool.cache) losses.drop([...path, 'cache'], 'Responses tools have no cache breakpoint', 'cache');
    const out: JsonObject = { type: 'function', name: tool.name };
    put(out, 'description', tool.description);
    if (tool.parameters) out.parameters = tool.parameters;
    else if (!markers.noParameters && !('parameters' in fields)) {
      out.parameters = { type: 'object', properties: {} };
      losses.add(
        'defaulted',
        [...path, 'parameters'],
        'a function tool without parameters is written with an empty object schema',
        'tool.schema',
      );
    }
    // Responses validates strictly unless told otherwise; a schema from a format without strict mode is loose.
    if (tool.strict !== undefined) out.strict = tool.strict;
    else if (!markers.noStrict && !('strict' in fields)) {
      out.strict = false;
      losses.add(
        'defaulted',
        [...path, 'strict'],
        'Responses is strict by default: a tool without a strict setting is written with strict: false',
        'tool.strict',
      );
    }
    return { ...out, ...fields };
  }
  if (tool.type === 'custom') {
    const out: JsonObject = { type: 'custom', name: tool.name, ...fields };
    put(out, 'description', tool.description);
    if (tool.format) {
      const formatFields = isObject(markers.formatFields) ? markers.formatFields : {};
      out.format = { ...formatFields, ...tool.format };
    }
    return out;
  }
  if (isObject(markers.tool)) return markers.tool;
  const options = tool.options ?? {};
  switch (tool.kind) {
    case 'web_search': {
      reportVersion(tool, path, 'web_search', losses);
      const out: JsonObject = { type: 'web_search' };
      if (Array.isArray(options.allowedDomains)) out.filters = { allowed_domains: options.allowedDomains };
      if (isObject(options.userLocation)) out.user_location = { type: 'approximate', ...options.userLocation };
      if (typeof options.searchContextSize === 'string') out.search_context_size = options.searchContextSize;
      return out;
    }
    case 'code_execution':
      reportVersion(tool, path, 'code_interpreter', losses);
      return { type: 'code_interpreter', container: { type: 'auto' } };
    case 'image_generation':
      reportVersion(tool, path, 'image_generation', losses);
      return { type: 'image_generation' };
    case 'local_shell':
    case 'shell':
    case 'apply_patch':
      reportVersion(tool, path, tool.kind, losses);
      return { type: tool.kind };
    default:
      losses.drop(path, `the built-in tool ${tool.kind} has no Responses equivalent`, 'tool.builtin');
      return undefined;
  }
}

/** Another format's versioned tool type (`code_execution_20250825`) is written as Responses' own tool type. */
function reportVersion(tool: BuiltinTool, path: (string | number)[], type: string, losses: LossRecorder): void {
  if (tool.providerType !== undefined && tool.providerType !== type)
    losses.approximate(
      [...path, 'providerType'],
      `the built-in tool ${tool.providerType} is written as Responses' ${type}`,
      'tool.builtin',
    );
}

/** Reads `tool_choice`; forms the core cannot name exactly are remembered whole. */
export function decodeToolChoice(value: string | (JsonObject & { type: string })): {
  choice: ToolChoice;
  raw?: JsonObject;
} {
  if (typeof value === 'string') return { choice: { type: value as 'auto' | 'none' | 'required' } };
  if (value.type === 'function' && typeof value.name === 'string' && Object.keys(value).length === 2)
    return { choice: { type: 'tool', name: value.name } };
  if (value.type === 'allowed_tools' && Array.isArray(value.tools)) {
    const names = value.tools.flatMap((t) => (isObject(t) && typeof t.name === 'string' ? [t.name] : []));
    const mode = value.mode === 'required' ? 'required' : 'auto';
    return { choice: { type: mode, allowedTools: names }, raw: value };
  }
  const name =
    typeof value.name === 'string'
      ? value.name
      : typeof value.server_label === 'string'
        ? value.server_label
        : value.type;
  return { choice: { type: 'tool', name }, raw: value };
}

/** Writes `tool_choice`, preferring the remembered wire form while it still says the same thing. */
export function encodeToolChoice(
  choice: ToolChoice,
  request: ChatRequest,
  raw: JsonObject | undefined,
): string | JsonObject {
  if (
    raw &&
    isObject(raw) &&
    typeof raw.type === 'string' &&
    jsonEqual(decodeToolChoice(raw as JsonObject & { type: string }).choice, choice)
  )
    return raw;
  const typeOf = (name: string): JsonObject => {
    const tool = request.tools?.find((t) => (t.type === 'builtin' ? (t.name ?? t.kind) : t.name) === name);
    if (tool?.type === 'custom') return { type: 'custom', name };
    if (tool?.type === 'builtin') {
      const wire = extMarkers(tool).tool;
      return { type: isObject(wire) && typeof wire.type === 'string' ? wire.type : (tool.providerType ?? tool.kind) };
    }
    return { type: 'function', name };
  };
  switch (choice.type) {
    case 'none':
      return 'none';
    case 'tool':
      return typeOf(choice.name);
    default:
      if (choice.allowedTools)
        return { type: 'allowed_tools', mode: choice.type, tools: choice.allowedTools.map((n) => typeOf(n)) };
      return choice.type;
  }
}
