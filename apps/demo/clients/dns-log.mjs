#!/usr/bin/env node
// A DNS server that answers every query NXDOMAIN and logs the name asked for (one JSON line per
// query on stdout when run on its own). `run-clients.mjs --isolate` runs it inside a network
// namespace that has only loopback, with a resolv.conf pointing at it, to record which hosts a CLI
// tries to reach: every lookup fails fast and names itself.
//
//   node dns-log.mjs [--port 53] [--host 127.0.0.1]
import dgram from 'node:dgram';

const TYPES = { 1: 'A', 28: 'AAAA', 5: 'CNAME', 65: 'HTTPS', 33: 'SRV', 16: 'TXT', 12: 'PTR' };

function readName(msg, offset) {
  const labels = [];
  let i = offset;
  for (let guard = 0; guard < 128 && i < msg.length; guard++) {
    const len = msg[i];
    if (len === 0) return { name: labels.join('.'), end: i + 1 };
    if ((len & 0xc0) === 0xc0) return { name: labels.join('.'), end: i + 2 };
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += 1 + len;
  }
  return { name: labels.join('.'), end: i };
}

function answer(msg) {
  if (msg.length < 12) return { reply: undefined };
  const { name, end } = readName(msg, 12);
  const qtype = msg.readUInt16BE(end);
  const reply = Buffer.from(msg.subarray(0, end + 4));
  // QR=1, opcode copied, RD copied, RA=1, RCODE=3 (NXDOMAIN); one question, no answers.
  reply[2] = 0x80 | (msg[2] & 0x79);
  reply[3] = 0x80 | 3;
  reply.writeUInt16BE(1, 4);
  reply.writeUInt16BE(0, 6);
  reply.writeUInt16BE(0, 8);
  reply.writeUInt16BE(0, 10);
  return { reply, name, type: TYPES[qtype] ?? String(qtype) };
}

/**
 * Starts the server; resolves to { close } once it is bound. onQuery({ name, type }) is called for
 * every query (after the NXDOMAIN answer is sent).
 */
export function startDnsLog({ host = '127.0.0.1', port = 53, onQuery }) {
  const socket = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (msg, rinfo) => {
    const { reply, name, type } = answer(msg);
    if (!reply) return;
    socket.send(reply, rinfo.port, rinfo.address);
    onQuery({ name, type });
  });
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => resolve({ close: () => new Promise((done) => socket.close(() => done())) }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const host = arg('--host', '127.0.0.1');
  const port = Number(arg('--port', '53'));
  const server = await startDnsLog({
    host,
    port,
    onQuery: (query) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...query })}\n`),
  });
  process.stderr.write(`dns-log: answering NXDOMAIN on ${host}:${port}\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
