import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI, type Part } from '@google/genai';
import type { ChatFormat } from '@interlingua/core';
import OpenAI from 'openai';

/** What a client got back, normalised across the four SDKs. */
export interface Outcome {
  text: string;
  reasoning: string;
  toolCalls: { id: string; name: string; arguments: unknown }[];
}

/** One conversation turn to run. */
export interface Ask {
  model: string;
  prompt: string;
  stream: boolean;
  tools?: boolean;
  reasoning?: boolean;
}

/** A client SDK pointed at the gateway: asks, and answers a tool call with a result. */
export interface Driver {
  ask(ask: Ask): Promise<Outcome>;
  /** Sends the tool result for the first tool call of the last answer; returns the next answer. */
  answerTool(result: string): Promise<Outcome>;
}

const KEY = 'sk-test';
const WEATHER = {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

/** A driver for the official SDK of `format`, talking to the gateway at `origin`. */
export function driver(format: ChatFormat, origin: string): Driver {
  switch (format) {
    case 'openai-chat':
      return chatDriver(origin);
    case 'openai-responses':
      return responsesDriver(origin);
    case 'claude':
      return claudeDriver(origin);
    case 'gemini':
      return geminiDriver(origin);
  }
}

function chatDriver(origin: string): Driver {
  const client = new OpenAI({ apiKey: KEY, baseURL: `${origin}/v1`, maxRetries: 0 });
  let ask: Ask | undefined;
  const messages: OpenAI.ChatCompletionMessageParam[] = [];
  const run = async (): Promise<Outcome> => {
    const a = ask as Ask;
    const params: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: a.model,
      messages,
      ...(a.tools
        ? {
            tools: [
              {
                type: 'function',
                function: { name: WEATHER.name, description: WEATHER.description, parameters: WEATHER.schema },
              },
            ],
          }
        : {}),
      ...(a.reasoning ? { reasoning_effort: 'high' } : {}),
    };
    // The stream helper keeps only the last fragment of the non-standard `reasoning_content`: read the chunks.
    let streamedReasoning = '';
    const completion = a.stream
      ? await client.chat.completions
          .stream({ ...params, stream: true })
          .on('chunk', (chunk) => {
            const delta = chunk.choices[0]?.delta as { reasoning_content?: string } | undefined;
            streamedReasoning += delta?.reasoning_content ?? '';
          })
          .finalChatCompletion()
      : await client.chat.completions.create(params);
    const message = completion.choices[0]?.message as OpenAI.ChatCompletionMessage & { reasoning_content?: string };
    messages.push(message as OpenAI.ChatCompletionAssistantMessageParam);
    return {
      text: message.content ?? '',
      reasoning: a.stream ? streamedReasoning : (message.reasoning_content ?? ''),
      toolCalls: (message.tool_calls ?? []).flatMap((call) =>
        call.type === 'function'
          ? [{ id: call.id, name: call.function.name, arguments: JSON.parse(call.function.arguments) }]
          : [],
      ),
    };
  };
  return {
    async ask(next) {
      ask = next;
      messages.push({ role: 'user', content: next.prompt });
      return run();
    },
    async answerTool(result) {
      const last = messages.at(-1) as OpenAI.ChatCompletionAssistantMessageParam;
      const call = last.tool_calls?.[0];
      messages.push({ role: 'tool', tool_call_id: call?.id ?? '', content: result });
      return run();
    },
  };
}

function responsesDriver(origin: string): Driver {
  const client = new OpenAI({ apiKey: KEY, baseURL: `${origin}/v1`, maxRetries: 0 });
  let ask: Ask | undefined;
  const input: OpenAI.Responses.ResponseInputItem[] = [];
  const run = async (): Promise<Outcome> => {
    const a = ask as Ask;
    const params: OpenAI.Responses.ResponseCreateParamsNonStreaming = {
      model: a.model,
      input,
      ...(a.tools
        ? {
            tools: [
              {
                type: 'function',
                name: WEATHER.name,
                description: WEATHER.description,
                parameters: WEATHER.schema,
                strict: false,
              },
            ],
          }
        : {}),
      ...(a.reasoning ? { reasoning: { effort: 'high', summary: 'auto' } } : {}),
    };
    const response = a.stream
      ? await client.responses.stream({ ...params, stream: true }).finalResponse()
      : await client.responses.create(params);
    input.push(...(response.output as OpenAI.Responses.ResponseInputItem[]));
    const reasoning = response.output.flatMap((item) =>
      item.type === 'reasoning' ? [...item.summary.map((s) => s.text), ...(item.content ?? []).map((c) => c.text)] : [],
    );
    return {
      text: response.output_text,
      reasoning: reasoning.join(''),
      toolCalls: response.output.flatMap((item) =>
        item.type === 'function_call'
          ? [{ id: item.call_id, name: item.name, arguments: JSON.parse(item.arguments) }]
          : [],
      ),
    };
  };
  return {
    async ask(next) {
      ask = next;
      input.push({ role: 'user', content: next.prompt });
      return run();
    },
    async answerTool(result) {
      const call = input.find((item) => item.type === 'function_call') as OpenAI.Responses.ResponseFunctionToolCall;
      input.push({ type: 'function_call_output', call_id: call.call_id, output: result });
      return run();
    },
  };
}

