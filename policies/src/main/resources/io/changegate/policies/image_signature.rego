# METADATA
# title: Image signed by a trusted key
# description: >-
#   Every artifact carries at least one signature that verified at ingestion, and when
#   trusted_signers is set, the signer is one of them (matched against the recorded signer identity).
# custom:
#   owner: security
#   severity: high
#   remediation: Sign the image or an attestation about it with the pipeline's key after the build (cosign sign / cosign attest).
#   params:
#     trusted_signers: []
package changegate.policies.image_signature

import data.changegate.lib

trusted_signers := lib.param("image_signature", "trusted_signers", [])

violation contains v if {
	some artifact in input.artifacts
	not signed_by_trusted(artifact)
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("image %s is not signed by a trusted key", [lib.display_name(artifact)]),
	}
}

signed_by_trusted(artifact) if {
	some signature in object.get(artifact, "signatures", [])
	trusted(signature.signer)
}

trusted(_) if count(trusted_signers) == 0

trusted(signer) if {
	some wanted in trusted_signers
	contains(signer, wanted)
}
