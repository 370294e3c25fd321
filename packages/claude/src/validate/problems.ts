// The problem collector lives in core, shared by every adapter's validators; these names keep the
// rule modules' imports short.
export {
  createValidationProblems as createProblems,
  describeValue as describe,
  isRecord,
  type ValidationPath as Path,
  type ValidationProblems as Problems,
  valueAt,
} from '@interlingua/core';
