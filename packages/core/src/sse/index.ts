export type { SseEventInit } from './event.ts';
export { SseEvent } from './event.ts';
export type { SseSource } from './read.ts';
export { createSseDecoderStream, createSseTransform, readSse } from './read.ts';
export { SseInvalidFieldError, SseLineTooLongError } from './sse-error.ts';
export type { SseTokenizer, SseTokenizerOptions } from './tokenizer.ts';
export { createSseTokenizer } from './tokenizer.ts';
export type { SseMessage } from './write.ts';
export { encodeSse, formatSse, keepAlive, writeSse } from './write.ts';
