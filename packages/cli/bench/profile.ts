// Runs one contender over one direction's stream a few times, for a CPU profile:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --conditions=@interlingua/source bench/profile.ts chat-to-claude interlingua
// Arguments: direction key (claude-to-chat | chat-to-claude | chat-to-responses), contender key
// (floor | interlingua | interlingua-sync | llm-bridge | musistudio), optional passes (default 5), optional MB (default 50).
import process from 'node:process';
import { contendersFor, createSink, DIRECTIONS } from './contenders.ts';
import { chatStream, chunk, claudeStream } from './streams.ts';

const [directionKey = 'chat-to-claude', contenderKey = 'interlingua', passes = '5', megabytes = '50'] =
  process.argv.slice(2);
const direction = DIRECTIONS.find((d) => d.key === directionKey);
if (!direction) throw new Error(`unknown direction ${directionKey}`);
const contender = (await contendersFor(direction)).find((c) => c.key === contenderKey);
if (!contender) throw new Error(`unknown contender ${contenderKey}`);
const bytes = Number(megabytes) * 1e6;
const stream = direction.from === 'claude' ? claudeStream(bytes) : chatStream(bytes);
const chunks = chunk(stream, 1024, 4096);
for (let i = 0; i < Number(passes); i++) {
  const sink = createSink();
  const cpu = process.cpuUsage();
  await contender.run(chunks, sink);
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  console.log(`${direction.key} ${contender.key}: ${(stream.length / seconds / 1e6).toFixed(1)} MB/s (CPU time)`);
}
