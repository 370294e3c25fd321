/**
 * @interlingua/core: the canonical model, the adapter contract, the zero-copy SSE tokenizer and
 * writer, the stream fold, and typed errors.
 *
 * @module
 */

export type {
  ChatAdapter,
  Codec,
  EncodedError,
  ErrorCodec,
  MediaAdapter,
  Observers,
  StreamDecoder,
  StreamEncoder,
  StreamObserver,
  StreamOptions,
  Validators,
  WireEvent,
} from './adapter.ts';
export { sourceFromString, sourceToString } from './data-url.ts';
export { ERROR_LOSS_FEATURES, errorEncoder, reportErrorLosses } from './error-losses.ts';
export {
  type Direction,
  describeValue,
  InterlinguaError,
  type InterlinguaErrorCode,
  ProviderError,
  UnsupportedError,
  WireFormatError,
  type WireIssue,
  type WireKind,
} from './errors.ts';
export {
  carries,
  type FieldMapping,
  jsonEqual,
  keepUnmapped,
  put,
  readField,
  reportForeignExtensions,
  restoreUnmapped,
  setOwn,
  writeField,
} from './field-mapping.ts';
export { cloneJson } from './json-clone.ts';
export type { ApiError, ApiErrorKind } from './model/api-error.ts';
export type { Citation } from './model/citation.ts';
export type {
  AudioPart,
  CacheHint,
  ContentPart,
  ContentPartType,
  FilePart,
  ImagePart,
  ReasoningPart,
  RefusalPart,
  ServerToolCallPart,
  ServerToolResultPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from './model/content.ts';
export type { Extensions } from './model/extensions.ts';
export type { FinishReason, FinishReasonKind } from './model/finish-reason.ts';
export { CHAT_FORMATS, type ChatFormat, type Format, MEDIA_FORMATS, type MediaFormat } from './model/format.ts';
export type { JsonObject, JsonSchema, JsonValue } from './model/json.ts';
export type { TokenLogprob } from './model/logprobs.ts';
export { type Converted, type ConvertOptions, formatPath, type Loss, type LossCode } from './model/loss.ts';
export { createLossRecorder, type LossRecorder } from './model/loss-recorder.ts';
export type {
  MediaAction,
  MediaKind,
  MediaReference,
  MediaRequest,
  MediaResult,
  MediaSubmission,
  MediaTask,
  MediaTaskAction,
  MediaTaskStatus,
} from './model/media.ts';
export type { MediaSource } from './model/media-source.ts';
export type { Message, Role } from './model/message.ts';
export type { OpaqueState } from './model/opaque.ts';
export type { OutputFormat } from './model/output-format.ts';
export type { ReasoningConfig, ReasoningEffort } from './model/reasoning-config.ts';
export type { ChatRequest } from './model/request.ts';
export type { ChatResponse, Choice } from './model/response.ts';
export type {
  BlockDelta,
  BlockDeltaEvent,
  BlockEndEvent,
  BlockStartEvent,
  ErrorEvent,
  ExtensionEvent,
  FinishEvent,
  MessageEndEvent,
  MessageStartEvent,
  StreamEvent,
  UsageEvent,
  WarningEvent,
} from './model/stream-event.ts';
export type { BuiltinTool, CustomTool, FunctionTool, Tool, ToolChoice } from './model/tool.ts';
export type { Usage } from './model/usage.ts';
export { type FeatureNames, reportDifferences } from './report-differences.ts';
export {
  createSseDecoderStream,
  createSseTokenizer,
  createSseTransform,
  encodeSse,
  formatSse,
  keepAlive,
  readSse,
  SseEvent,
  type SseEventInit,
  SseInvalidFieldError,
  SseLineTooLongError,
  type SseMessage,
  type SseSource,
  type SseTokenizer,
  type SseTokenizerOptions,
  writeSse,
} from './sse/index.ts';
export { type Collector, collect, createCollector } from './stream/collect.ts';
export { decodeStream, encodeStream, transcodeEvents, transcodeStream } from './stream/pump.ts';
export { type ToStreamEventsOptions, toStreamEvents } from './stream/to-events.ts';
export { createTemplateReader, type TemplateReader, type TemplateReaderOptions } from './template-reader.ts';
export type { StreamValidator, ValidationProblem, ValidationResult } from './validation.ts';
export {
  createValidationProblems,
  isRecord,
  type SchemaIssueLike,
  type SchemaLike,
  type SchemaOutput,
  type ValidationPath,
  type ValidationProblems,
  valueAt,
} from './validation-problems.ts';
export {
  eventName,
  parseEventJson,
  parseWireJson,
  type SchemaIssue,
  tryParseJson,
  wireErrorFromIssues,
} from './wire-json.ts';
