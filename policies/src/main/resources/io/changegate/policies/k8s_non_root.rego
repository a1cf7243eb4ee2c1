# METADATA
# title: Containers run as non-root
# description: Every container runs with runAsNonRoot (its own or the Pod's) or a non-zero runAsUser.
# custom:
#   owner: platform
#   severity: high
#   remediation: Set securityContext.runAsNonRoot to true (and a non-zero runAsUser) on the Pod or the container.
package changegate.policies.k8s_non_root

import data.changegate.lib

violation contains v if {
	spec := lib.pod_spec(input.request.kubernetes.object)
	some container in lib.containers
	not non_root(spec, container)
	v := {"msg": sprintf("container %s may run as root: set securityContext.runAsNonRoot", [container.name])}
}

non_root(_, container) if container.securityContext.runAsNonRoot == true

non_root(_, container) if container.securityContext.runAsUser > 0

non_root(spec, container) if {
	spec.securityContext.runAsNonRoot == true
	not overrides_to_root(container)
}

# Helper rules rather than "not x == y": a container without a securityContext must not count as overriding.
overrides_to_root(container) if container.securityContext.runAsNonRoot == false

overrides_to_root(container) if container.securityContext.runAsUser == 0
