# METADATA
# title: Images come from trusted registries
# description: Every container image of the workload under admission, and every artifact named as an image, starts with one of the trusted registry prefixes.
# custom:
#   owner: platform
#   severity: high
#   remediation: Push the image to a trusted registry and deploy it from there.
#   params:
#     registries: []
package changegate.policies.k8s_trusted_registries

import data.changegate.lib

registries := lib.param("k8s_trusted_registries", "registries", [])

violation contains v if {
	count(registries) > 0
	some container in lib.containers
	not trusted(container.image)
	v := {"msg": sprintf("container %s uses image %s from an untrusted registry", [container.name, container.image])}
}

trusted(image) if {
	some prefix in registries
	startswith(image, prefix)
}
