import type { ValidationProblem } from '@interlingua/core';
import { type Difference, showPath } from './diff.ts';

/** What the matrix found wrong with one recording taken through one target format. */
export interface RecordingFindings {
  /** The recording's name (`#n` marks the n-th stream of a multi-stream file). */
  name: string;
  /** Its kind. */
  kind: string;
  /** Differences no reported loss explains. */
  unexplained: readonly Difference[];
  /** Problems the target format's validator found in what the target encoder wrote. */
  problems: readonly ValidationProblem[];
}

/** How a difference looks, without its values (ids and timestamps would make the report unstable). */
function change(d: Difference): string {
  if (d.left === undefined) return 'added';
  if (d.right === undefined) return 'removed';
  return 'changed';
}

/**
 * Renders the findings of one ordered pair as the Markdown kept in `known-differences/`: one
 * section per recording with findings, one line per unexplained difference or validator problem.
 */
export function renderFindings(source: string, target: string, findings: readonly RecordingFindings[]): string {
  const lines = [
    `# ${source} → ${target} → ${source}: known findings`,
    '',
    `Written by \`src/recordings.test.ts\` (\`pnpm --filter @interlingua/matrix test -- -u\` after review).`,
    `Unexplained: a difference between the ${source} recording decoded (c1) and the same recording taken`,
    `through ${target} and back (c2) that no loss report of either direction names. Invalid: a problem`,
    `the ${target} validator found in what the ${target} encoder wrote. Each line is a bug report for an adapter.`,
    '',
  ];
  const withFindings = findings.filter((f) => f.unexplained.length > 0 || f.problems.length > 0);
  if (withFindings.length === 0) lines.push('None.', '');
  for (const f of withFindings) {
    lines.push(`## ${f.name} (${f.kind})`, '');
    for (const d of f.unexplained) lines.push(`- unexplained \`${showPath(d.path)}\`: ${change(d)}`);
    for (const p of f.problems) lines.push(`- invalid \`${showPath(p.path)}\` (${p.rule}): ${p.message}`);
    lines.push('');
  }
  return lines.join('\n');
}
