# METADATA
# title: SBOM present and signed
# description: Every artifact has a software bill of materials, and (unless require_signed is false) one whose signature verified against trusted keys.
# custom:
#   owner: security
#   severity: high
#   remediation: Generate an SBOM in the pipeline (e.g. syft or trivy) and attest it with the pipeline's signing key (cosign attest).
#   params:
#     require_signed: true
package changegate.policies.sbom

import data.changegate.lib

require_signed := lib.param("sbom", "require_signed", true)

violation contains v if {
	some artifact in input.artifacts
	count(lib.evidence(artifact, "sbom")) == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s has no SBOM", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	require_signed
	some artifact in input.artifacts
	sboms := lib.evidence(artifact, "sbom")
	count(sboms) > 0
	not any_verified(sboms)
	states := concat(", ", sort({s.verification.state | some s in sboms}))
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("the SBOM of %s is not signed by a trusted key (verification: %s)", [lib.display_name(artifact), states]),
	}
}

any_verified(items) if {
	some item in items
	lib.verified(item)
}
