import type {
  CacheHint,
  ContentPart,
  FilePart,
  ImagePart,
  JsonObject,
  LossRecorder,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '@interlingua/core';
import { encodeCitation, isClaudeCitation } from './citations.ts';
import { isObject, mergeExt, ownExt } from './ext.ts';
import { encodeToolId, encodeToolName } from './ids.ts';
import { IMAGE_MEDIA_TYPES, parseDataUrl } from './media.ts';

/** What content encoding needs to know: where the blocks go and where losses are recorded. */
export interface ContentContext {
  /** The loss recorder of the conversion. */
  losses: LossRecorder;
  /** Request blocks (history sent to the API) or response blocks (what the API answers with). */
  target: 'request' | 'response';
}

type Path = (string | number)[];

/** Writes `cache_control` for a cache hint. */
export function encodeCache(cache: CacheHint): JsonObject {
  return cache.ttl !== undefined ? { type: 'ephemeral', ttl: cache.ttl } : { type: 'ephemeral' };
}

function finish(block: JsonObject, part: ContentPart): JsonObject {
  if (part.cache) block.cache_control = encodeCache(part.cache);
  return mergeExt(block, ownExt(part));
}

/** Puts blocks kept whole in `extensions.claude.extraBlocks` back at their wire positions. */
export function insertExtra(blocks: JsonObject[], ext: JsonObject | undefined): JsonObject[] {
  const extra = ext?.extraBlocks;
  if (!Array.isArray(extra)) return blocks;
  const out = [...blocks];
  for (const item of extra) {
    if (!isObject(item) || typeof item.at !== 'number' || !isObject(item.block)) continue;
    out.splice(Math.min(item.at, out.length), 0, item.block);
  }
  return out;
}

/** Writes one content part as a Claude block, or `undefined` (with a loss) when Claude cannot carry it. */
export function encodePart(part: ContentPart, path: Path, ctx: ContentContext): JsonObject | undefined {
  const { losses } = ctx;
  switch (part.type) {
    case 'text':
      return encodeText(part, path, ctx);
    case 'refusal':
      losses.approximate(path, 'Claude has no refusal block; the refusal is sent as text.', 'content.refusal');
      return part.text === '' ? undefined : finish({ type: 'text', text: part.text }, part);
    case 'image':
      return encodeImage(part, path, ctx);
    case 'file':
      return encodeFile(part, path, ctx);
    case 'audio':
      losses.drop(path, 'Claude does not accept audio content.', 'content.audio');
      return undefined;
    case 'reasoning': {
      if (part.redacted && part.encrypted?.format === 'claude')
        return finish({ type: 'redacted_thinking', data: part.encrypted.value }, part);
      if (!part.redacted && part.signature?.format === 'claude')
        return finish({ type: 'thinking', thinking: part.text, signature: part.signature.value }, part);
      // Foreign reasoning can never become a thinking block: Claude verifies signatures.
      if (part.text !== '' || (part.summary?.length ?? 0) > 0)
        losses.drop(path, 'Reasoning without a Claude signature cannot be sent to Claude.', 'reasoning.text');
      if (part.signature)
        losses.drop([...path, 'signature'], 'A foreign reasoning signature was dropped.', 'reasoning.signature');
      if (part.encrypted)
        losses.drop([...path, 'encrypted'], 'Foreign encrypted reasoning was dropped.', 'reasoning.encrypted');
      else if (part.redacted)
        losses.drop(path, 'Redacted reasoning without Claude data was dropped.', 'reasoning.redacted');
      return undefined;
    }
    case 'tool-call':
      return encodeToolCall(part, path, ctx);
    case 'tool-result':
      if (ctx.target === 'response') {
        losses.drop(path, 'A Claude response cannot carry a tool result.', 'tool-result');
        return undefined;
      }
      return encodeToolResult(part, path, ctx);
    case 'server-tool-call': {
      const ext = ownExt(part);
      if (typeof ext?.wireType !== 'string') {
        losses.drop(path, 'Server tool calls of another provider cannot be replayed to Claude.', 'server-tool');
        return undefined;
      }
      const name = typeof ext.wireName === 'string' ? ext.wireName : part.name;
      return finish({ type: ext.wireType, id: part.id, name, input: part.input }, part);
    }
    case 'server-tool-result': {
      const ext = ownExt(part);
      if (typeof ext?.wireType !== 'string') {
        losses.drop(path, 'Server tool results of another provider cannot be replayed to Claude.', 'server-tool');
        return undefined;
      }
      return finish({ type: ext.wireType, tool_use_id: part.callId, content: part.output }, part);
    }
  }
}

function encodeText(part: TextPart, path: Path, ctx: ContentContext): JsonObject | undefined {
  if (part.text === '' && ctx.target === 'request') {
    ctx.losses.drop(path, 'Claude rejects empty text blocks.', 'content.empty-text');
    return undefined;
  }
  const block: JsonObject = { type: 'text', text: part.text };
  if (part.signature)
    ctx.losses.drop(
      [...path, 'signature'],
      'A signature on a text part cannot be sent to Claude.',
      'reasoning.signature',
    );
  if (part.citations) {
    const citations: JsonObject[] = [];
    part.citations.forEach((citation, i) => {
      if (isClaudeCitation(citation)) citations.push(encodeCitation(citation));
      else if (ctx.target === 'response') {
        ctx.losses.approximate(
          [...path, 'citations', i],
          'Citation rewritten in a Claude citation shape.',
          'content.citations',
        );
        citations.push(encodeCitation(citation));
      } else
        ctx.losses.drop(
          [...path, 'citations', i],
          'Claude only accepts its own citations in history.',
          'content.citations',
        );
    });
    if (citations.length > 0 || part.citations.length === 0) block.citations = citations;
  }
  return finish(block, part);
}

function encodeImage(part: ImagePart, path: Path, ctx: ContentContext): JsonObject | undefined {
  const ext = ownExt(part);
  if (ctx.target === 'response') {
    ctx.losses.drop(path, 'Claude responses cannot contain images.', 'content.image');
    return undefined;
  }
  // Even `auto` is reported: Claude has no field for it, so it does not come back.
  if (part.detail !== undefined)
    ctx.losses.drop([...path, 'detail'], 'Claude has no image detail setting.', 'content.image');
  if (isObject(ext?.source)) return finish({ type: 'image', source: ext.source }, part);
  const source = part.source;
  let wire: JsonObject | undefined;
  if (source.type === 'base64' && IMAGE_MEDIA_TYPES.has(source.mediaType))
    wire = { type: 'base64', media_type: source.mediaType, data: source.data };
  else if (source.type === 'url') {
    const data = parseDataUrl(source.url);
    if (!data) wire = { type: 'url', url: source.url };
    else if (IMAGE_MEDIA_TYPES.has(data.mediaType))
      wire = { type: 'base64', media_type: data.mediaType, data: data.data };
  } else if (source.type === 'file') wire = { type: 'file', file_id: source.fileId };
  if (!wire) {
    ctx.losses.drop(
      path,
      'Claude accepts only JPEG, PNG, GIF and WebP images by base64, URL or file id.',
      'content.image',
    );
    return undefined;
  }
  return finish({ type: 'image', source: wire }, part);
}

function encodeFile(part: FilePart, path: Path, ctx: ContentContext): JsonObject | undefined {
  const ext = ownExt(part);
  if (ctx.target === 'response') {
    ctx.losses.drop(path, 'Claude responses cannot contain documents.', 'content.file');
    return undefined;
  }
  let wire: JsonObject | undefined = isObject(ext?.source) ? ext.source : undefined;
  const source = part.source;
  if (!wire) {
    if (source.type === 'base64' && source.mediaType === 'application/pdf')
      wire = { type: 'base64', media_type: source.mediaType, data: source.data };
    else if (source.type === 'base64' && source.mediaType.startsWith('text/'))
      wire = { type: 'text', media_type: 'text/plain', data: Buffer.from(source.data, 'base64').toString('utf8') };
    else if (source.type === 'url') {
      const data = parseDataUrl(source.url);
      if (!data) wire = { type: 'url', url: source.url };
      else if (data.mediaType === 'application/pdf')
        wire = { type: 'base64', media_type: data.mediaType, data: data.data };
    } else if (source.type === 'file') wire = { type: 'file', file_id: source.fileId };
    else if (source.type === 'text')
      wire = { type: 'text', media_type: source.mediaType ?? 'text/plain', data: source.text };
  }
  if (!wire) {
    ctx.losses.drop(path, 'Claude documents are PDF or plain text (base64, URL, file id or text).', 'content.file');
    return undefined;
  }
  const block: JsonObject = { type: 'document', source: wire };
  if (part.title !== undefined) block.title = part.title;
  else if (part.filename !== undefined) {
    block.title = part.filename;
    ctx.losses.approximate([...path, 'filename'], 'Claude has no file name; it is sent as the title.', 'content.file');
  }
  if (part.context !== undefined) block.context = part.context;
  if (part.citations !== undefined) block.citations = { enabled: part.citations };
  return finish(block, part);
}

function encodeToolCall(part: ToolCallPart, path: Path, ctx: ContentContext): JsonObject {
  const { losses } = ctx;
  const name = encodeToolName(part.name);
  if (name.truncated) losses.approximate([...path, 'name'], 'Tool name cut to 128 characters.', 'tool.name');
  if (part.signature)
    losses.drop([...path, 'signature'], 'A signature on a tool call cannot be sent to Claude.', 'reasoning.signature');
  if (part.itemId !== undefined)
    losses.drop([...path, 'itemId'], 'Claude has no item id besides the call id.', 'tool-call.id');
  let input: JsonObject;
  if (part.kind === 'custom') {
    losses.approximate(path, 'Claude has no free-form tool input; it is sent as {"input": …}.', 'tool.custom');
    input = { input: part.arguments };
  } else {
    input = parseArguments(part.arguments, [...path, 'arguments'], losses);
  }
  return finish({ type: 'tool_use', id: encodeToolId(part.id), name: name.name, input }, part);
}

/** Parses tool-call arguments into Claude's `input` object (`{}` with a loss when they are not a JSON object). */
export function parseArguments(text: string, path: Path, losses: LossRecorder): JsonObject {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
  } catch {
    // Reported below.
  }
  losses.approximate(path, 'Tool-call arguments are not a JSON object; sent as {}.', 'tool-call.arguments');
  return {};
}

function encodeToolResult(part: ToolResultPart, path: Path, ctx: ContentContext): JsonObject {
  const ext = ownExt(part);
  const block: JsonObject = { type: 'tool_result', tool_use_id: encodeToolId(part.callId) };
  const only = part.content[0];
  if (
    ext?.contentForm === 'string' &&
    part.content.length === 1 &&
    only?.type === 'text' &&
    !only.cache &&
    !only.citations &&
    !only.extensions
  ) {
    block.content = only.text;
  } else {
    const inner: JsonObject[] = [];
    part.content.forEach((item, i) => {
      const itemPath = [...path, 'content', i];
      if (item.type === 'audio') {
        ctx.losses.drop(itemPath, 'Claude tool results cannot carry audio.', 'tool-result.media');
        return;
      }
      const encoded = encodePart(item, itemPath, ctx);
      if (encoded) inner.push(encoded);
    });
    const content = insertExtra(inner, ext);
    if (content.length > 0 || ext?.contentForm === 'array') block.content = content;
  }
  if (part.isError !== undefined) block.is_error = part.isError;
  return finish(block, part);
}
