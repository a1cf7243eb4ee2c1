package changegate.policies.sbom_test

import data.changegate.policies.sbom

sbom_item(state) := {"predicate": {"components": []}, "verification": {"state": state, "detail": ""}}

test_a_missing_sbom_is_a_violation if {
	vs := sbom.violation with input as {"artifacts": [{"digest": "sha256:aa", "name": "app", "evidence": {}}]}
	vs == {{"artifact": "sha256:aa", "msg": "artifact app has no SBOM"}}
}

test_an_unsigned_sbom_is_a_violation if {
	vs := sbom.violation with input as {"artifacts": [{"digest": "sha256:aa", "name": "app", "evidence": {"sbom": [sbom_item("unchecked")]}}]}
	some v in vs
	v.msg == "the SBOM of app is not signed by a trusted key (verification: unchecked)"
}

test_a_verified_sbom_passes if {
	count(sbom.violation) == 0 with input as {"artifacts": [{"digest": "sha256:aa", "evidence": {"sbom": [sbom_item("unsigned"), sbom_item("verified")]}}]}
}

test_signing_can_be_waived if {
	count(sbom.violation) == 0 with input as {
		"artifacts": [{"digest": "sha256:aa", "evidence": {"sbom": [sbom_item("unsigned")]}}],
		"params": {"sbom": {"require_signed": false}},
	}
}
