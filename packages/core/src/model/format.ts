/** The four chat wire formats interlingua converts between. */
export type ChatFormat = 'openai-chat' | 'openai-responses' | 'claude' | 'gemini';

/** The two media-task wire formats. */
export type MediaFormat = 'midjourney' | 'sora';

/** Every wire format with an adapter. */
export type Format = ChatFormat | MediaFormat;

/** All chat formats, in a stable order (used by tests, the CLI and the matrix). */
export const CHAT_FORMATS: readonly ChatFormat[] = ['openai-chat', 'openai-responses', 'claude', 'gemini'];

/** All media formats, in a stable order. */
export const MEDIA_FORMATS: readonly MediaFormat[] = ['midjourney', 'sora'];
