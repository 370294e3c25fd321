import { formatPath, type ValidationProblem, type ValidationResult, type WireEvent } from '@interlingua/core';
import { adapters } from './adapters.ts';
import type { ConvertOptions } from './convert.ts';
import type { Kind } from './detect.ts';

/** Validates one body of `kind` against `format`'s grammar. */
export function validateBody(
  value: unknown,
  kind: Exclude<Kind, 'stream'>,
  format: ConvertOptions['from'],
): ValidationResult {
  return adapters[format].validate[kind](value);
}

/** Validates a stream event by event (memory bounded by the open blocks, not the stream). */
export async function validateEvents(
  events: AsyncIterable<WireEvent>,
  format: ConvertOptions['from'],
): Promise<ValidationResult> {
  const validator = adapters[format].validate.createStreamValidator();
  for await (const event of events) validator.push(event);
  return validator.end();
}

/** One line per problem: `event 3 choices[0].delta: expected …, received … [rule]`. */
export function formatProblem(problem: ValidationProblem, kind: Kind): string {
  if (kind !== 'stream') return `${formatPath(problem.path)}: ${problem.message} [${problem.rule}]`;
  const [event, ...rest] = problem.path;
  const where = rest.length > 0 ? ` ${formatPath(rest)}` : '';
  return `event ${event}${where}: ${problem.message} [${problem.rule}]`;
}
