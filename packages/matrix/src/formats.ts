import { fileURLToPath } from 'node:url';
import * as claudeModule from '@interlingua/claude';
import type { ChatAdapter, ChatFormat } from '@interlingua/core';
import * as geminiModule from '@interlingua/gemini';
import * as openaiChatModule from '@interlingua/openai-chat';
import * as openaiResponsesModule from '@interlingua/openai-responses';

/** One chat format as the matrix sees it: its adapter, its package's exports and its recordings. */
export interface MatrixFormat {
  /** The format's name. */
  format: ChatFormat;
  /** The adapter object. */
  adapter: ChatAdapter;
  /** Everything the adapter package exports (validators are looked up here by name). */
  module: Readonly<Record<string, unknown>>;
  /** Absolute path of the package's `fixtures/` folder. */
  fixturesDir: string;
  /** True when a request's URL, not its body, names the model (its decoder takes `{ model, stream }`). */
  urlCarriesModel?: boolean;
}

/** The model a recorded request's URL named, for formats whose bodies do not name it. */
export const RECORDING_MODEL = 'gemini-2.5-flash';

const fixturesOf = (name: string): string => fileURLToPath(new URL(`../../${name}/fixtures`, import.meta.url));

/**
 * The single list of formats the matrix runs over, in `CHAT_FORMATS` order. Every test, the
 * property runs and the generated table iterate this list, so adding a format is one line here.
 */
export const FORMATS: readonly MatrixFormat[] = [
  {
    format: 'openai-chat',
    adapter: openaiChatModule.openaiChat,
    module: openaiChatModule,
    fixturesDir: fixturesOf('openai-chat'),
  },
  {
    format: 'openai-responses',
    adapter: openaiResponsesModule.openaiResponses,
    module: openaiResponsesModule,
    fixturesDir: fixturesOf('openai-responses'),
  },
  { format: 'claude', adapter: claudeModule.claude, module: claudeModule, fixturesDir: fixturesOf('claude') },
  {
    format: 'gemini',
    adapter: geminiModule.gemini,
    module: geminiModule,
    fixturesDir: fixturesOf('gemini'),
    urlCarriesModel: true,
  },
];

/** Every ordered pair (source, target) of distinct formats. */
export const PAIRS: readonly (readonly [MatrixFormat, MatrixFormat])[] = FORMATS.flatMap((source) =>
  FORMATS.filter((target) => target !== source).map((target) => [source, target] as const),
);

/** The format entry of `format` (throws on an unknown name). */
export function formatOf(format: ChatFormat): MatrixFormat {
  const found = FORMATS.find((f) => f.format === format);
  if (!found) throw new Error(`unknown format ${format}`);
  return found;
}
