import type {
  BuiltinTool,
  ChatRequest,
  FunctionTool,
  JsonObject,
  LossRecorder,
  Tool,
  ToolChoice,
} from '@interlingua/core';
import { claudeExt, isObject, leftovers, mergeExt, ownExt } from './ext.ts';
import { decodeToolName, encodeToolName } from './ids.ts';
import type { ClaudeRequestWire } from './wire/request.ts';

/**
 * Tools and `tool_choice`, both ways.
 *
 * @see https://docs.claude.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 */

type WireTool = NonNullable<ClaudeRequestWire['tools']>[number];

/** Neutral option names of built-in tools ↔ Claude fields. */
const OPTION_FIELDS: [string, string][] = [
  ['maxUses', 'max_uses'],
  ['allowedDomains', 'allowed_domains'],
  ['blockedDomains', 'blocked_domains'],
  ['userLocation', 'user_location'],
];

/** Claude tool types used for built-in tools that come from another format. */
const DEFAULT_BUILTINS: Record<string, { type: string; name: string }> = {
  web_search: { type: 'web_search_20250305', name: 'web_search' },
  web_fetch: { type: 'web_fetch_20250910', name: 'web_fetch' },
  code_execution: { type: 'code_execution_20250825', name: 'code_execution' },
  bash: { type: 'bash_20250124', name: 'bash' },
  text_editor: { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' },
  memory: { type: 'memory_20250818', name: 'memory' },
  tool_search: { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' },
};

/** Canonical kind of an Anthropic-defined tool type (`web_search_20250305` → `web_search`). */
function builtinKind(type: string): string {
  const base = type.replace(/_\d{8}$/, '');
  return base.startsWith('tool_search_tool_') ? 'tool_search' : base;
}

/** Reads one wire tool. */
export function decodeTool(tool: WireTool): Tool {
  if (tool.input_schema !== undefined || tool.type === undefined || tool.type === 'custom') {
    const out: FunctionTool = { type: 'function', name: decodeToolName(tool.name) };
    if (tool.description !== undefined) out.description = tool.description;
    if (tool.input_schema !== undefined) out.parameters = tool.input_schema as JsonObject;
    if (tool.strict !== undefined) out.strict = tool.strict;
    const known = ['name', 'description', 'input_schema', 'strict'];
    if (isObject(tool.cache_control) && Object.keys(tool.cache_control).every((k) => k === 'type' || k === 'ttl')) {
      out.cache = {
        type: 'ephemeral',
        ...(typeof tool.cache_control.ttl === 'string' ? { ttl: tool.cache_control.ttl } : {}),
      };
      known.push('cache_control');
    }
    const ext = claudeExt(leftovers(tool, known));
    if (ext) out.extensions = ext;
    return out;
  }
  const out: BuiltinTool = { type: 'builtin', kind: builtinKind(tool.type), providerType: tool.type, name: tool.name };
  const options: JsonObject = {};
  for (const [neutral, wire] of OPTION_FIELDS)
    if (tool[wire] !== undefined) options[neutral] = tool[wire] as JsonObject;
  if (Object.keys(options).length > 0) out.options = options;
  out.extensions = { claude: leftovers(tool, ['type', 'name', ...OPTION_FIELDS.map(([, wire]) => wire)]) ?? {} };
  return out;
}

/** Writes the tools list (tools Claude cannot take are dropped with a loss). */
export function encodeTools(tools: Tool[], losses: LossRecorder): JsonObject[] {
  const out: JsonObject[] = [];
  tools.forEach((tool, i) => {
    const path = ['tools', i];
    if (tool.type === 'function') {
      const name = encodeToolName(tool.name);
      if (name.truncated) losses.approximate([...path, 'name'], 'Tool name cut to 128 characters.', 'tool.name');
      const wire: JsonObject = { name: name.name };
      if (tool.description !== undefined) wire.description = tool.description;
      if (tool.parameters === undefined)
        losses.add(
          'defaulted',
          [...path, 'parameters'],
          'Claude requires an input schema; an empty object schema was sent.',
          'tool.schema',
        );
      wire.input_schema = tool.parameters ?? { type: 'object', properties: {} };
      if (tool.strict !== undefined) wire.strict = tool.strict;
      if (tool.cache) wire.cache_control = { ...tool.cache };
      out.push(mergeExt(wire, ownExt(tool)));
    } else if (tool.type === 'custom') {
      losses.approximate(
        path,
        'Claude has no free-form tools; sent as a tool taking {"input": string}.',
        'tool.custom',
      );
      const wire: JsonObject = { name: encodeToolName(tool.name).name };
      if (tool.description !== undefined) wire.description = tool.description;
      wire.input_schema = { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] };
      out.push(wire);
    } else {
      const wire = encodeBuiltin(tool);
      if (wire) out.push(wire);
      else losses.drop(path, `Claude has no built-in tool "${tool.kind}".`, 'tool.builtin');
      const known = OPTION_FIELDS.map(([neutral]) => neutral);
      for (const option of Object.keys(tool.options ?? {}))
        if (wire && !known.includes(option))
          losses.drop(
            [...path, 'options', option],
            `Claude's ${tool.kind} tool has no "${option}" option.`,
            'tool.builtin',
          );
    }
  });
  return out;
}

function encodeBuiltin(tool: BuiltinTool): JsonObject | undefined {
  const ext = ownExt(tool);
  let type = tool.providerType;
  let name = tool.name;
  if (!ext || type === undefined) {
    const fallback = DEFAULT_BUILTINS[tool.kind];
    if (!fallback) return undefined;
    type = fallback.type;
    name = fallback.name;
  }
  const wire: JsonObject = { type, name: name ?? DEFAULT_BUILTINS[tool.kind]?.name ?? tool.kind };
  for (const [neutral, field] of OPTION_FIELDS) {
    const value = tool.options?.[neutral];
    if (value !== undefined) wire[field] = value;
  }
  return mergeExt(wire, ext);
}

/** Reads `tool_choice` into the core's choice and parallel flag. */
export function decodeToolChoice(wire: NonNullable<ClaudeRequestWire['tool_choice']>): {
  toolChoice: ToolChoice;
  parallelToolCalls?: boolean;
} {
  const toolChoice: ToolChoice =
    wire.type === 'any'
      ? { type: 'required' }
      : wire.type === 'tool'
        ? { type: 'tool', name: decodeToolName(wire.name ?? '') }
        : { type: wire.type };
  return wire.disable_parallel_tool_use === undefined
    ? { toolChoice }
    : { toolChoice, parallelToolCalls: !wire.disable_parallel_tool_use };
}

/** Writes `tool_choice` (or nothing), applying the thinking rule: only `auto` / `none` with thinking on. */
export function encodeToolChoice(
  request: ChatRequest,
  thinkingOn: boolean,
  hasTools: boolean,
  losses: LossRecorder,
): JsonObject | undefined {
  const choice = request.toolChoice;
  let wire: JsonObject | undefined;
  if (choice === undefined) {
    if (request.parallelToolCalls === false && hasTools) wire = { type: 'auto' };
  } else if (choice.type === 'none') {
    wire = { type: 'none' };
  } else if (choice.type === 'tool') {
    wire = { type: 'tool', name: encodeToolName(choice.name).name };
  } else {
    wire = { type: choice.type === 'required' ? 'any' : 'auto' };
    if (choice.allowedTools)
      losses.drop(
        ['toolChoice', 'allowedTools'],
        'Claude cannot restrict tool_choice to a subset of tools.',
        'tool-choice',
      );
  }
  if (wire && thinkingOn && (wire.type === 'any' || wire.type === 'tool')) {
    losses.approximate(['toolChoice'], 'With thinking on Claude only allows tool_choice auto or none.', 'tool-choice');
    wire = { type: 'auto' };
  }
  if (wire && wire.type !== 'none' && request.parallelToolCalls !== undefined)
    wire.disable_parallel_tool_use = !request.parallelToolCalls;
  return wire;
}
