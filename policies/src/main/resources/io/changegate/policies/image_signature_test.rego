package changegate.policies.image_signature_test

import data.changegate.policies.image_signature

test_an_unsigned_image_is_a_violation if {
	vs := image_signature.violation with input as {"artifacts": [{"digest": "sha256:aa", "name": "app", "signatures": []}]}
	vs == {{"artifact": "sha256:aa", "msg": "image app is not signed by a trusted key"}}
}

test_any_verified_signature_passes_without_a_trust_list if {
	count(image_signature.violation) == 0 with input as {"artifacts": [{"digest": "sha256:aa", "signatures": [{"signer": "signed by cosign.pub"}]}]}
}

test_the_signer_must_be_on_the_trust_list if {
	inp := {"artifacts": [{"digest": "sha256:aa", "signatures": [{"signer": "signed by attacker.pub"}]}]}
	count(image_signature.violation) == 1 with input as object.union(inp, {"params": {"image_signature": {"trusted_signers": ["release.pub"]}}})
	count(image_signature.violation) == 0 with input as object.union(inp, {"params": {"image_signature": {"trusted_signers": ["attacker.pub"]}}})
}
