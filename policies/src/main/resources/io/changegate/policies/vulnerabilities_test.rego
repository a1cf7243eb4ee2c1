package changegate.policies.vulnerabilities_test

import data.changegate.policies.vulnerabilities

vuln(id, severity, fixed) := {
	"id": id, "aliases": [], "severity": severity, "fixed_version": fixed, "vex_status": null,
	"package": {"name": "musl", "version": "1.1.20-r4"},
}

artifact(vulns) := {
	"digest": "sha256:aa", "name": "alpine",
	"evidence": {"vulnerabilities": [{"predicate": {"vulnerabilities": vulns}}]},
}

test_a_critical_cve_is_named_with_its_container if {
	vs := vulnerabilities.violation with input as {"artifacts": [artifact([vuln("CVE-2019-14697", "CRITICAL", "1.1.20-r5")])]}
	count(vs) == 1
	some v in vs
	startswith(v.msg, "container alpine contains unaccepted CVE CVE-2019-14697")
	v.artifact == "sha256:aa"
	v.severity == "critical"
	contains(v.remediation, "upgrade musl to 1.1.20-r5")
}

test_below_the_threshold_is_allowed if {
	count(vulnerabilities.violation) == 0 with input as {"artifacts": [artifact([vuln("CVE-1", "MEDIUM", "2")])]}
}

test_the_threshold_is_a_parameter if {
	count(vulnerabilities.violation) == 1 with input as {
		"artifacts": [artifact([vuln("CVE-1", "MEDIUM", "2")])],
		"params": {"vulnerabilities": {"severity_threshold": "MEDIUM"}},
	}
}

test_accepted_risks_do_not_block if {
	count(vulnerabilities.violation) == 0 with input as {
		"artifacts": [artifact([vuln("CVE-1", "CRITICAL", "2")])],
		"params": {"vulnerabilities": {"accepted": ["CVE-1"]}},
	}
}

test_vex_not_affected_in_the_scan_does_not_block if {
	v := object.union(vuln("CVE-1", "CRITICAL", "2"), {"vex_status": "not_affected"})
	count(vulnerabilities.violation) == 0 with input as {"artifacts": [artifact([v])]}
}

test_a_separate_vex_document_is_honoured if {
	a := object.union(artifact([vuln("CVE-1", "CRITICAL", "2")]), {"evidence": {
		"vulnerabilities": [{"predicate": {"vulnerabilities": [vuln("CVE-1", "CRITICAL", "2")]}}],
		"vex": [{"predicate": {"statements": [{"vulnerability": "CVE-1", "aliases": [], "status": "not_affected"}]}}],
	}})
	count(vulnerabilities.violation) == 0 with input as {"artifacts": [a]}
}

test_vex_affected_still_blocks if {
	a := object.union(artifact([vuln("CVE-1", "CRITICAL", "2")]), {"evidence": {
		"vulnerabilities": [{"predicate": {"vulnerabilities": [vuln("CVE-1", "CRITICAL", "2")]}}],
		"vex": [{"predicate": {"statements": [{"vulnerability": "CVE-1", "aliases": [], "status": "affected"}]}}],
	}})
	count(vulnerabilities.violation) == 1 with input as {"artifacts": [a]}
}

test_without_a_fix_only_blocks_when_asked if {
	inp := {"artifacts": [artifact([vuln("CVE-1", "HIGH", null)])]}
	count(vulnerabilities.violation) == 1 with input as inp
	count(vulnerabilities.violation) == 0 with input as object.union(inp, {"params": {"vulnerabilities": {"only_if_fix_available": true}}})
}

test_only_the_newest_scan_counts if {
	a := {"digest": "sha256:aa", "name": "alpine", "evidence": {"vulnerabilities": [
		{"predicate": {"vulnerabilities": [vuln("CVE-1", "CRITICAL", "2")]}},
		{"predicate": {"vulnerabilities": []}},
	]}}
	count(vulnerabilities.violation) == 0 with input as {"artifacts": [a]}
}
