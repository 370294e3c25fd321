import type { JsonObject, LossRecorder, ReasoningPart } from '@interlingua/core';
import { FORMAT, type Markers } from './ext.ts';
import type { ReasoningField } from './options.ts';

/**
 * Writes a message's reasoning parts into the compatible servers' display field
 * (`reasoning_content` by default). Chat has one such field per message, so several parts are
 * joined. Opaque state is kept only when this format issued it (as `reasoning_signature`); foreign
 * signatures, encrypted reasoning and redacted blocks are dropped with a loss.
 */
export function encodeReasoning(
  out: JsonObject,
  parts: readonly { part: ReasoningPart; path: (string | number)[] }[],
  losses: LossRecorder,
  option: ReasoningField | undefined,
  markers: Markers,
): void {
  if (parts.length === 0) return;
  const field = option ?? (markers.reasoningField === 'reasoning' ? 'reasoning' : 'reasoning_content');
  const texts: string[] = [];
  let signature: string | undefined;
  // A bare empty part is what Chat reads `reasoning_content: ""` as: written back the same way.
  let bareEmpty = false;
  for (const { part, path } of parts) {
    if (part.redacted) {
      losses.drop(path, 'Chat cannot carry redacted reasoning', 'reasoning.redacted');
      continue;
    }
    if (part.encrypted)
      losses.drop(
        [...path, 'encrypted'],
        `Chat cannot carry ${part.encrypted.format} encrypted reasoning`,
        'reasoning.encrypted',
      );
    if (part.id !== undefined) losses.drop([...path, 'id'], 'Chat reasoning has no item id', 'reasoning.id');
    let signed = false;
    if (part.signature) {
      signed = part.signature.format === FORMAT && field !== 'none';
      if (signed) signature = (signature ?? '') + part.signature.value;
      else
        losses.drop(
          [...path, 'signature'],
          `a ${part.signature.format} reasoning signature is not forwarded to Chat`,
          'reasoning.signature',
        );
    }
    let text = part.text;
    if (text === '' && part.summary && part.summary.length > 0) {
      text = part.summary.join('\n\n');
      if (field !== 'none')
        losses.approximate(
          [...path, 'summary'],
          'Chat has no reasoning summary; the summary is sent as reasoning text',
          'reasoning.summary',
        );
    } else if (part.summary && part.summary.length > 0 && field !== 'none') {
      losses.drop([...path, 'summary'], 'Chat has no reasoning summary', 'reasoning.summary');
    }
    if (text !== '') texts.push(text);
    else if (isBare(part)) bareEmpty = true;
    else if (!signed && !part.encrypted)
      // Nothing of the part reaches the wire (Responses' empty reasoning items: an id and `summary: []`).
      losses.drop(
        path,
        'an empty reasoning part has nothing Chat can carry',
        part.summary !== undefined ? 'reasoning.summary' : 'reasoning.text',
      );
  }
  if (field === 'none') {
    if (texts.length > 0)
      losses.drop(parts[0]?.path ?? [], 'reasoning text is not written (reasoningField: none)', 'reasoning.text');
    return;
  }
  if (texts.length > 1)
    losses.approximate(
      parts[0]?.path ?? [],
      'Chat has one reasoning field per message; the parts are joined',
      'reasoning.text',
    );
  if (texts.length > 0 || signature !== undefined || bareEmpty) out[field] = texts.join('\n\n');
  if (signature !== undefined)
    out[typeof markers.signatureField === 'string' ? markers.signatureField : 'reasoning_signature'] = signature;
}

/** A reasoning part with nothing but its (empty) text, as Chat decodes `reasoning_content: ""`. */
function isBare(part: ReasoningPart): boolean {
  return Object.keys(part).every((key) => key === 'type' || key === 'text');
}
