import type { LossRecorder } from '@interlingua/core';

const VALID = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * A tool name Chat accepts (`^[a-zA-Z0-9_-]{1,64}$`). Names from other formats (MCP-style
 * `server.tool`, long names) are rewritten deterministically, so the tool, the tool choice and
 * every call in the history get the same name; the rewrite is reported.
 */
export function chatToolName(name: string, path: (string | number)[], losses: LossRecorder): string {
  if (VALID.test(name)) return name;
  const cleaned = (name.replace(/[^a-zA-Z0-9_-]/g, '_') || '_').slice(0, 64);
  losses.approximate(path, `tool name "${name}" is not a valid Chat name; "${cleaned}" was written`, 'tool.name');
  return cleaned;
}
