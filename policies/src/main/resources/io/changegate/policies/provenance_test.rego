package changegate.policies.provenance_test

import data.changegate.policies.provenance

params := {"provenance": {
	"trusted_builders": ["https://github.com/slsa-framework/slsa-github-generator/"],
	"trusted_sources": ["git+https://github.com/acme/"],
}}

artifact(builder, source) := {"digest": "sha256:aa", "name": "app", "evidence": {"provenance": [{"predicate": {"builder_id": builder, "source": {"uri": source}}}]}}

test_trusted_builder_and_source_pass if {
	a := artifact("https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v2.1.0", "git+https://github.com/acme/app@refs/heads/main")
	count(provenance.violation) == 0 with input as {"artifacts": [a], "params": params}
}

test_an_untrusted_builder_is_named if {
	a := artifact("https://evil.example/builder", "git+https://github.com/acme/app")
	vs := provenance.violation with input as {"artifacts": [a], "params": params}
	vs == {{"artifact": "sha256:aa", "msg": "artifact app was built by untrusted builder https://evil.example/builder"}}
}

test_an_untrusted_source_is_named if {
	a := artifact("https://github.com/slsa-framework/slsa-github-generator/x", "git+https://github.com/fork/app")
	vs := provenance.violation with input as {"artifacts": [a], "params": params}
	vs == {{"artifact": "sha256:aa", "msg": "artifact app was built from untrusted source git+https://github.com/fork/app"}}
}

test_missing_provenance_is_a_violation if {
	vs := provenance.violation with input as {"artifacts": [{"digest": "sha256:aa", "name": "app", "evidence": {}}], "params": params}
	vs == {{"artifact": "sha256:aa", "msg": "artifact app has no build provenance"}}
}
