import { ClaudeRequest } from '../wire/request.ts';
import { ASSISTANT_BLOCKS, checkBlock, USER_BLOCKS } from './blocks.ts';
import { describe, isRecord, type Path, type Problems } from './problems.ts';

/**
 * The request rules the Messages API answers with a 400 that a converter can break (spec §2, §5,
 * §6), on top of the wire schema. Consecutive same-role messages are not a problem: the API merges
 * them (spec §6), so the turn rules below run on merged turns, as the API does.
 */

/** Options of `validateRequest`. */
export interface ValidateRequestOptions {
  /** The endpoint the body is for: a `count_tokens` body has no `max_tokens`. Default `messages`. */
  endpoint?: 'messages' | 'count_tokens';
}

const TOOL_ID = /^[a-zA-Z0-9_-]+$/;
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MIN_BUDGET = 1024;
const MAX_CACHE_BREAKPOINTS = 4;

interface Entry {
  block: Record<string, unknown>;
  type: string;
  path: Path;
}

interface Turn {
  role: string;
  /** Index of the turn's first message in `messages`. */
  at: number;
  entries: Entry[];
}

/** Checks a Messages API request body. */
export function checkRequest(problems: Problems, body: unknown, options: ValidateRequestOptions = {}): void {
  problems.schema(ClaudeRequest, body, []);
  if (!isRecord(body)) return;
  if ((options.endpoint ?? 'messages') === 'messages' && body.max_tokens === undefined)
    problems.add(['max_tokens'], 'schema', 'expected max_tokens (an integer ≥ 0), got missing');
  if (Array.isArray(body.messages) && body.messages.length === 0)
    problems.add(['messages'], 'empty-content', 'expected at least one message, got none');
  checkSystem(problems, body.system);
  const turns = checkMessages(problems, Array.isArray(body.messages) ? body.messages : []);
  checkTurns(problems, turns);
  checkTools(problems, body);
  checkThinking(problems, body, turns);
  checkCache(problems, body);
}

function checkSystem(problems: Problems, system: unknown): void {
  if (typeof system === 'string') {
    if (system.trim() === '' && system !== '')
      problems.add(['system'], 'empty-text', 'expected non-whitespace system text, got whitespace only');
    return;
  }
  if (!Array.isArray(system)) return;
  const blocks: Entry[] = [];
  system.forEach((block, i) => {
    const type = checkBlock(problems, block, ['system', i]);
    if (type !== undefined && type !== 'text')
      problems.add(['system', i, 'type'], 'schema', `expected a text block in system, got ${type}`);
    if (type !== undefined && isRecord(block)) blocks.push({ block, type, path: ['system', i] });
  });
  checkTexts(problems, blocks);
}

/**
 * Empty text is rejected anywhere. Whitespace-only text is rejected only when the message has
 * nothing else: the API took `[" ", tool_use]` (fixture tool-result-followup-stream) but refuses a
 * lone `" "` ("text content blocks must contain non-whitespace text").
 */
function checkTexts(problems: Problems, entries: Entry[]): void {
  const texts = entries.filter((e) => e.type === 'text' && typeof e.block.text === 'string');
  const anyVisible = entries.some((e) => e.type !== 'text' || String(e.block.text).trim() !== '');
  for (const { block, path } of texts) {
    const text = block.text as string;
    if (text === '') problems.add([...path, 'text'], 'empty-text', 'expected non-empty text, got ""');
    else if (text.trim() === '' && !anyVisible)
      problems.add([...path, 'text'], 'empty-text', `expected non-whitespace text, got ${describe(text)}`);
  }
}

/** Checks every message's blocks; returns the merged turns (system messages left out). */
function checkMessages(problems: Problems, messages: unknown[]): Turn[] {
  const turns: Turn[] = [];
  const ids = new Set<string>();
  messages.forEach((message, m) => {
    if (!isRecord(message) || typeof message.role !== 'string') return;
    const { role, content } = message;
    const path: Path = ['messages', m];
    const last = m === messages.length - 1;
    const entries: Entry[] = [];
    if (typeof content === 'string') {
      if (content === '' && !(last && role === 'assistant'))
        problems.add([...path, 'content'], 'empty-content', 'expected non-empty content, got ""');
      else if (content !== '' && content.trim() === '')
        problems.add([...path, 'content'], 'empty-text', `expected non-whitespace text, got ${describe(content)}`);
      entries.push({ block: { type: 'text', text: content }, type: 'text', path: [...path, 'content'] });
    } else if (Array.isArray(content)) {
      if (content.length === 0 && !(last && role === 'assistant'))
        problems.add([...path, 'content'], 'empty-content', 'expected at least one content block, got none');
      content.forEach((block, b) => {
        const at: Path = [...path, 'content', b];
        const type = checkBlock(problems, block, at);
        if (type === undefined || !isRecord(block)) return;
        entries.push({ block, type, path: at });
        checkBlockRules(problems, role, block, type, at, ids);
      });
      checkTexts(problems, entries);
    }
    // Mid-conversation system messages are not turns; an unknown role is the schema's finding.
    if (role !== 'user' && role !== 'assistant') return;
    const previous = turns[turns.length - 1];
    if (previous && previous.role === role) previous.entries.push(...entries);
    else turns.push({ role, at: m, entries });
  });
  return turns;
}

