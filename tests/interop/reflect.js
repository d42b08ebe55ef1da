#!/usr/bin/env node
'use strict';
// A generic gRPC client that needs no .proto file: it asks the server through reflection.
//   node reflect.js 127.0.0.1:5001                                   lists the services and their methods
//   node reflect.js 127.0.0.1:5001 ctg.testing.v1.Echo/Say '{"text":"bonjour"}'   calls a unary method (JSON in, JSON out)
// CTG_TOKEN=<access token> sends it as the bearer token of the call (every CTG RPC but health needs one).
const { grpc } = require('./lib/protos');
const { ReflectionClient } = require('./lib/reflection');

async function main([target, method, json = '{}']) {
  if (!target) {
    console.error('usage: node reflect.js HOST:PORT [package.Service/Method [JSON request]]');
    return 2;
  }
  const reflection = new ReflectionClient(target);
  try {
    if (!method) {
      for (const service of await reflection.listServices()) {
        const Client = await reflection.serviceClient(service);
        console.log(service);
        for (const name of Object.keys(Client.service)) console.log(`  ${service}/${Client.service[name].path.split('/').pop()}`);
      }
      return 0;
    }
    const [service, methodName] = method.split('/');
    const Client = await reflection.serviceClient(service);
    const definition = Object.values(Client.service).find((m) => m.path === `/${service}/${methodName}`);
    if (!definition) throw new Error(`${service} has no method ${methodName}`);
    if (definition.requestStream || definition.responseStream) throw new Error(`${method} is a streaming method; only unary calls are supported here`);
    const client = new grpc.Client(target, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    if (process.env.CTG_TOKEN) metadata.set('authorization', `Bearer ${process.env.CTG_TOKEN}`);
    const reply = await new Promise((resolve, reject) => client.makeUnaryRequest(definition.path,
      definition.requestSerialize, definition.responseDeserialize, JSON.parse(json), metadata, { deadline: Date.now() + 10000 },
      (error, response) => (error ? reject(error) : resolve(response))));
    console.log(JSON.stringify(reply, null, 2));
    client.close();
    return 0;
  } catch (error) {
    console.error(`error: ${error.code !== undefined ? `${grpc.status[error.code]} ` : ''}${error.details ?? error.message}`);
    return 1;
  } finally {
    reflection.close();
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
