# METADATA
# title: Provenance from a trusted builder and source
# description: The newest SLSA provenance of every artifact names a builder and a source repository that start with one of the trusted prefixes.
# custom:
#   owner: security
#   severity: high
#   remediation: Build on the platform's trusted builder from the organisation's repositories, and publish its SLSA provenance.
#   params:
#     trusted_builders: []
#     trusted_sources: []
package changegate.policies.provenance

import data.changegate.lib

builders := lib.param("provenance", "trusted_builders", [])

sources := lib.param("provenance", "trusted_sources", [])

violation contains v if {
	some artifact in input.artifacts
	count(lib.evidence(artifact, "provenance")) == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s has no build provenance", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	provenance := lib.latest(artifact, "provenance")
	builder := object.get(provenance.predicate, "builder_id", "")
	not starts_with_any(builder, builders)
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s was built by untrusted builder %s", [lib.display_name(artifact), show(builder)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	provenance := lib.latest(artifact, "provenance")
	source := object.get(provenance.predicate, ["source", "uri"], "")
	not starts_with_any(source, sources)
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s was built from untrusted source %s", [lib.display_name(artifact), show(source)]),
	}
}

starts_with_any(text, prefixes) if {
	is_string(text)
	some prefix in prefixes
	startswith(text, prefix)
}

show(text) := text if {
	is_string(text)
	text != ""
} else := "(none recorded)"
