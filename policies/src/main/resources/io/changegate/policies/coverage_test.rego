package changegate.policies.coverage_test

import data.changegate.policies.coverage

artifact(lines, branches) := {"digest": "sha256:aa", "name": "app", "evidence": {"coverage": [{"predicate": {"lines": {"ratio": lines}, "branches": {"ratio": branches}}}]}}

test_coverage_above_the_threshold_passes if {
	count(coverage.violation) == 0 with input as {"artifacts": [artifact(0.9102, 0.5)]}
}

test_coverage_below_the_threshold_is_reported_in_percent if {
	vs := coverage.violation with input as {"artifacts": [artifact(0.75, 0.5)]}
	vs == {{"artifact": "sha256:aa", "msg": "line coverage of app is 75%, below the required 80%"}}
}

test_branch_coverage_only_counts_when_configured if {
	inp := {"artifacts": [artifact(0.9, 0.5)]}
	count(coverage.violation) == 0 with input as inp
	count(coverage.violation) == 1 with input as object.union(inp, {"params": {"coverage": {"min_branch_ratio": 0.6}}})
}

test_nothing_measured_is_below_any_threshold if {
	count(coverage.violation) == 1 with input as {"artifacts": [artifact(null, null)]}
}
