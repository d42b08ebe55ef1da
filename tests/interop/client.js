#!/usr/bin/env node
'use strict';
// The grpc-js client the C# interop tests run against OUR server: `node client.js HOST:PORT SCENARIO [ARG]`.
// Prints one JSON object (what the scenario observed) on stdout; the C# test asserts on it.
const { grpc, echo, health, decodeStatusDetails } = require('./lib/protos');
const { ReflectionClient } = require('./lib/reflection');

const [target, scenario, argument] = process.argv.slice(2);
const insecure = grpc.credentials.createInsecure();
const deadline = (ms = 10000) => Date.now() + ms;

function unary(client, method, request, options = {}, metadata = new grpc.Metadata()) {
  return new Promise((resolve) => {
    const seen = { headers: null, trailers: null };
    const call = client[method](request, metadata, { deadline: deadline(), ...options }, (error, response) => {
      // 'status' fires after the callback on success; give it a turn.
      setImmediate(() => resolve({ error, response, ...seen }));
    });
    call.on('metadata', (m) => { seen.headers = m; });
    call.on('status', (s) => { seen.trailers = s.metadata; });
  });
}

function describeError(error) {
  if (!error) return null;
  const details = error.metadata.get('grpc-status-details-bin');
  return {
    code: error.code,
    codeName: grpc.status[error.code],
    message: error.details,
    statusDetails: details.length > 0 ? decodeStatusDetails(details[0]) : null,
  };
}

function streamAll(call) {
  return new Promise((resolve) => {
    const replies = [];
    call.on('data', (r) => replies.push(r.text));
    call.on('error', (error) => resolve({ replies, error: describeError(error) }));
    call.on('status', (s) => { if (s.code === grpc.status.OK) resolve({ replies, error: null }); });
  });
}

const scenarios = {
  async unary() {
    const { error, response } = await unary(new echo.Echo(target, insecure), 'say', { text: 'bonjour' });
    return { error: describeError(error), text: response?.text };
  },

  async 'server-streaming'() {
    const call = new echo.Echo(target, insecure).expand({ text: 'n', count: 5 }, { deadline: deadline() });
    return streamAll(call);
  },

  async 'client-streaming'() {
    return new Promise((resolve) => {
      const call = new echo.Echo(target, insecure).collect({ deadline: deadline() }, (error, response) =>
        resolve({ error: describeError(error), text: response?.text }));
      for (const text of ['a', 'b', 'c']) call.write({ text });
      call.end();
    });
  },

  // Ping-pong: each request is written only after the previous reply arrived, proving true bidi.
  async bidi() {
    const call = new echo.Echo(target, insecure).chat({ deadline: deadline() });
    const texts = ['un', 'deux', 'trois'];
    const done = streamAll(call);
    let next = 0;
    call.on('data', () => { if (next < texts.length) call.write({ text: texts[next++] }); else call.end(); });
    call.write({ text: texts[next++] });
    return done;
  },

  async deadline() {
    const client = new echo.Echo(target, insecure);
    // A first call warms the connection (and the server's JIT), so the deadline measures the handler alone.
    await unary(client, 'say', { text: 'warm-up' });
    const started = Date.now();
    const { error } = await unary(client, 'say', { text: argument, delayMs: 20000 }, { deadline: deadline(1000) });
    return { error: describeError(error), elapsedMs: Date.now() - started };
  },

  async metadata() {
    const metadata = new grpc.Metadata();
    metadata.set('x-ctg-echo', 'valeur-42');
    const { error, response, headers, trailers } = await unary(new echo.Echo(target, insecure), 'say', { text: 'm' }, {}, metadata);
    return {
      error: describeError(error),
      echoHeader: response?.echoHeader,
      responseHeader: headers?.get('x-ctg-echo-header')[0] ?? null,
      responseTrailer: trailers?.get('x-ctg-echo-trailer')[0] ?? null,
      binaryTrailerHex: trailers?.get('x-ctg-bin')[0]?.toString('hex') ?? null,
    };
  },

  async status() {
    const { error } = await unary(new echo.Echo(target, insecure), 'say',
      { text: 'Délibération non signée : élève, ça coûte 5 % — œuf', failWithCode: grpc.status.FAILED_PRECONDITION });
    return { error: describeError(error) };
  },

  async details() {
    const { error } = await unary(new echo.Echo(target, insecure), 'say', {
      text: 'Montants invalides', failWithCode: grpc.status.INVALID_ARGUMENT,
      violations: ['montant.cents=doit être positif', 'structure_id=obligatoire'],
    });
    return { error: describeError(error) };
  },

  async unimplemented() {
    const client = new grpc.Client(target, insecure);
    const call = (path) => new Promise((resolve) => client.makeUnaryRequest(path, (b) => b, (b) => b, Buffer.alloc(0),
      { deadline: deadline() }, (error) => resolve(describeError(error))));
    return { unknownMethod: await call('/ctg.testing.v1.Echo/Nope'), unknownService: await call('/ctg.nope.v1.Nope/Call') };
  },

  // The client sends gzip (grpc-encoding) and accepts gzip (grpc-accept-encoding); the reply tells what the server saw.
  async gzip() {
    const client = new echo.Echo(target, insecure, { 'grpc.default_compression_algorithm': 2 });
    const payload = Buffer.alloc(32 * 1024, 'a');
    const { error, response, headers } = await unary(client, 'say', { text: 'z', payload });
    return {
      error: describeError(error),
      requestEncoding: response?.requestEncoding,
      responseEncoding: headers?.get('grpc-encoding')[0] ?? null,
      payloadLength: response?.payload.length,
      payloadIntact: response ? Buffer.compare(response.payload, payload) === 0 : false,
    };
  },

  async 'too-large'() {
    const size = Number(argument);
    const { error } = await unary(new echo.Echo(target, insecure), 'say', { text: 'big', payload: Buffer.alloc(size, 7) });
    return { error: describeError(error) };
  },

  async health() {
    const client = new health.Health(target, insecure);
    const check = (service) => unary(client, 'check', { service });
    const overall = await check('');
    const unknown = await check('ctg.nope.v1.Nope');
    const watched = await new Promise((resolve) => {
      const call = client.watch({ service: '' }, { deadline: deadline() });
      call.on('data', (r) => { resolve(r.status); call.cancel(); });
      call.on('error', (e) => resolve(`error ${grpc.status[e.code]}`));
    });
    return {
      check: overall.response?.status ?? describeError(overall.error),
      unknownService: describeError(unknown.error),
      watchFirst: watched,
    };
  },

  async reflection() {
    const reflection = new ReflectionClient(target);
    const services = await reflection.listServices();
    const Echo = await reflection.serviceClient('ctg.testing.v1.Echo');
    const { error, response } = await unary(new Echo(target, insecure), 'say', { text: 'découvert par réflexion' });
    reflection.close();
    return { services, error: describeError(error), text: response?.text, methods: Object.keys(Echo.service).sort() };
  },
};

(async () => {
  const run = scenarios[scenario];
  if (!run) { console.error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(', ')}`); process.exit(2); }
  const result = await run();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
})().catch((error) => { console.error(error.stack ?? String(error)); process.exit(1); });
