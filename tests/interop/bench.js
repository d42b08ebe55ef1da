#!/usr/bin/env node
'use strict';
// The grpc-js side of `make bench`: unary Echo/Say round trips against TARGET (usually server.js) with
// CONCURRENCY calls in flight, a warm-up, then a measured window. Prints one JSON line:
//   {"calls":N,"seconds":S,"p50Us":..,"p99Us":..}
//   node bench.js 127.0.0.1:PORT CONCURRENCY WARMUP_MS DURATION_MS
const { grpc, echo } = require('./lib/protos');

const [target, concurrency, warmupMs, durationMs] = process.argv.slice(2);
const client = new echo.Echo(target, grpc.credentials.createInsecure());
const request = { text: 'bench' };

function say() {
  return new Promise((resolve, reject) => client.say(request, (error) => (error ? reject(error) : resolve())));
}

// Each worker keeps one call in flight until `until`; latencies are kept only when `record` is given.
async function worker(until, record) {
  while (performance.now() < until) {
    const started = process.hrtime.bigint();
    await say();
    if (record) record.push(Number(process.hrtime.bigint() - started) / 1000);
  }
}

async function run(ms, record) {
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(concurrency) }, () => worker(until, record)));
  return (performance.now() - started) / 1000;
}

(async () => {
  await run(Number(warmupMs), null);
  const latencies = [];
  const seconds = await run(Number(durationMs), latencies);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  process.stdout.write(`${JSON.stringify({ calls: latencies.length, seconds, p50Us: at(0.5), p99Us: at(0.99) })}\n`);
  client.close();
})().catch((error) => { console.error(error.stack ?? String(error)); process.exit(1); });
