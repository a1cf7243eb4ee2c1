package changegate.policies.sast_test

import data.changegate.policies.sast

finding(level, suppressed, state) := {"rule_id": "java/sql-injection", "level": level, "suppressed": suppressed, "baseline_state": state, "location": {"file": "A.java", "line": 7}}

artifact(findings) := {"digest": "sha256:aa", "name": "app", "evidence": {"findings": [{"predicate": {"findings": findings}}]}}

test_an_open_error_blocks_and_is_described if {
	vs := sast.violation with input as {"artifacts": [artifact([finding("error", false, null)])]}
	vs == {{"artifact": "sha256:aa", "msg": "SAST reports 1 open finding(s) at level error or above in app, e.g. java/sql-injection at A.java:7"}}
}

test_suppressed_and_absent_findings_do_not_count if {
	count(sast.violation) == 0 with input as {"artifacts": [artifact([finding("error", true, null), finding("error", false, "absent")])]}
}

test_warnings_only_count_when_the_level_says_so if {
	inp := {"artifacts": [artifact([finding("warning", false, "new")])]}
	count(sast.violation) == 0 with input as inp
	count(sast.violation) == 1 with input as object.union(inp, {"params": {"sast": {"level": "warning"}}})
}

test_a_missing_report_is_a_violation_unless_waived if {
	inp := {"artifacts": [{"digest": "sha256:aa", "name": "app", "evidence": {}}]}
	count(sast.violation) == 1 with input as inp
	count(sast.violation) == 0 with input as object.union(inp, {"params": {"sast": {"require_report": false}}})
}
