import type { Extensions } from './extensions.ts';

/**
 * A source the model cites for a span of text: a web page, a document location or a file.
 *
 * Chat `url_citation` and Responses annotations carry character offsets into the text part;
 * Claude citations carry the cited text and a document location; Gemini grounding supports carry
 * segment offsets and chunk indices. The core keeps the union of what they say.
 */
export interface Citation {
  /** What is cited. */
  type: 'url' | 'document' | 'file' | 'search-result';
  /** The cited page (type `url`) or source. */
  url?: string;
  /** Title of the page or document. */
  title?: string;
  /** The text quoted from the source (Claude `cited_text`). */
  citedText?: string;
  /** Start offset of the citing span in this text part, in UTF-16 code units (inclusive). */
  startIndex?: number;
  /** End offset of the citing span in this text part, in UTF-16 code units (exclusive). */
  endIndex?: number;
  /** Index of the cited document among the request's documents (Claude). */
  documentIndex?: number;
  /** Location inside the document: characters, pages or content blocks (Claude). */
  location?: {
    /** Unit of `start` / `end`. */
    unit: 'char' | 'page' | 'block';
    /** First unit (inclusive). */
    start: number;
    /** Last unit (exclusive for char and block, inclusive for pages as Claude sends them). */
    end: number;
  };
  /** Cited file id (file citations, Claude plain-text documents). */
  fileId?: string;
  /** Cited file name. */
  filename?: string;
  /** Provider-specific fields (encrypted indices, container ids, confidence scores). */
  extensions?: Extensions;
}
