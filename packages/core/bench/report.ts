// Renders bench/results/sse.json as the Markdown tables of BENCHMARKS.md: node bench/report.ts [file]
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

interface Row {
  kind: string;
  chunking: string;
  contender: string;
  label: string;
  bytes: number;
  events: number | null;
  mbPerSecond: number;
  eventsPerSecond: number | null;
  wallMbPerSecond: number;
  ratioToEventsourceParser: number;
}

interface Results {
  machine: Record<string, unknown>;
  results: Row[];
  rss: { contender: string; peakGrowthMiB: number; afterGcGrowthMiB: number; retainedAfterGcMiB: number }[];
  targets: { description: string; measured: number; required: string; met: boolean }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? join(here, 'results', 'sse.json');
const data = JSON.parse(readFileSync(file, 'utf8')) as Results;
const chunkings: Record<string, string> = { '64k': '64 KiB', '1-4k': '1–4 KiB', '1-16b': '1–16 B' };

const lines: string[] = [];
for (const kind of [...new Set(data.results.map((r) => r.kind))]) {
  const rows = data.results.filter((r) => r.kind === kind);
  const first = rows[0] as Row;
  lines.push(`**${kind}** (${first.events} events in ${(first.bytes / 1e6).toFixed(0)} MB)`, '');
  lines.push(
    '| contender | ' +
      Object.values(chunkings)
        .map((c) => `${c}: MB/s · Mevents/s · ×e-p`)
        .join(' | ') +
      ' |',
  );
  lines.push(
    '|---|' +
      Object.keys(chunkings)
        .map(() => '--:|')
        .join(''),
  );
  for (const contender of [...new Set(rows.map((r) => r.contender))]) {
    const cells = Object.keys(chunkings).map((chunking) => {
      const r = rows.find((x) => x.contender === contender && x.chunking === chunking);
      if (r === undefined) return '';
      const events = r.eventsPerSecond === null ? '–' : (r.eventsPerSecond / 1e6).toFixed(2);
      return `${r.mbPerSecond.toFixed(0)} · ${events} · ${r.ratioToEventsourceParser.toFixed(2)}`;
    });
    lines.push(`| ${rows.find((r) => r.contender === contender)?.label} | ${cells.join(' | ')} |`);
  }
  lines.push('');
}
lines.push(
  '| RSS, 500 MB stream | peak growth | RSS growth after GC | heap + external kept after GC |',
  '|---|--:|--:|--:|',
);
for (const r of data.rss) {
  lines.push(
    `| ${r.contender} | ${r.peakGrowthMiB.toFixed(1)} MiB | ${r.afterGcGrowthMiB.toFixed(1)} MiB | ${r.retainedAfterGcMiB.toFixed(2)} MiB |`,
  );
}
lines.push('', '| target | measured | required | met |', '|---|--:|--:|:-:|');
for (const t of data.targets) {
  lines.push(`| ${t.description} | ${t.measured.toFixed(2)} | ${t.required} | ${t.met ? 'yes' : '**no**'} |`);
}
console.log(lines.join('\n'));
