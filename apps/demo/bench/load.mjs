// The load generator, run as a child process of run.mjs (fork + IPC) so that its CPU use is not
// charged to the orchestrator and it never shares an event loop with a server under test.
//
// One message in = one measured series: { origin, path, headers, body, concurrency, count, warmup,
// timeCapMs }. The answer: per-request latency percentiles (hrtime, request sent → last body byte),
// time to first body byte (TTFB; for SSE this is the first event), req/s and error counts.
// A fresh undici Pool per series, with exactly `concurrency` keep-alive connections, so a series
// never inherits connections (or their warm state) from the previous contender.
import { Pool } from 'undici';

/** Runs `count` requests with `concurrency` in flight, stopping early at `deadline` (ms, performance.now()). */
async function series(pool, job, count, deadline, record) {
  let issued = 0;
  const worker = async () => {
    while (issued < count && performance.now() < deadline) {
      issued++;
      const started = process.hrtime.bigint();
      let first = 0n;
      let bytes = 0;
      let status = 0;
      let error;
      try {
        const res = await pool.request({ method: 'POST', path: job.path, headers: job.headers, body: job.body });
        status = res.statusCode;
        // Reading chunk by chunk is what gives TTFB: the first chunk is the first SSE event on the wire.
        for await (const chunk of res.body) {
          if (first === 0n) first = process.hrtime.bigint();
          bytes += chunk.length;
        }
      } catch (caught) {
        error = caught;
      }
      const ended = process.hrtime.bigint();
      record(status, error, Number(ended - started) / 1e6, Number((first || ended) - started) / 1e6, bytes);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
}

function quantile(sorted, q) {
  if (sorted.length === 0) return null;
  // Nearest-rank: the value below which q of the samples fall (no interpolation across outliers).
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function run(job) {
  const pool = new Pool(job.origin, { connections: job.concurrency, pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    // Warm-up: JIT, connection set-up and the servers' own pools; its numbers are thrown away.
    const warmDeadline = performance.now() + Math.min(job.timeCapMs, 15_000);
    let warmErrors = 0;
    let warmSample = '';
    await series(pool, job, job.warmup, warmDeadline, (status, error) => {
      if (status !== 200 || error) {
        warmErrors++;
        warmSample ||= error ? String(error.message) : `status ${status}`;
      }
    });
    const latency = new Float64Array(job.count);
    const ttfb = new Float64Array(job.count);
    let n = 0;
    let errors = 0;
    let bytes = 0;
    let errorSample = warmSample;
    const t0 = performance.now();
    await series(pool, job, job.count, t0 + job.timeCapMs, (status, error, total, firstByte, size) => {
      if (status !== 200 || error) {
        errors++;
        errorSample ||= error ? String(error.message) : `status ${status}`;
        return;
      }
      latency[n] = total;
      ttfb[n] = firstByte;
      bytes += size;
      n++;
    });
    const elapsedMs = performance.now() - t0;
    const lat = latency.subarray(0, n).sort();
    const fb = ttfb.subarray(0, n).sort();
    const round = (x) => (x === null ? null : Math.round(x * 1000) / 1000);
    return {
      ok: n,
      errors,
      warmErrors,
      errorSample: errorSample || undefined,
      timedOut: n + errors < job.count,
      elapsedMs: round(elapsedMs),
      rps: Math.round((n / elapsedMs) * 1000),
      meanBytes: n ? Math.round(bytes / n) : 0,
      p50: round(quantile(lat, 0.5)),
      p90: round(quantile(lat, 0.9)),
      p99: round(quantile(lat, 0.99)),
      ttfbP50: round(quantile(fb, 0.5)),
      ttfbP99: round(quantile(fb, 0.99)),
    };
  } finally {
    await pool.destroy();
  }
}

process.on('message', async (message) => {
  try {
    process.send({ id: message.id, result: await run(message.job) });
  } catch (error) {
    process.send({ id: message.id, error: String(error?.stack ?? error) });
  }
});
// Do not outlive the orchestrator.
process.on('disconnect', () => process.exit(0));
