import type { Buffer } from 'node:buffer';
import { createSseTokenizer } from '@interlingua/core';

// The floors: the minimum work any converter of these events must do. Tokenize (our tokenizer),
// JSON.parse each payload, build the target event by hand (a straight-line mapping of exactly the
// event shapes the bench streams contain: no validation, no canonical model, no generality), JSON.stringify
// it and hand the SSE frame to the sink, one write per output event like the real converters.
// They are not converters: anything outside the generated shapes is ignored.

// biome-ignore lint/suspicious/noExplicitAny: a floor reads JSON straight, without types or checks.
type Json = any;

const now = (): number => Math.floor(Date.now() / 1000);

/** Claude → Chat Completions (thinking as `reasoning_content`, the signature dropped as our encoder does). */
export async function* floorClaudeToChat(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const tokenizer = createSseTokenizer();
  let id = '';
  let model = '';
  // Claude reports the tier in the start usage; Chat repeats it on every chunk (as our encoder does).
  let tier = '';
  const created = now();
  let tool = -1;
  let finish = 'stop';
  let prompt = 0;
  let completion = 0;
  const frame = (delta: Json): string =>
    'data: ' +
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: tier,
      choices: [{ index: 0, delta, finish_reason: null }],
    }) +
    '\n\n';
  for await (const bytes of source) {
    const events = tokenizer.feed(bytes);
    for (let i = 0; i < events.length; i++) {
      const p: Json = JSON.parse((events[i] as { data: string }).data);
      switch (p.type) {
        case 'content_block_delta': {
          const d = p.delta;
          if (d.type === 'text_delta') yield frame({ content: d.text });
          else if (d.type === 'thinking_delta') yield frame({ reasoning_content: d.thinking });
          // The first fragment of a tool input is empty and carries nothing: no chunk for it.
          else if (d.type === 'input_json_delta' && d.partial_json !== '')
            yield frame({ tool_calls: [{ index: tool, function: { arguments: d.partial_json } }] });
          break;
        }
        case 'content_block_start':
          if (p.content_block.type === 'tool_use') {
            tool++;
            const { id: callId, name } = p.content_block;
            yield frame({
              tool_calls: [{ index: tool, id: callId, type: 'function', function: { name, arguments: '' } }],
            });
          }
          break;
        case 'message_start':
          id = p.message.id;
          model = p.message.model;
          prompt = p.message.usage.input_tokens;
          tier = p.message.usage.service_tier;
          yield frame({ role: 'assistant', content: '', refusal: null });
          break;
        case 'message_delta':
          finish =
            p.delta.stop_reason === 'tool_use'
              ? 'tool_calls'
              : p.delta.stop_reason === 'max_tokens'
                ? 'length'
                : 'stop';
          completion = p.usage.output_tokens;
          yield 'data: ' +
            JSON.stringify({
              id,
              object: 'chat.completion.chunk',
              created,
              model,
              service_tier: tier,
              choices: [{ index: 0, delta: {}, finish_reason: finish }],
            }) +
            '\n\n';
          break;
        case 'message_stop':
          yield 'data: ' +
            JSON.stringify({
              id,
              object: 'chat.completion.chunk',
              created,
              model,
              service_tier: tier,
              choices: [],
              usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
            }) +
            '\n\n';
          yield 'data: [DONE]\n\n';
          break;
      }
    }
  }
  tokenizer.end();
}

/** Chat Completions → Claude (text block, then one tool_use block per call, then message_delta / message_stop). */
export async function* floorChatToClaude(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const tokenizer = createSseTokenizer();
  let started = false;
  let block = -1;
  let text = false;
  let tool = -1;
  let stop = 'end_turn';
  let output = 0;
  const frame = (type: string, data: Json): string => 'event: ' + type + '\ndata: ' + JSON.stringify(data) + '\n\n';
  for await (const bytes of source) {
    const events = tokenizer.feed(bytes);
    for (let i = 0; i < events.length; i++) {
      const data = (events[i] as { data: string }).data;
      if (data === '[DONE]') {
        yield frame('message_delta', {
          type: 'message_delta',
          delta: { stop_reason: stop, stop_sequence: null },
          usage: { output_tokens: output },
        });
        yield frame('message_stop', { type: 'message_stop' });
        continue;
      }
      const p: Json = JSON.parse(data);
      if (!started) {
        started = true;
        yield frame('message_start', {
          type: 'message_start',
          message: {
            id: p.id,
            type: 'message',
            role: 'assistant',
            model: p.model,
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: { input_tokens: 0, output_tokens: 0 },
          },
        });
      }
      if (p.usage) output = p.usage.completion_tokens;
      const c = p.choices[0];
      if (c === undefined) continue;
      const d = c.delta;
      if (typeof d.content === 'string' && d.content !== '') {
        if (!text) {
          text = true;
          block++;
          yield frame('content_block_start', {
            type: 'content_block_start',
            index: block,
            content_block: { type: 'text', text: '' },
          });
        }
        yield frame('content_block_delta', {
          type: 'content_block_delta',
          index: block,
          delta: { type: 'text_delta', text: d.content },
        });
      }
      if (d.tool_calls !== undefined) {
        const call = d.tool_calls[0];
        if (call.index !== tool) {
          if (block >= 0) yield frame('content_block_stop', { type: 'content_block_stop', index: block });
          tool = call.index;
          block++;
          yield frame('content_block_start', {
            type: 'content_block_start',
            index: block,
            content_block: { type: 'tool_use', id: call.id, name: call.function.name, input: {} },
          });
        }
        const args = call.function.arguments;
        if (args !== '')
          yield frame('content_block_delta', {
            type: 'content_block_delta',
            index: block,
            delta: { type: 'input_json_delta', partial_json: args },
          });
      }
      if (c.finish_reason) {
        if (block >= 0) yield frame('content_block_stop', { type: 'content_block_stop', index: block });
        stop = c.finish_reason === 'tool_calls' ? 'tool_use' : c.finish_reason === 'length' ? 'max_tokens' : 'end_turn';
      }
    }
  }
  tokenizer.end();
}