function claudeDriver(origin: string): Driver {
  const client = new Anthropic({ apiKey: KEY, baseURL: origin, maxRetries: 0 });
  let ask: Ask | undefined;
  const messages: Anthropic.MessageParam[] = [];
  const run = async (): Promise<Outcome> => {
    const a = ask as Ask;
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: a.model,
      max_tokens: 2048,
      messages,
      ...(a.tools
        ? {
            tools: [
              {
                name: WEATHER.name,
                description: WEATHER.description,
                input_schema: WEATHER.schema as Anthropic.Tool.InputSchema,
              },
            ],
          }
        : {}),
      ...(a.reasoning ? { thinking: { type: 'enabled', budget_tokens: 1024 } } : {}),
    };
    const message = a.stream
      ? await client.messages.stream(params).finalMessage()
      : await client.messages.create(params);
    messages.push({ role: 'assistant', content: message.content });
    const blocks = message.content;
    return {
      text: blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join(''),
      reasoning: blocks.flatMap((b) => (b.type === 'thinking' ? [b.thinking] : [])).join(''),
      toolCalls: blocks.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, arguments: b.input }] : [])),
    };
  };
  return {
    async ask(next) {
      ask = next;
      messages.push({ role: 'user', content: next.prompt });
      return run();
    },
    async answerTool(result) {
      const last = messages.at(-1)?.content as Anthropic.ContentBlock[];
      const call = last.find((b) => b.type === 'tool_use');
      messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id ?? '', content: result }] });
      return run();
    },
  };
}

function geminiDriver(origin: string): Driver {
  const ai = new GoogleGenAI({ apiKey: KEY, httpOptions: { baseUrl: origin } });
  let ask: Ask | undefined;
  const contents: { role: string; parts: Part[] }[] = [];
  const run = async (): Promise<Outcome> => {
    const a = ask as Ask;
    const params = {
      model: a.model,
      contents,
      config: {
        ...(a.tools
          ? {
              tools: [
                {
                  functionDeclarations: [
                    { name: WEATHER.name, description: WEATHER.description, parametersJsonSchema: WEATHER.schema },
                  ],
                },
              ],
            }
          : {}),
        ...(a.reasoning ? { thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 } } : {}),
      },
    };
    const parts: Part[] = [];
    if (a.stream) {
      for await (const chunk of await ai.models.generateContentStream(params)) {
        parts.push(...(chunk.candidates?.[0]?.content?.parts ?? []));
      }
    } else {
      const response = await ai.models.generateContent(params);
      parts.push(...(response.candidates?.[0]?.content?.parts ?? []));
    }
    contents.push({ role: 'model', parts });
    return {
      text: parts.flatMap((p) => (p.text !== undefined && !p.thought ? [p.text] : [])).join(''),
      reasoning: parts.flatMap((p) => (p.text !== undefined && p.thought ? [p.text] : [])).join(''),
      toolCalls: parts.flatMap((p) =>
        p.functionCall
          ? [{ id: p.functionCall.id ?? '', name: p.functionCall.name ?? '', arguments: p.functionCall.args }]
          : [],
      ),
    };
  };
  return {
    async ask(next) {
      ask = next;
      contents.push({ role: 'user', parts: [{ text: next.prompt }] });
      return run();
    },
    async answerTool(result) {
      const call = contents.at(-1)?.parts.find((p) => p.functionCall)?.functionCall;
      contents.push({
        role: 'user',
        parts: [
          { functionResponse: { ...(call?.id ? { id: call.id } : {}), name: call?.name ?? '', response: { result } } },
        ],
      });
      return run();
    },
  };
}
