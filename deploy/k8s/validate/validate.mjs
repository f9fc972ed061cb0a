// Validates Kubernetes manifests offline against the API's schemas (kubernetes-models).
// Usage: node validate.mjs FILE... ; exits 1 when any document is invalid. Custom resources
// (ServiceMonitor, KafkaTopic, …) have no schema here: they are listed as skipped.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { Namespace, ConfigMap, Secret, Service, ServiceAccount, ResourceQuota } from "kubernetes-models/v1";
import { Deployment } from "kubernetes-models/apps/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";

const models = {
  "v1/Namespace": Namespace,
  "v1/ConfigMap": ConfigMap,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
  "v1/ResourceQuota": ResourceQuota,
  "rbac.authorization.k8s.io/v1/Role": Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding,
  "apps/v1/Deployment": Deployment,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
};

let failures = 0;
let validated = 0;
const skipped = new Set();
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (!object || !object.kind) continue;
    const key = `${object.apiVersion}/${object.kind}`;
    const Model = models[key];
    if (!Model) {
      skipped.add(key);
      continue;
    }
    try {
      new Model(object).validate();
      validated++;
    } catch (error) {
      failures++;
      console.error(`${file}: ${object.kind} ${object.metadata?.name}: ${error.message}`);
    }
  }
}
console.log(`validated ${validated} objects; no schema here for: ${[...skipped].sort().join(", ") || "none"}`);
process.exit(failures ? 1 : 0);