function checkBlockRules(
  problems: Problems,
  role: string,
  block: Record<string, unknown>,
  type: string,
  at: Path,
  ids: Set<string>,
): void {
  if ((role === 'user' && ASSISTANT_BLOCKS.has(type)) || (role === 'assistant' && USER_BLOCKS.has(type)))
    problems.add([...at, 'type'], 'block-role', `expected a block the ${role} sends, got a ${type} block`);
  if (type === 'tool_use') {
    const id = block.id;
    if (typeof id === 'string' && !TOOL_ID.test(id))
      problems.add([...at, 'id'], 'tool-id', `expected an id matching ${TOOL_ID.source}, got ${describe(id)}`);
    if (typeof id === 'string' && ids.has(id))
      problems.add([...at, 'id'], 'tool-id', `expected a unique tool_use id, got ${describe(id)} again`);
    if (typeof id === 'string') ids.add(id);
    if (typeof block.name === 'string' && !TOOL_NAME.test(block.name))
      problems.add(
        [...at, 'name'],
        'tool-name',
        `expected a name matching ${TOOL_NAME.source}, got ${describe(block.name)}`,
      );
  }
  if (type === 'tool_result' && typeof block.tool_use_id === 'string' && !TOOL_ID.test(block.tool_use_id))
    problems.add(
      [...at, 'tool_use_id'],
      'tool-id',
      `expected an id matching ${TOOL_ID.source}, got ${describe(block.tool_use_id)}`,
    );
  if (type === 'thinking' && (typeof block.signature !== 'string' || block.signature === ''))
    problems.add(
      [...at, 'signature'],
      'signature',
      `expected the signature the API returned with this thinking, got ${describe(block.signature)}`,
    );
  if (type === 'tool_result' && Array.isArray(block.content))
    block.content.forEach((inner, i) => {
      if (isRecord(inner) && inner.type === 'text' && inner.text === '')
        problems.add([...at, 'content', i, 'text'], 'empty-text', 'expected non-empty text, got ""');
    });
}

/** Turn order and tool results: user first; every tool_use answered, first thing in the next user turn. */
function checkTurns(problems: Problems, turns: Turn[]): void {
  const first = turns[0];
  if (first && first.role !== 'user')
    problems.add(
      ['messages', first.at, 'role'],
      'alternation',
      `expected the first turn to be user, got ${first.role}`,
    );
  turns.forEach((turn, t) => {
    const previous = turns[t - 1];
    const next = turns[t + 1];
    if (turn.role === 'assistant' && next?.role === 'user') {
      const answered = new Set(next.entries.filter((e) => e.type === 'tool_result').map((e) => e.block.tool_use_id));
      for (const use of turn.entries.filter((e) => e.type === 'tool_use' && !answered.has(e.block.id)))
        problems.add(
          use.path,
          'tool-result',
          `expected a tool_result for tool_use ${describe(use.block.id)} in the next user turn, got none`,
        );
    }
    if (turn.role !== 'user') return;
    const calls = new Set(
      previous?.role === 'assistant'
        ? previous.entries.filter((e) => e.type === 'tool_use').map((e) => e.block.id)
        : [],
    );
    const seen = new Set<unknown>();
    let other: string | undefined;
    for (const entry of turn.entries) {
      if (entry.type !== 'tool_result') {
        other ??= entry.type;
        continue;
      }
      const id = entry.block.tool_use_id;
      if (other !== undefined)
        problems.add(
          entry.path,
          'tool-result',
          `expected tool_result blocks first in the user turn, got one after a ${other} block`,
        );
      if (!calls.has(id))
        problems.add(
          [...entry.path, 'tool_use_id'],
          'tool-result',
          `expected the id of a tool_use in the previous assistant turn, got ${describe(id)}`,
        );
      else if (seen.has(id))
        problems.add(
          [...entry.path, 'tool_use_id'],
          'tool-result',
          `expected one tool_result per tool_use, got ${describe(id)} again`,
        );
      seen.add(id);
    }
  });
}

