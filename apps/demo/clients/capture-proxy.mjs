#!/usr/bin/env node
// A recording reverse proxy: forwards every request to a target origin (the gateway) unchanged and
// appends what the client sent (method, path, headers, JSON body) and the answer's status and
// content type to a JSONL file. run-clients.mjs puts it between each CLI and the gateway with
// --capture; it also runs on its own:
//
//   node capture-proxy.mjs --target http://127.0.0.1:8787 --port 8788 --out requests.jsonl
import { appendFileSync } from 'node:fs';
import http from 'node:http';

/**
 * Starts the proxy on 127.0.0.1 (port 0: any free port) and resolves to { origin, close, requests },
 * requests being the records kept so far (also appended to `out` when given).
 */
export function startCaptureProxy({ target, port = 0, out, label }) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body;
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        body = raw.toString('utf8');
      }
      const record = {
        ...(label ? { client: label } : {}),
        time: new Date().toISOString(),
        method: req.method,
        url: req.url,
        headers: req.headers,
        ...(body !== undefined ? { body } : {}),
      };
      const headers = { ...req.headers };
      delete headers.host;
      const upstream = http.request(new URL(req.url, target), { method: req.method, headers }, (answer) => {
        record.status = answer.statusCode;
        record.responseContentType = answer.headers['content-type'];
        requests.push(record);
        if (out) appendFileSync(out, `${JSON.stringify(record)}\n`);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', (error) => {
        record.status = 502;
        record.proxyError = error.message;
        requests.push(record);
        if (out) appendFileSync(out, `${JSON.stringify(record)}\n`);
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `capture proxy: ${error.message}` } }));
      });
      upstream.end(raw);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({
        origin: `http://127.0.0.1:${bound}`,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const proxy = await startCaptureProxy({
    target: arg('--target', 'http://127.0.0.1:8787'),
    port: Number(arg('--port', '0')),
    out: arg('--out', undefined),
  });
  process.stderr.write(`capture proxy on ${proxy.origin}\n`);
  const stop = () => proxy.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
