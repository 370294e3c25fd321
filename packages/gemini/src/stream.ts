export { CHUNK_END, CHUNK_START, createStreamDecoder } from './stream-decoder.ts';
export { createStreamEncoder, formatGeminiSse } from './stream-encoder.ts';
