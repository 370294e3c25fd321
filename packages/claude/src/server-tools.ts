/**
 * Canonical kinds of Claude's server-side tool blocks, both ways.
 *
 * `server_tool_use.name` and the `*_tool_result` block types name the tool; the core uses one kind
 * per capability (`web_search`, `web_fetch`, `code_execution`, `tool_search`, `mcp`). The exact
 * wire name and type always ride in `extensions.claude` (`wireName`, `wireType`), so Claude
 * replays are exact and other formats see the neutral kind.
 *
 * @see https://docs.claude.com/en/docs/agents-and-tools/tool-use/overview
 */

const CALL_KINDS: Record<string, string> = {
  web_search: 'web_search',
  web_fetch: 'web_fetch',
  code_execution: 'code_execution',
  bash_code_execution: 'code_execution',
  text_editor_code_execution: 'code_execution',
  tool_search_tool_regex: 'tool_search',
  tool_search_tool_bm25: 'tool_search',
};

/** Block types of server-tool results (the SDK's `ContentBlock` union plus MCP). */
export const SERVER_RESULT_TYPES = new Set([
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'mcp_tool_result',
]);

/** Block types of server-tool calls. */
export const SERVER_CALL_TYPES = new Set(['server_tool_use', 'mcp_tool_use']);

/** Canonical kind of a server-tool call block. */
export function callKind(type: string, name: string): string {
  if (type === 'mcp_tool_use') return 'mcp';
  return CALL_KINDS[name] ?? name;
}

/** Canonical kind of a server-tool result block type. */
export function resultKind(type: string): string {
  if (type === 'mcp_tool_result') return 'mcp';
  const base = type.replace(/_tool_result$/, '');
  return CALL_KINDS[base] ?? (base === 'tool_search' ? 'tool_search' : base);
}
