import type { Citation, JsonObject, LossRecorder } from '@interlingua/core';
import { attachExt, extFields, extMarkers, isObject, leftovers, put } from './ext.ts';

/** Reads one `output_text` annotation; unknown annotation types ride whole in the citation's extensions. */
export function decodeAnnotation(annotation: JsonObject): Citation {
  const a = annotation as Record<string, unknown>;
  const str = (key: string): string | undefined => (typeof a[key] === 'string' ? (a[key] as string) : undefined);
  const num = (key: string): number | undefined => (typeof a[key] === 'number' ? (a[key] as number) : undefined);
  switch (a.type) {
    case 'url_citation': {
      const citation: Citation = { type: 'url' };
      assign(citation, {
        url: str('url'),
        title: str('title'),
        startIndex: num('start_index'),
        endIndex: num('end_index'),
      });
      return attachExt(citation, leftovers(annotation, ['type', 'url', 'title', 'start_index', 'end_index']));
    }
    case 'file_citation':
    case 'container_file_citation':
    case 'file_path': {
      const citation: Citation = { type: 'file' };
      assign(citation, {
        fileId: str('file_id'),
        filename: str('filename'),
        startIndex: num('start_index'),
        endIndex: num('end_index'),
      });
      const known = ['type', 'file_id', 'filename', 'start_index', 'end_index'];
      return attachExt(
        citation,
        leftovers(annotation, known),
        a.type === 'file_citation' ? undefined : { annotation: a.type as string },
      );
    }
    default:
      return attachExt<Citation>({ type: 'document' }, {}, { raw: annotation });
  }
}

/** Writes a citation as an annotation; citations Responses cannot express are dropped with a loss. */
export function encodeCitation(
  citation: Citation,
  path: (string | number)[],
  losses: LossRecorder,
): JsonObject | undefined {
  const markers = extMarkers(citation);
  if (isObject(markers.raw)) return markers.raw;
  const fields = extFields(citation);
  if (citation.type === 'file' && citation.fileId !== undefined) {
    const type = typeof markers.annotation === 'string' ? markers.annotation : 'file_citation';
    const out: JsonObject = { type, ...fields };
    put(out, 'file_id', citation.fileId);
    put(out, 'filename', citation.filename);
    put(out, 'start_index', citation.startIndex);
    put(out, 'end_index', citation.endIndex);
    if (type !== 'container_file_citation' && out.index === undefined) out.index = citation.startIndex ?? 0;
    if (type === 'file_citation' && out.filename === undefined) out.filename = '';
    return out;
  }
  if (citation.url !== undefined) {
    if (citation.startIndex === undefined || citation.endIndex === undefined)
      losses.approximate(
        path,
        'the citation has no character offsets; it is written with offsets 0..0',
        'content.citations',
      );
    return {
      type: 'url_citation',
      ...fields,
      start_index: citation.startIndex ?? 0,
      end_index: citation.endIndex ?? 0,
      url: citation.url,
      title: citation.title ?? '',
    };
  }
  losses.drop(
    path,
    `a ${citation.type} citation without a URL or file id has no Responses annotation`,
    'content.citations',
  );
  return undefined;
}

function assign(target: Citation, values: Partial<Citation>): void {
  for (const [key, value] of Object.entries(values))
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
}
