// Summarises a V8 .cpuprofile (from `node bench/run.mjs --cpu-prof`, written to bench/.cache/prof/):
// self time per function and inclusive time per function of this repository, as file:line.
//
//   node bench/hotspots.mjs bench/.cache/prof/CPU.*.cpuprofile [top=30]
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
// Time per sampled node (timeDeltas[i] is the time since the previous sample, in µs).
const time = new Map();
for (const [i, id] of profile.samples.entries()) time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...time.values()].reduce((a, b) => a + b, 0);
const name = (node) => {
  const frame = node.callFrame;
  return `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '')}:${frame.lineNumber + 1}`;
};
const self = new Map();
const inclusive = new Map();
for (const [id, t] of time) {
  const key = name(nodes.get(id));
  self.set(key, (self.get(key) ?? 0) + t);
  // Each function counted once per stack, so recursion does not inflate it.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = name(nodes.get(at));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + t);
  }
}
const pct = (t) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
const print = (title, entries) => {
  process.stdout.write(`${title}\n`);
  for (const [key, t] of entries.sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(t)}  ${key}\n`);
};
process.stdout.write(`profile: ${(total / 1e6).toFixed(1)} s sampled\n`);
print('self time', [...self]);
print(
  'inclusive time, this repository',
  [...inclusive].filter(([key]) => /(apps|packages)\//.test(key)),
);
