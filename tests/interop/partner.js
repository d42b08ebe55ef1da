#!/usr/bin/env node
'use strict';
// A partner system as another vendor would write it (grpc-js): it obtains an access token from the identity
// provider with the OAuth2 client credentials grant, then calls the structures service with it.
//   node partner.js STRUCTURES_HOST:PORT ISSUER_URL CLIENT_ID CLIENT_SECRET   token, then ListStructures
//   node partner.js STRUCTURES_HOST:PORT                                      ListStructures without a token
// Prints one JSON line: { "token": bool, "code": grpc status code, "status": name, "details": text, "structures": n }.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const protos = path.join(__dirname, '..', '..', 'protos');
const structures = grpc.loadPackageDefinition(protoLoader.loadSync('ctg/structures/v1/structures.proto', {
  keepCase: false, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protos],
})).ctg.structures.v1;

async function clientCredentials(issuer, clientId, secret) {
  const response = await fetch(new URL('connect/token', issuer), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'ctg.structures.read' }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function main([target, issuer, clientId, secret]) {
  const token = issuer ? await clientCredentials(issuer, clientId, secret) : null;
  const metadata = new grpc.Metadata();
  if (token) metadata.set('authorization', `Bearer ${token}`);
  const client = new structures.StructureRegistry(target, grpc.credentials.createInsecure());
  const result = await new Promise((resolve) => client.listStructures({ page: { pageSize: 10 } }, metadata,
    { deadline: Date.now() + 15000 }, (error, reply) => resolve(error
      ? { code: error.code, status: grpc.status[error.code], details: error.details, structures: 0 }
      : { code: 0, status: 'OK', details: '', structures: reply.structures.length })));
  client.close();
  console.log(JSON.stringify({ token: token !== null, ...result }));
  return 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});
