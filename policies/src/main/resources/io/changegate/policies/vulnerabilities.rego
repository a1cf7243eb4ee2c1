# METADATA
# title: No unaccepted vulnerabilities
# description: >-
#   The newest vulnerability scan of every artifact has no open vulnerability at or above the
#   severity threshold. VEX not_affected and fixed statements (in the scan or as separate VEX
#   evidence) and the accepted-risk list are honoured; with only_if_fix_available, a
#   vulnerability without a fixed version does not block.
# custom:
#   owner: security
#   severity: high
#   remediation: Upgrade the package to the fixed version and rescan, publish a VEX not_affected statement, or request an exception.
#   params:
#     severity_threshold: HIGH
#     only_if_fix_available: false
#     accepted: []
package changegate.policies.vulnerabilities

import data.changegate.lib

threshold := lib.param("vulnerabilities", "severity_threshold", "HIGH")

only_if_fix_available := lib.param("vulnerabilities", "only_if_fix_available", false)

accepted := {id | some id in lib.param("vulnerabilities", "accepted", [])}

violation contains v if {
	some artifact in input.artifacts
	scan := lib.latest(artifact, "vulnerabilities")
	some vuln in scan.predicate.vulnerabilities
	lib.at_or_above(vuln.severity, threshold)
	open(vuln)
	not accepted_risk(vuln)
	not vex_not_affected(artifact, vuln)
	fixable_enough(vuln)
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("container %s contains unaccepted CVE %s (%s %s, %s, %s)", [
			lib.display_name(artifact), vuln.id, vuln.package.name, vuln.package.version,
			vuln.severity, fix_text(vuln),
		]),
		"severity": lower(vuln.severity),
		"remediation": remediation(vuln),
	}
}

open(vuln) if not vuln.vex_status in {"not_affected", "fixed"}

accepted_risk(vuln) if vuln.id in accepted

accepted_risk(vuln) if {
	some alias in vuln.aliases
	alias in accepted
}

vex_not_affected(artifact, vuln) if {
	some doc in lib.evidence(artifact, "vex")
	some statement in doc.predicate.statements
	statement.status in {"not_affected", "fixed"}
	ids := {statement.vulnerability} | {a | some a in statement.aliases}
	vuln.id in ids
}

fixable_enough(_) if not only_if_fix_available

fixable_enough(vuln) if has_fix(vuln)

has_fix(vuln) if {
	is_string(vuln.fixed_version)
	vuln.fixed_version != ""
}

fix_text(vuln) := sprintf("fixed in %s", [vuln.fixed_version]) if {
	has_fix(vuln)
} else := "no fix available"

remediation(vuln) := sprintf("upgrade %s to %s and rescan", [vuln.package.name, vuln.fixed_version]) if {
	has_fix(vuln)
} else := sprintf("no fixed version of %s exists yet: publish a VEX statement if it is not exploitable, or request a time-boxed exception", [vuln.package.name])
