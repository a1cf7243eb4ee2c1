# METADATA
# title: Kubernetes workloads carry the required labels
# description: The workload under admission has every label in labels, with a non-empty value.
# custom:
#   owner: platform
#   severity: low
#   remediation: Add the missing labels to the workload's metadata.
#   params:
#     labels: ["app.kubernetes.io/name", "owner"]
package changegate.policies.k8s_required_labels

import data.changegate.lib

required := lib.param("k8s_required_labels", "labels", ["app.kubernetes.io/name", "owner"])

violation contains v if {
	obj := input.request.kubernetes.object
	some label in required
	object.get(obj, ["metadata", "labels", label], "") == ""
	v := {"msg": sprintf("%s %s lacks the required label %s", [obj.kind, object.get(obj, ["metadata", "name"], "(unnamed)"), label])}
}
