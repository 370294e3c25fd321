import type { JsonObject, JsonSchema, LossRecorder, Tool, ToolChoice } from '@interlingua/core';
import { attachExt, extFields, extMarkers, isObject, leftovers, nested, put } from './ext.ts';
import { parseWire } from './parse.ts';
import { chatToolName } from './tool-name.ts';
import { ChatWireCustomToolSchema, ChatWireFunctionToolSchema, type ChatWireRequest } from './wire/request.ts';

/**
 * Reads `tools[]`, legacy `functions[]` and `web_search_options` (Chat's one built-in tool) into
 * core tools. Unknown tool types are kept whole as a built-in tool carrying the raw wire object.
 */
export function decodeTools(wire: ChatWireRequest): Tool[] | undefined {
  const tools: Tool[] = [];
  wire.tools?.forEach((raw, index) => {
    const path = ['tools', index];
    if (raw.type === 'function') {
      const t = parseWire(ChatWireFunctionToolSchema, raw, 'request', path);
      const tool: Tool = { type: 'function', name: t.function.name };
      if (typeof t.function.description === 'string') tool.description = t.function.description;
      if (isObject(t.function.parameters)) tool.parameters = t.function.parameters as JsonSchema;
      if (typeof t.function.strict === 'boolean') tool.strict = t.function.strict;
      const inner = leftovers(t.function, ['name', 'description', 'parameters', 'strict']);
      const fields = leftovers(t, ['type', 'function']);
      if (Object.keys(inner).length > 0) fields.function = inner;
      tools.push(attachExt(tool, fields));
    } else if (raw.type === 'custom') {
      const t = parseWire(ChatWireCustomToolSchema, raw, 'request', path);
      const tool: Tool = { type: 'custom', name: t.custom.name };
      if (typeof t.custom.description === 'string') tool.description = t.custom.description;
      const format = t.custom.format;
      const inner = leftovers(t.custom, ['name', 'description', 'format']);
      if (format?.type === 'text' && Object.keys(format).length === 1) tool.format = { type: 'text' };
      else if (format?.type === 'grammar' && format.grammar && Object.keys(format).length === 2)
        tool.format = { type: 'grammar', syntax: format.grammar.syntax, definition: format.grammar.definition };
      else if (format !== undefined) inner.format = format as JsonObject;
      const fields = leftovers(t, ['type', 'custom']);
      if (Object.keys(inner).length > 0) fields.custom = inner;
      tools.push(attachExt(tool, fields));
    } else {
      const tool: Tool = { type: 'builtin', kind: raw.type, providerType: raw.type };
      tools.push(attachExt(tool, {}, { raw: raw as JsonObject }));
    }
  });
  wire.functions?.forEach((fn) => {
    const tool: Tool = { type: 'function', name: fn.name };
    if (typeof fn.description === 'string') tool.description = fn.description;
    if (isObject(fn.parameters)) tool.parameters = fn.parameters as JsonSchema;
    tools.push(attachExt(tool, leftovers(fn, ['name', 'description', 'parameters']), { legacy: 'functions' }));
  });
  if (isObject(wire.web_search_options)) tools.push(decodeWebSearch(wire.web_search_options));
  return tools.length > 0 ? tools : undefined;
}

function decodeWebSearch(options: JsonObject): Tool {
  const neutral: JsonObject = {};
  const rest = leftovers(options, ['search_context_size', 'user_location']);
  if (typeof options.search_context_size === 'string') neutral.searchContextSize = options.search_context_size;
  const location = options.user_location;
  if (
    isObject(location) &&
    location.type === 'approximate' &&
    isObject(location.approximate) &&
    Object.keys(location).length === 2
  )
    neutral.userLocation = location.approximate;
  else if (location !== undefined) rest.user_location = location;
  const tool: Tool = { type: 'builtin', kind: 'web_search', providerType: 'web_search_options' };
  if (Object.keys(neutral).length > 0) tool.options = neutral;
  return attachExt(tool, rest);
}

/** Writes core tools into `tools[]` / `functions[]` / `web_search_options` on the body. */
export function encodeTools(body: JsonObject, tools: readonly Tool[], losses: LossRecorder): void {
  const list: JsonObject[] = [];
  const functions: JsonObject[] = [];
  tools.forEach((tool, index) => {
    const path = ['tools', index];
    const fields = extFields(tool);
    const markers = extMarkers(tool);
    if (tool.type === 'function' && tool.cache)
      losses.drop([...path, 'cache'], 'Chat tools take no cache breakpoint', 'cache');
    if (tool.type === 'function') {
      const fn: JsonObject = { name: chatToolName(tool.name, [...path, 'name'], losses) };
      put(fn, 'description', tool.description);
      put(fn, 'parameters', tool.parameters);
      if (markers.legacy === 'functions') {
        functions.push({ ...fields, ...fn });
        return;
      }
      put(fn, 'strict', tool.strict);
      list.push({ ...fields, type: 'function', function: { ...nested(fields, 'function'), ...fn } });
    } else if (tool.type === 'custom') {
      const custom: JsonObject = {
        ...nested(fields, 'custom'),
        name: chatToolName(tool.name, [...path, 'name'], losses),
      };
      put(custom, 'description', tool.description);
      if (tool.format?.type === 'text') custom.format = { type: 'text' };
      else if (tool.format?.type === 'grammar')
        custom.format = {
          type: 'grammar',
          grammar: { definition: tool.format.definition, syntax: tool.format.syntax },
        };
      list.push({ ...fields, type: 'custom', custom });
    } else if (isObject(markers.raw)) {
      list.push(markers.raw);
    } else if (tool.kind === 'web_search') {
      body.web_search_options = encodeWebSearch(tool.options ?? {}, fields, path, losses);
    } else {
      losses.drop(path, `Chat has no built-in ${tool.kind} tool`, 'tool.builtin');
    }
  });
  if (list.length > 0) body.tools = list;
  if (functions.length > 0) body.functions = functions;
}

