'use strict';
// Loads the contracts the interop scripts speak: the test-only Echo service (the same .proto the C#
// tests compile), the standard health and reflection services, and the google.rpc error model.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const here = path.join(__dirname, '..');
const loaderOptions = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true };

function load(file, includeDirs) {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, { ...loaderOptions, includeDirs }));
}

const echoRoot = path.join(here, '..', 'Ctg.Platform.Tests', 'Protos');
const interopRoot = path.join(here, 'protos');

const echo = load('ctg/testing/v1/echo.proto', [echoRoot]).ctg.testing.v1;
const health = load('grpc/health/v1/health.proto', [interopRoot]).grpc.health.v1;
const reflection = load('grpc/reflection/v1alpha/reflection.proto', [interopRoot]).grpc.reflection.v1alpha;

// protobufjs (not proto-loader) because these messages travel inside metadata, not as call payloads.
const rpcRoot = new protobuf.Root();
rpcRoot.resolvePath = (origin, target) =>
  target.startsWith('google/protobuf/') ? target : path.join(interopRoot, target);
rpcRoot.loadSync('google/rpc/status.proto');
const RpcStatus = rpcRoot.lookupType('google.rpc.Status');
const BadRequest = rpcRoot.lookupType('google.rpc.BadRequest');
const badRequestTypeUrl = 'type.googleapis.com/google.rpc.BadRequest';

/** Decodes grpc-status-details-bin into { code, message, violations: [{field, description}], typeUrls }. */
function decodeStatusDetails(buffer) {
  const status = RpcStatus.decode(buffer);
  const violations = [];
  const typeUrls = [];
  for (const any of status.details) {
    typeUrls.push(any.type_url ?? any.typeUrl);
    if ((any.type_url ?? any.typeUrl) === badRequestTypeUrl) {
      for (const v of BadRequest.decode(any.value).fieldViolations) {
        violations.push({ field: v.field, description: v.description });
      }
    }
  }
  return { code: status.code, message: status.message, typeUrls, violations };
}

/** Encodes a google.rpc.Status with BadRequest field violations ("field=description" strings). */
function encodeStatusDetails(code, message, violations) {
  const badRequest = BadRequest.encode(BadRequest.create({
    fieldViolations: violations.map((v) => {
      const at = v.indexOf('=');
      return at < 0 ? { field: v, description: '' } : { field: v.slice(0, at), description: v.slice(at + 1) };
    }),
  })).finish();
  const details = violations.length > 0 ? [{ type_url: badRequestTypeUrl, value: badRequest }] : [];
  return Buffer.from(RpcStatus.encode(RpcStatus.fromObject({ code, message, details })).finish());
}

module.exports = { grpc, echo, health, reflection, decodeStatusDetails, encodeStatusDetails };