function checkTools(problems: Problems, body: Record<string, unknown>): void {
  const names = new Set<string>();
  if (Array.isArray(body.tools))
    body.tools.forEach((tool, i) => {
      if (!isRecord(tool) || typeof tool.name !== 'string') return;
      if (!TOOL_NAME.test(tool.name))
        problems.add(
          ['tools', i, 'name'],
          'tool-name',
          `expected a name matching ${TOOL_NAME.source}, got ${describe(tool.name)}`,
        );
      if (names.has(tool.name))
        problems.add(['tools', i, 'name'], 'tool-name', `expected unique tool names, got ${describe(tool.name)} again`);
      names.add(tool.name);
      if ((tool.type === undefined || tool.type === 'custom') && tool.input_schema === undefined)
        problems.add(
          ['tools', i, 'input_schema'],
          'schema',
          'expected input_schema (an object) on a custom tool, got missing',
        );
    });
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type === 'tool' && typeof choice.name !== 'string')
    problems.add(
      ['tool_choice', 'name'],
      'schema',
      `expected the name of the tool to force, got ${describe(choice.name)}`,
    );
}

/** With thinking on: sampling limits, the budget, tool_choice, no prefill, tool loops open with thinking. */
function checkThinking(problems: Problems, body: Record<string, unknown>, turns: Turn[]): void {
  const thinking = body.thinking;
  if (!isRecord(thinking) || (thinking.type !== 'enabled' && thinking.type !== 'adaptive')) return;
  const on = `with thinking ${thinking.type}`;
  if (body.temperature !== undefined && body.temperature !== 1)
    problems.add(
      ['temperature'],
      'thinking',
      `expected no temperature (or 1) ${on}, got ${describe(body.temperature)}`,
    );
  if (body.top_k !== undefined)
    problems.add(['top_k'], 'thinking', `expected no top_k ${on}, got ${describe(body.top_k)}`);
  if (typeof body.top_p === 'number' && (body.top_p < 0.95 || body.top_p > 1))
    problems.add(['top_p'], 'thinking', `expected top_p between 0.95 and 1 ${on}, got ${body.top_p}`);
  if (thinking.type === 'enabled') {
    const budget = thinking.budget_tokens;
    if (budget === undefined)
      problems.add(['thinking', 'budget_tokens'], 'schema', 'expected budget_tokens (an integer ≥ 1024), got missing');
    else if (typeof budget === 'number' && budget < MIN_BUDGET)
      problems.add(['thinking', 'budget_tokens'], 'thinking', `expected budget_tokens ≥ ${MIN_BUDGET}, got ${budget}`);
    else if (typeof budget === 'number' && typeof body.max_tokens === 'number' && budget >= body.max_tokens)
      problems.add(
        ['thinking', 'budget_tokens'],
        'thinking',
        `expected budget_tokens below max_tokens (${body.max_tokens}), got ${budget}`,
      );
  }
  const choice = body.tool_choice;
  if (isRecord(choice) && choice.type !== 'auto' && choice.type !== 'none')
    problems.add(
      ['tool_choice', 'type'],
      'thinking',
      `expected tool_choice auto or none ${on}, got ${describe(choice.type)}`,
    );
  const last = turns[turns.length - 1];
  if (last?.role === 'assistant')
    problems.add(
      ['messages', last.at],
      'thinking',
      `expected the conversation to end with a user turn ${on} (no prefill), got an assistant turn`,
    );
  const loop = turns[turns.length - 2];
  if (last?.role === 'user' && loop?.role === 'assistant' && last.entries.some((e) => e.type === 'tool_result')) {
    const lead = loop.entries[0];
    if (lead && lead.type !== 'thinking' && lead.type !== 'redacted_thinking')
      problems.add(
        lead.path,
        'thinking',
        `expected the assistant turn that called the tools to start with its thinking block ${on}, got a ${lead.type} block`,
      );
  }
}

/** At most four `cache_control` breakpoints, the top-level one included. */
function checkCache(problems: Problems, body: Record<string, unknown>): void {
  const found: Path[] = [];
  const visit = (value: unknown, path: Path): void => {
    if (!isRecord(value)) return;
    if (value.cache_control !== undefined && value.cache_control !== null) found.push([...path, 'cache_control']);
    if (Array.isArray(value.content)) visitAll(value.content, [...path, 'content']);
  };
  const visitAll = (values: unknown, path: Path): void => {
    if (Array.isArray(values)) for (const [i, value] of values.entries()) visit(value, [...path, i]);
  };
  if (body.cache_control !== undefined && body.cache_control !== null) found.push(['cache_control']);
  visitAll(body.tools, ['tools']);
  visitAll(body.system, ['system']);
  visitAll(body.messages, ['messages']);
  for (const path of found.slice(MAX_CACHE_BREAKPOINTS))
    problems.add(
      path,
      'cache-control',
      `expected at most ${MAX_CACHE_BREAKPOINTS} cache_control breakpoints, got ${found.length}`,
    );
}