function encodeWebSearch(
  options: JsonObject,
  fields: JsonObject,
  path: (string | number)[],
  losses: LossRecorder,
): JsonObject {
  const out: JsonObject = { ...fields };
  for (const [key, value] of Object.entries(options)) {
    if (key === 'searchContextSize') out.search_context_size = value;
    else if (key === 'userLocation' && isObject(value)) {
      const { type: _type, ...approximate } = value;
      out.user_location = { type: 'approximate', approximate };
    } else losses.drop([...path, 'options', key], `Chat web_search_options has no ${key}`, 'tool.builtin');
  }
  return out;
}

/** Reads `tool_choice` (or legacy `function_call`). */
export function decodeToolChoice(wire: ChatWireRequest): { choice?: ToolChoice; fields: JsonObject } {
  const raw = wire.tool_choice ?? (wire.function_call as typeof wire.tool_choice);
  if (raw === undefined || raw === null) return { fields: {} };
  if (typeof raw === 'string') {
    if (raw === 'none' || raw === 'auto' || raw === 'required') return { choice: { type: raw }, fields: {} };
    return { fields: { tool_choice: raw } };
  }
  const legacyName = (raw as Record<string, unknown>).name;
  if (wire.tool_choice === undefined && typeof legacyName === 'string')
    return { choice: { type: 'tool', name: legacyName }, fields: {} };
  const name = raw.function?.name ?? raw.custom?.name;
  if ((raw.type === 'function' || raw.type === 'custom') && name !== undefined && Object.keys(raw).length === 2)
    return { choice: { type: 'tool', name }, fields: {} };
  const allowed = raw.allowed_tools;
  if (raw.type === 'allowed_tools' && allowed && (allowed.mode === 'auto' || allowed.mode === 'required')) {
    const names = allowed.tools.map((t) => {
      const inner = (t as JsonObject)[t.type];
      return isObject(inner) && typeof inner.name === 'string' ? inner.name : t.type;
    });
    return { choice: { type: allowed.mode, allowedTools: names }, fields: {} };
  }
  return { fields: { tool_choice: raw as JsonObject } };
}

/** The tool's own rename was reported where the tool is written; the choice follows it silently. */
const silent = { losses: [], add() {}, drop() {}, approximate() {} } as LossRecorder;

/** Writes a tool choice as `tool_choice` (or legacy `function_call` when the tools came from `functions`). */
export function encodeToolChoice(
  body: JsonObject,
  choice: ToolChoice,
  tools: readonly Tool[],
  losses: LossRecorder,
): void {
  const legacy = tools.some((t) => extMarkers(t).legacy === 'functions');
  if (choice.type === 'tool') {
    const tool = tools.find((t) => t.name === choice.name);
    if (tool?.type === 'builtin') {
      losses.drop(['toolChoice'], `Chat cannot force the built-in ${tool.kind} tool`, 'tool-choice');
      return;
    }
    const name = chatToolName(choice.name, ['toolChoice', 'name'], silent);
    if (legacy) body.function_call = { name };
    else if (tool?.type === 'custom') body.tool_choice = { type: 'custom', custom: { name } };
    else body.tool_choice = { type: 'function', function: { name } };
    return;
  }
  if (legacy) {
    if (choice.type === 'required')
      losses.approximate(['toolChoice'], 'legacy function_call has no "required"', 'tool-choice');
    body.function_call = choice.type === 'required' ? 'auto' : choice.type;
    return;
  }
  if ((choice.type === 'auto' || choice.type === 'required') && choice.allowedTools) {
    const allowed = choice.allowedTools.map((original): JsonObject => {
      const tool = tools.find((t) => t.name === original);
      const name = chatToolName(original, ['toolChoice', 'allowedTools'], silent);
      return tool?.type === 'custom' ? { type: 'custom', custom: { name } } : { type: 'function', function: { name } };
    });
    body.tool_choice = { type: 'allowed_tools', allowed_tools: { mode: choice.type, tools: allowed } };
    return;
  }
  body.tool_choice = choice.type;
}
