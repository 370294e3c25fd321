import { classify, type Verdict } from './classify.ts';
import { FORMATS } from './formats.ts';
import { SCENARIOS } from './scenarios.ts';

/** The command that regenerates `docs/matrix.md`. */
export const WRITE_COMMAND = 'pnpm --filter @interlingua/matrix matrix:write';

/** One table cell: the verdict in a few words, features named as the loss reports name them. */
export function renderCell(verdict: Verdict): string {
  const parts: string[] = [];
  if (verdict.status === 'n/a') parts.push(`n/a (source: ${verdict.lost.join(', ')})`);
  else {
    if (verdict.lost.length > 0) parts.push(`lost: ${verdict.lost.join(', ')}`);
    if (verdict.approximated.length > 0) parts.push(`approx: ${verdict.approximated.join(', ')}`);
    if (parts.length === 0) parts.push('kept');
  }
  if (verdict.unreported.length > 0) parts.push(`unreported: ${verdict.unreported.map((p) => `\`${p}\``).join(', ')}`);
  return parts.join('; ');
}

const INTRO = `# Conversion matrix

What survives when a conversation, answer or stream written in one chat format is converted into
another. **Generated, do not edit**: \`packages/matrix/src/write-matrix.ts\` renders this page from
the feature scenarios of \`packages/matrix/src/scenarios.ts\`; regenerate it with
\`${WRITE_COMMAND}\` (a test in \`packages/matrix\` fails when this page is stale).

How a cell is computed, for a scenario, a source format F (the row) and a target format G (the
column): the scenario's canonical value is first put through F (encoded and decoded, so it holds
what a real F conversation would hold), then encoded into G and decoded back. The verdict comes
from G's **loss reports** for that conversion, restricted to the part of the value the scenario is
about; it is never typed by hand. A \`kept\` verdict is also checked: the value decoded from G must
equal F's value (after the documented normalisations: provider \`extensions\` and \`raw\` values,
joined adjacent text parts, compact JSON arguments).

The recordings of every adapter (\`packages/*/fixtures\`) and arbitrary canonical values go through
every ordered pair in \`packages/matrix\`'s tests as well; their unexplained differences are listed
in \`packages/matrix/known-differences/\`.`;

const LEGEND = `## Legend

| cell | meaning |
| --- | --- |
| \`kept\` | nothing reported lost, and the value decoded from the target equals the source's |
| \`approx: <feature>\` | the target carries something close (loss code \`approximated\` or \`defaulted\`) |
| \`lost: <feature>\` | the target drops it (loss code \`dropped\`, or \`stateful\`: left to server state) |
| \`n/a (source: <feature>)\` | the source format cannot carry the scenario exactly itself, so there is nothing to convert |
| \`unreported: <path>\` | the value decoded from the target differs at this path and no loss report names it: an adapter bug |
| — | source and target are the same format |

Features are the stable names of \`docs/adapter-conventions.md\`, as the adapters report them.`;

/** Renders `docs/matrix.md`: intro, legend, then one table per scenario group. */
export function renderMatrix(): string {
  const out = [INTRO, '', LEGEND, ''];
  const groups = [...new Set(SCENARIOS.map((s) => s.group))];
  for (const group of groups) {
    out.push(`## ${group}`, '');
    out.push(`| scenario | from | ${FORMATS.map((f) => `to ${f.format}`).join(' | ')} |`);
    out.push(`| --- | --- | ${FORMATS.map(() => '---').join(' | ')} |`);
    for (const scenario of SCENARIOS.filter((s) => s.group === group)) {
      for (const source of FORMATS) {
        const cells = FORMATS.map((target) =>
          target === source ? '—' : renderCell(classify(scenario, source.format, target.format)),
        );
        out.push(`| ${scenario.title} | ${source.format} | ${cells.join(' | ')} |`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
