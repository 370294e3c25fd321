import { type Difference, showPath } from './diff.ts';

/** A difference's path with array indices wildcarded: `messages[].content[].text`. */
export function pattern(difference: Difference): string {
  return showPath(difference.path).replace(/\[\d+\]/g, '[]');
}

/**
 * The distinct path patterns of some differences as sorted Markdown list lines. Counts are left
 * out on purpose: they change with every unrelated adapter tweak, the patterns do not.
 */
export function patternLines(differences: readonly Difference[]): string[] {
  return [...new Set(differences.map(pattern))].sort().map((p) => `- \`${p}\``);
}
