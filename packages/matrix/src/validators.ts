import type { ValidationProblem, ValidationResult, WireEvent } from '@interlingua/core';
import type { ValueKind } from './compare.ts';
import type { MatrixFormat } from './formats.ts';

type BodyValidator = (body: unknown) => ValidationResult;
type StreamValidatorFn = (events: Iterable<WireEvent>) => ValidationResult;

const VALIDATOR_NAMES: Readonly<Record<ValueKind, string>> = {
  request: 'validateRequest',
  response: 'validateResponse',
  error: 'validateError',
  stream: 'validateStream',
};

/**
 * Whether `format`'s package exports the validator for `kind` (validators are being added
 * package by package; a package without one is simply not checked yet).
 */
export function hasValidator(format: MatrixFormat, kind: ValueKind): boolean {
  return typeof format.module[VALIDATOR_NAMES[kind]] === 'function';
}

/**
 * Runs `format`'s own validator for `kind` over a wire value (a body, or a stream's wire events);
 * `undefined` when the package exports none.
 */
export function validate(format: MatrixFormat, kind: ValueKind, wire: unknown): ValidationProblem[] | undefined {
  const validator = format.module[VALIDATOR_NAMES[kind]];
  if (typeof validator !== 'function') return undefined;
  const result =
    kind === 'stream'
      ? (validator as StreamValidatorFn)(wire as WireEvent[])
      : (validator as BodyValidator)(structuredClone(wire));
  return result.problems;
}