/**
 * Chat Completions → Responses: the full event grammar a Responses client needs (created, in_progress,
 * item added / content part added / deltas / done events per item, and a `response.completed` carrying
 * the whole output and usage), with sequence numbers.
 */
export async function* floorChatToResponses(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const tokenizer = createSseTokenizer();
  let seq = 0;
  let response: Json;
  let outputIndex = -1;
  let message: Json;
  let call: Json;
  let tool = -1;
  const output: Json[] = [];
  let usage: Json = null;
  const frame = (type: string, data: Json): string => {
    data.sequence_number = seq++;
    return 'event: ' + type + '\ndata: ' + JSON.stringify(data) + '\n\n';
  };
  function* closeItem(): Generator<string> {
    if (message !== undefined) {
      const at = { item_id: message.id, output_index: outputIndex, content_index: 0 };
      const part = { type: 'output_text', annotations: [], logprobs: [], text: message.text };
      yield frame('response.output_text.done', {
        type: 'response.output_text.done',
        ...at,
        text: message.text,
        logprobs: [],
      });
      yield frame('response.content_part.done', { type: 'response.content_part.done', ...at, part });
      const item = { id: message.id, type: 'message', status: 'completed', content: [part], role: 'assistant' };
      output.push(item);
      yield frame('response.output_item.done', { type: 'response.output_item.done', output_index: outputIndex, item });
      message = undefined;
    }
    if (call !== undefined) {
      yield frame('response.function_call_arguments.done', {
        type: 'response.function_call_arguments.done',
        item_id: call.id,
        output_index: outputIndex,
        arguments: call.arguments,
      });
      call.status = 'completed';
      output.push(call);
      yield frame('response.output_item.done', {
        type: 'response.output_item.done',
        output_index: outputIndex,
        item: call,
      });
      call = undefined;
    }
  }
  for await (const bytes of source) {
    const events = tokenizer.feed(bytes);
    for (let i = 0; i < events.length; i++) {
      const data = (events[i] as { data: string }).data;
      if (data === '[DONE]') {
        yield* closeItem();
        response.status = 'completed';
        response.output = output;
        response.usage = usage;
        yield frame('response.completed', { type: 'response.completed', response });
        continue;
      }
      const p: Json = JSON.parse(data);
      if (response === undefined) {
        response = {
          id: 'resp_' + p.id,
          object: 'response',
          created_at: p.created,
          status: 'in_progress',
          error: null,
          incomplete_details: null,
          model: p.model,
          output: [],
          usage: null,
        };
        yield frame('response.created', { type: 'response.created', response });
        yield frame('response.in_progress', { type: 'response.in_progress', response });
      }
      if (p.usage) {
        const u = p.usage;
        usage = {
          input_tokens: u.prompt_tokens,
          input_tokens_details: { cached_tokens: u.prompt_tokens_details.cached_tokens },
          output_tokens: u.completion_tokens,
          output_tokens_details: { reasoning_tokens: u.completion_tokens_details.reasoning_tokens },
          total_tokens: u.total_tokens,
        };
      }
      const c = p.choices[0];
      if (c === undefined) continue;
      const d = c.delta;
      if (typeof d.content === 'string' && d.content !== '') {
        if (message === undefined) {
          outputIndex++;
          message = { id: 'msg_' + p.id.slice(9), text: '' };
          yield frame('response.output_item.added', {
            type: 'response.output_item.added',
            output_index: outputIndex,
            item: { id: message.id, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
          });
          yield frame('response.content_part.added', {
            type: 'response.content_part.added',
            item_id: message.id,
            output_index: outputIndex,
            content_index: 0,
            part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
          });
        }
        message.text += d.content;
        yield frame('response.output_text.delta', {
          type: 'response.output_text.delta',
          item_id: message.id,
          output_index: outputIndex,
          content_index: 0,
          delta: d.content,
          logprobs: [],
        });
      }
      if (d.tool_calls !== undefined) {
        const fragment = d.tool_calls[0];
        if (fragment.index !== tool) {
          yield* closeItem();
          tool = fragment.index;
          outputIndex++;
          call = {
            id: 'fc_' + fragment.id.slice(5),
            type: 'function_call',
            status: 'in_progress',
            arguments: '',
            call_id: fragment.id,
            name: fragment.function.name,
          };
          yield frame('response.output_item.added', {
            type: 'response.output_item.added',
            output_index: outputIndex,
            item: { ...call },
          });
        }
        const args = fragment.function.arguments;
        if (args !== '') {
          call.arguments += args;
          yield frame('response.function_call_arguments.delta', {
            type: 'response.function_call_arguments.delta',
            item_id: call.id,
            output_index: outputIndex,
            delta: args,
          });
        }
      }
      if (c.finish_reason) yield* closeItem();
    }
  }
  tokenizer.end();
}
