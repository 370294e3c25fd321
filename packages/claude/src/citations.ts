import type { Citation, JsonObject } from '@interlingua/core';
import { claudeExt, leftovers, mergeExt, ownExt, setIf } from './ext.ts';

/**
 * Citations on text blocks, both ways.
 *
 * @see https://docs.claude.com/en/docs/build-with-claude/citations
 */

const LOCATION_FIELDS = {
  char_location: ['char', 'start_char_index', 'end_char_index'],
  page_location: ['page', 'start_page_number', 'end_page_number'],
  content_block_location: ['block', 'start_block_index', 'end_block_index'],
} as const;

type LocationType = keyof typeof LOCATION_FIELDS;

/** Reads one wire citation (already known to be an object with a `type`). */
export function decodeCitation(wire: JsonObject): Citation {
  const type = String(wire.type);
  const str = (key: string): string | undefined => (typeof wire[key] === 'string' ? (wire[key] as string) : undefined);
  const num = (key: string): number | undefined => (typeof wire[key] === 'number' ? (wire[key] as number) : undefined);
  if (type in LOCATION_FIELDS) {
    const [unit, startKey, endKey] = LOCATION_FIELDS[type as LocationType];
    const citation: Citation = { type: 'document' };
    setIf(citation, 'citedText', str('cited_text'));
    setIf(citation, 'documentIndex', num('document_index'));
    setIf(citation, 'title', str('document_title'));
    setIf(citation, 'fileId', str('file_id'));
    const start = num(startKey);
    const end = num(endKey);
    if (start !== undefined && end !== undefined) citation.location = { unit, start, end };
    const known = ['cited_text', 'document_index', 'document_title', 'file_id', startKey, endKey];
    citation.extensions = claudeExt({ type, ...leftoversKeepingNull(wire, known) });
    return citation;
  }
  if (type === 'web_search_result_location') {
    const citation: Citation = { type: 'url' };
    setIf(citation, 'url', str('url'));
    setIf(citation, 'title', str('title'));
    setIf(citation, 'citedText', str('cited_text'));
    citation.extensions = claudeExt({ type, ...leftoversKeepingNull(wire, ['url', 'title', 'cited_text']) });
    return citation;
  }
  if (type === 'search_result_location') {
    const citation: Citation = { type: 'search-result' };
    setIf(citation, 'url', str('source'));
    setIf(citation, 'title', str('title'));
    setIf(citation, 'citedText', str('cited_text'));
    const start = num('start_block_index');
    const end = num('end_block_index');
    if (start !== undefined && end !== undefined) citation.location = { unit: 'block', start, end };
    const known = ['source', 'title', 'cited_text', 'start_block_index', 'end_block_index'];
    citation.extensions = claudeExt({ type, ...leftoversKeepingNull(wire, known) });
    return citation;
  }
  // Unknown citation kinds ride whole in extensions.
  const citation: Citation = { type: 'document' };
  setIf(citation, 'citedText', str('cited_text'));
  citation.extensions = claudeExt({ ...wire });
  return citation;
}

/** Leftover fields, plus known fields whose value is `null` (so `null` comes back as `null`). */
function leftoversKeepingNull(wire: JsonObject, known: readonly string[]): JsonObject {
  const out: JsonObject = leftovers(wire, ['type', ...known]) ?? {};
  for (const key of known) if (wire[key] === null) out[key] = null;
  return out;
}

/** True when the citation came from Claude (it can be written back exactly). */
export function isClaudeCitation(citation: Citation): boolean {
  return typeof ownExt(citation)?.type === 'string';
}

/**
 * Writes a citation. Claude citations come back exactly; foreign ones are approximated (the
 * caller reports it): URL citations become `web_search_result_location` without `encrypted_index`,
 * document citations a `char_location` / `page_location` / `content_block_location`.
 */
export function encodeCitation(citation: Citation): JsonObject {
  const ext = ownExt(citation);
  const type = typeof ext?.type === 'string' ? ext.type : defaultType(citation);
  const wire: JsonObject = { type };
  if (type in LOCATION_FIELDS) {
    const [, startKey, endKey] = LOCATION_FIELDS[type as LocationType];
    if (citation.citedText !== undefined || !ext) wire.cited_text = citation.citedText ?? '';
    if (citation.documentIndex !== undefined) wire.document_index = citation.documentIndex;
    if (citation.title !== undefined) wire.document_title = citation.title;
    if (citation.location) {
      wire[startKey] = citation.location.start;
      wire[endKey] = citation.location.end;
    }
    if (citation.fileId !== undefined) wire.file_id = citation.fileId;
  } else if (type === 'web_search_result_location') {
    if (citation.citedText !== undefined || !ext) wire.cited_text = citation.citedText ?? '';
    if (citation.url !== undefined) wire.url = citation.url;
    if (citation.title !== undefined) wire.title = citation.title;
  } else if (type === 'search_result_location') {
    if (citation.citedText !== undefined || !ext) wire.cited_text = citation.citedText ?? '';
    if (citation.url !== undefined) wire.source = citation.url;
    if (citation.title !== undefined) wire.title = citation.title;
    if (citation.location) {
      wire.start_block_index = citation.location.start;
      wire.end_block_index = citation.location.end;
    }
  } else if (citation.citedText !== undefined) {
    wire.cited_text = citation.citedText;
  }
  return mergeExt(wire, ext);
}

function defaultType(citation: Citation): string {
  if (citation.type === 'url') return 'web_search_result_location';
  if (citation.type === 'search-result') return 'search_result_location';
  if (citation.location?.unit === 'page') return 'page_location';
  if (citation.location?.unit === 'block') return 'content_block_location';
  return 'char_location';
}
