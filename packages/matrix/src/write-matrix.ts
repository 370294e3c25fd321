import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMatrix } from './render-matrix.ts';

/** Where the generated table lives. */
export const MATRIX_PATH = fileURLToPath(new URL('../../../docs/matrix.md', import.meta.url));

// Run directly (`pnpm --filter @interlingua/matrix matrix:write`): regenerate the page.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(MATRIX_PATH, renderMatrix());
  console.log(`wrote ${MATRIX_PATH}`);
}
