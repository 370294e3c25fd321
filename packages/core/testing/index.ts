/**
 * Test helpers for adapters: fast-check arbitraries for every canonical model type, chunk
 * splitters for stream tests, and the fixture loader.
 *
 * @module
 */
export {
  arbitraryApiError,
  arbitraryArguments,
  arbitraryBase64,
  arbitraryChatRequest,
  arbitraryChatResponse,
  arbitraryChoice,
  arbitraryContentPart,
  arbitraryFinishReason,
  arbitraryFunctionTool,
  arbitraryId,
  arbitraryJsonObject,
  arbitraryJsonValue,
  arbitraryLogprobs,
  arbitraryMediaRequest,
  arbitraryMediaSource,
  arbitraryMediaTask,
  arbitraryMessage,
  arbitraryOpaque,
  arbitraryText,
  arbitraryToolChoice,
  arbitraryToolName,
  arbitraryUrlCitation,
  arbitraryUsage,
  type ContentOptions,
  dropUndefined,
  type RequestOptions,
  type ResponseOptions,
} from './arbitraries.ts';
export { arbitraryChunking, fixedChunks, oneByteAtATime, splitAt } from './chunkings.ts';
export { errorLossFeatures, streamErrorLossFeatures } from './error-features.ts';
export { classifyFixture, type Fixture, loadFixtures, readJsonLines } from './fixtures.ts';
