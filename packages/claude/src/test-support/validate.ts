import type { JsonObject } from '@interlingua/core';

/**
 * The request rules the Messages API enforces that converters can break (spec §5/§6), checked on an
 * encoded body: returns the violations found (empty when the body would be accepted).
 */
export function claudeRequestProblems(body: JsonObject): string[] {
  const problems: string[] = [];
  const messages = body.messages as JsonObject[];
  if (typeof body.max_tokens !== 'number') problems.push('max_tokens missing');
  const thinking = body.thinking as JsonObject | undefined;
  const on = thinking?.type === 'enabled' || thinking?.type === 'adaptive';
  if (thinking?.type === 'enabled' && !((thinking.budget_tokens as number) < (body.max_tokens as number)))
    problems.push('budget_tokens >= max_tokens');
  if (thinking?.type === 'enabled' && (thinking.budget_tokens as number) < 1024) problems.push('budget_tokens < 1024');
  if (on && body.temperature !== undefined && body.temperature !== 1) problems.push('temperature with thinking');
  if (on && body.top_k !== undefined) problems.push('top_k with thinking');
  const choice = body.tool_choice as JsonObject | undefined;
  if (on && choice && (choice.type === 'any' || choice.type === 'tool')) problems.push('forced tool with thinking');
  const name = /^[a-zA-Z0-9_-]{1,128}$/;
  for (const tool of (body.tools as JsonObject[] | undefined) ?? [])
    if (!name.test(String(tool.name))) problems.push(`tool name ${String(tool.name)}`);
  if (typeof body.system !== 'string' && body.system !== undefined)
    for (const block of body.system as JsonObject[])
      if (block.type !== 'text' || block.text === '') problems.push('system block');
  const turns = messages.filter((m) => m.role !== 'system');
  if (turns[0] && turns[0].role !== 'user') problems.push('first turn is not user');
  turns.forEach((m, i) => {
    if (i > 0 && turns[i - 1]!.role === m.role) problems.push(`consecutive ${String(m.role)} turns at ${i}`);
    if (typeof m.content === 'string') {
      if (m.content === '') problems.push('empty string content');
      return;
    }
    const blocks = m.content as JsonObject[];
    if (blocks.length === 0) problems.push(`empty content at ${i}`);
    let seenOther = false;
    for (const b of blocks) {
      if (b.type === 'text' && b.text === '') problems.push('empty text block');
      if (b.type === 'tool_use' && !/^[a-zA-Z0-9_-]+$/.test(String(b.id))) problems.push(`tool_use id ${String(b.id)}`);
      if (b.type === 'tool_use' && !name.test(String(b.name))) problems.push(`tool_use name ${String(b.name)}`);
      if (m.role === 'assistant' && b.type === 'tool_result') problems.push('tool_result in assistant turn');
      if (m.role === 'user' && (b.type === 'tool_use' || b.type === 'thinking'))
        problems.push(`${String(b.type)} in user turn`);
      if (b.type === 'tool_result' && seenOther) problems.push('tool_result after other content');
      if (b.type !== 'tool_result') seenOther = true;
    }
    const prev = turns[i - 1];
    const calls =
      prev && Array.isArray(prev.content)
        ? (prev.content as JsonObject[]).filter((b) => b.type === 'tool_use').map((b) => b.id)
        : [];
    for (const b of blocks)
      if (b.type === 'tool_result' && !calls.includes(b.tool_use_id))
        problems.push(`orphan result ${String(b.tool_use_id)}`);
    const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id);
    const next = turns[i + 1];
    if (uses.length > 0 && next) {
      const results =
        typeof next.content === 'string' ? [] : (next.content as JsonObject[]).filter((b) => b.type === 'tool_result');
      for (const use of uses)
        if (!results.some((r) => r.tool_use_id === use)) problems.push(`no result for ${String(use)}`);
    }
  });
  return problems;
}
