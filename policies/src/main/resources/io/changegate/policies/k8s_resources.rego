# METADATA
# title: Containers declare resource requests and limits
# description: Every container of the workload under admission sets CPU and memory requests and limits.
# custom:
#   owner: platform
#   severity: medium
#   remediation: Set resources.requests and resources.limits for cpu and memory on every container.
package changegate.policies.k8s_resources

import data.changegate.lib

violation contains v if {
	some container in lib.containers
	some kind in ["requests", "limits"]
	some resource in ["cpu", "memory"]
	object.get(container, ["resources", kind, resource], "") == ""
	v := {"msg": sprintf("container %s has no %s %s", [container.name, resource, trim_suffix(kind, "s")])}
}
