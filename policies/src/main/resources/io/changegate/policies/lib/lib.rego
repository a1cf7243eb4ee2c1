# METADATA
# title: Helpers shared by the Changegate policy library
# description: >-
#   Reads the documented decision input (schemas/decision-input.schema.json): parameters per
#   policy, evidence per artifact by kind (oldest first), and Kubernetes workloads.
package changegate.lib

severity_rank := {"CRITICAL": 4, "HIGH": 3, "MEDIUM": 2, "LOW": 1, "UNKNOWN": 0}

# param is the environment's value for a policy parameter, or the default when it sets none.
param(policy, name, fallback) := object.get(input, ["params", policy, name], fallback)

# evidence is every item of one kind about an artifact, oldest first.
evidence(artifact, kind) := object.get(artifact, ["evidence", kind], [])

# latest is the newest item of one kind about an artifact; undefined when there is none.
latest(artifact, kind) := items[count(items) - 1] if {
	items := evidence(artifact, kind)
	count(items) > 0
}

# display_name names an artifact the way a person would: its name, else its digest.
display_name(artifact) := artifact.name if {
	is_string(artifact.name)
	artifact.name != ""
} else := artifact.digest

at_or_above(severity, threshold) if {
	severity_rank[upper(severity)] >= severity_rank[upper(threshold)]
}

verified(item) if item.verification.state == "verified"

# pod_spec is the Pod template of a Kubernetes workload under review.
pod_spec(obj) := obj.spec if obj.kind == "Pod"

pod_spec(obj) := obj.spec.jobTemplate.spec.template.spec if obj.kind == "CronJob"

pod_spec(obj) := obj.spec.template.spec if {
	not obj.kind in {"Pod", "CronJob"}
	obj.spec.template.spec
}

# containers of the workload under review, init and ephemeral ones included.
containers contains c if {
	spec := pod_spec(input.request.kubernetes.object)
	some field in ["containers", "initContainers", "ephemeralContainers"]
	some c in object.get(spec, field, [])
}
