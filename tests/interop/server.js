#!/usr/bin/env node
'use strict';
// The grpc-js side of the test-only Echo contract (the C# side is tests/Ctg.Platform.Tests/Transport/EchoService.cs).
// Started by the C# interop tests and the benchmark: `node server.js [PORT]` (0 or none picks a free port).
// stdout protocol: "LISTENING <port>" once bound, then "CANCELLED <call id>" whenever a handler sees its call cancelled.
const { grpc, echo, encodeStatusDetails } = require('./lib/protos');

const ECHO_HEADER = 'x-ctg-echo';
const BINARY_TRAILER_VALUE = Buffer.from([0x00, 0x01, 0xfe, 0xff]);

function first(metadata, key) {
  const values = metadata.get(key);
  return values.length > 0 ? String(values[0]) : '';
}

function reply(call, text, payload) {
  return {
    text,
    payload: payload ?? Buffer.alloc(0),
    echoHeader: first(call.metadata, ECHO_HEADER),
    // grpc-js removes grpc-encoding from the metadata handlers see, so this side cannot tell.
    requestEncoding: '',
  };
}

// Metadata flows back both as a response header and as trailers (text and binary).
function echoMetadata(call) {
  const echoed = first(call.metadata, ECHO_HEADER);
  if (!echoed) return new grpc.Metadata();
  const headers = new grpc.Metadata();
  headers.set('x-ctg-echo-header', echoed);
  call.sendMetadata(headers);
  const trailers = new grpc.Metadata();
  trailers.set('x-ctg-echo-trailer', `${echoed}!`);
  trailers.set('x-ctg-bin', BINARY_TRAILER_VALUE);
  return trailers;
}

function failure(request, trailers) {
  const metadata = trailers.clone();
  if (request.violations.length > 0) {
    metadata.set('grpc-status-details-bin', encodeStatusDetails(request.failWithCode, request.text, request.violations));
  }
  return { code: request.failWithCode, details: request.text, metadata };
}

const handlers = {
  say(call, callback) {
    const trailers = echoMetadata(call);
    const { request } = call;
    const finish = () => {
      if (request.failWithCode !== 0) callback(failure(request, trailers));
      else callback(null, reply(call, request.text, request.payload), trailers);
    };
    if (request.delayMs <= 0) { finish(); return; }
    const timer = setTimeout(finish, request.delayMs);
    call.on('cancelled', () => { clearTimeout(timer); process.stdout.write(`CANCELLED ${request.text}\n`); });
  },

  expand(call) {
    const trailers = echoMetadata(call);
    for (let i = 0; i < call.request.count; i++) call.write(reply(call, `${call.request.text}-${i}`));
    call.end(trailers);
  },

  collect(call, callback) {
    const trailers = echoMetadata(call);
    const texts = [];
    call.on('data', (request) => texts.push(request.text));
    call.on('end', () => callback(null, reply(call, texts.join('+')), trailers));
  },

  chat(call) {
    const trailers = echoMetadata(call);
    call.on('data', (request) => call.write(reply(call, request.text.toUpperCase())));
    call.on('end', () => call.end(trailers));
  },
};

// grpc-js decompresses gzip requests; it does not compress responses (a documented grpc-js limitation).
const server = new grpc.Server({ 'grpc.max_receive_message_length': 4 * 1024 * 1024 });
server.addService(echo.Echo.service, handlers);
server.bindAsync(`127.0.0.1:${process.argv[2] ?? 0}`, grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) { console.error(error.message); process.exit(1); }
  process.stdout.write(`LISTENING ${port}\n`);
});
// The parent test closes our stdin when it is done: leave then, even if it forgot to kill us.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
