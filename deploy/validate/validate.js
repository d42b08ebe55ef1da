// Validates every Kubernetes object of the given YAML files against the Kubernetes OpenAPI schemas that
// the kubernetes-models package ships (no cluster, no network). Prints one line per object and exits 1
// on the first file with an invalid or unknown object.
//   node deploy/validate/validate.js deploy/k8s/*.yaml
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");

// apiVersion "apps/v1" -> module "kubernetes-models/apps/v1"; core "v1" -> "kubernetes-models/v1".
function modelFor(apiVersion, kind) {
  const module = require(path.join(__dirname, "node_modules", "kubernetes-models", apiVersion));
  const Model = module[kind];
  if (!Model) throw new Error(`no schema for ${apiVersion} ${kind}`);
  return Model;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const document of YAML.parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    const object = document.toJS();
    if (!object || object.kind === "Kustomization") continue;
    const name = `${file}: ${object.apiVersion} ${object.kind} ${object.metadata && object.metadata.name}`;
    try {
      new (modelFor(object.apiVersion, object.kind))(object).validate();
      console.log(`ok ${name}`);
    } catch (error) {
      failed++;
      console.log(`INVALID ${name}: ${error.message}`);
    }
  }
}
process.exit(failed === 0 ? 0 : 1);
