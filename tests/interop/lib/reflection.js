'use strict';
// A generic client side of gRPC server reflection (grpc.reflection.v1alpha): lists a server's
// services and fetches the file descriptors of one, so it can be called without its .proto files.
const protoLoader = require('@grpc/proto-loader');
const { grpc, reflection } = require('./protos');

class ReflectionClient {
  constructor(target) {
    this.client = new reflection.ServerReflection(target, grpc.credentials.createInsecure());
  }

  /** Sends one request on a fresh ServerReflectionInfo stream and resolves with its one response. */
  ask(request) {
    return new Promise((resolve, reject) => {
      const call = this.client.serverReflectionInfo({ deadline: Date.now() + 10000 });
      call.on('data', (response) => { resolve(response); call.end(); });
      call.on('error', reject);
      call.write(request);
    });
  }

  async listServices() {
    const response = await this.ask({ listServices: '' });
    if (response.errorResponse) throw new Error(response.errorResponse.errorMessage);
    return response.listServicesResponse.service.map((s) => s.name).sort();
  }

  /** Every file descriptor needed to describe `symbol`: its file and, transitively, its imports. */
  async fileDescriptorsFor(symbol) {
    const files = new Map();
    const add = (response) => {
      if (response.errorResponse) throw new Error(response.errorResponse.errorMessage);
      for (const bytes of response.fileDescriptorResponse.fileDescriptorProto) {
        const { name } = readNameAndImports(bytes);
        if (!files.has(name)) files.set(name, bytes);
      }
    };
    add(await this.ask({ fileContainingSymbol: symbol }));
    // A server may send only the file itself; fetch whatever import is still missing by name.
    for (let missing = missingImports(files); missing.length > 0; missing = missingImports(files)) {
      for (const name of missing) add(await this.ask({ fileByFilename: name }));
    }
    return [...files.values()];
  }

  /** A grpc-js service client constructor for the fully-qualified service name, built from reflection alone. */
  async serviceClient(serviceName) {
    const descriptors = await this.fileDescriptorsFor(serviceName);
    const definition = protoLoader.loadFileDescriptorSetFromBuffer(fileDescriptorSet(descriptors),
      { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
    return lookup(grpc.loadPackageDefinition(definition), serviceName);
  }

  close() { this.client.close(); }
}

function lookup(root, dottedName) {
  const found = dottedName.split('.').reduce((node, part) => (node ? node[part] : undefined), root);
  if (!found) throw new Error(`${dottedName} is not described by the reflected descriptors`);
  return found;
}

function missingImports(files) {
  const missing = new Set();
  for (const bytes of files.values()) {
    for (const dependency of readNameAndImports(bytes).imports) {
      if (!files.has(dependency)) missing.add(dependency);
    }
  }
  return [...missing];
}

// FileDescriptorSet is `repeated FileDescriptorProto file = 1`: each file is field 1, length-delimited.
function fileDescriptorSet(descriptors) {
  return Buffer.concat(descriptors.flatMap((bytes) => [Buffer.from([0x0a]), varint(bytes.length), Buffer.from(bytes)]));
}

function varint(value) {
  const out = [];
  while (value > 0x7f) { out.push((value & 0x7f) | 0x80); value >>>= 7; }
  out.push(value);
  return Buffer.from(out);
}

// Reads FileDescriptorProto.name (field 1) and .dependency (field 3) from the wire format, skipping the rest.
function readNameAndImports(bytes) {
  const buffer = Buffer.from(bytes);
  let offset = 0;
  const readVarint = () => {
    let result = 0; let shift = 0; let byte;
    do { byte = buffer[offset++]; result += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return result;
  };
  let name = '';
  const imports = [];
  while (offset < buffer.length) {
    const key = readVarint();
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 2) {
      const length = readVarint();
      const value = buffer.subarray(offset, offset + length);
      offset += length;
      if (field === 1) name = value.toString('utf8');
      if (field === 3) imports.push(value.toString('utf8'));
    } else if (wireType === 0) readVarint();
    else if (wireType === 1) offset += 8;
    else if (wireType === 5) offset += 4;
    else throw new Error(`unexpected wire type ${wireType} in a FileDescriptorProto`);
  }
  return { name, imports };
}

module.exports = { ReflectionClient };
