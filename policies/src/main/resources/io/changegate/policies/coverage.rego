# METADATA
# title: Coverage at or above a threshold
# description: The newest coverage report of every artifact covers at least min_line_ratio of the lines (and min_branch_ratio of the branches, when set).
# custom:
#   owner: quality
#   severity: medium
#   remediation: Add tests for the uncovered code, or agree a lower threshold for this environment.
#   params:
#     min_line_ratio: 0.8
#     min_branch_ratio: null
package changegate.policies.coverage

import data.changegate.lib

min_lines := lib.param("coverage", "min_line_ratio", 0.8)

min_branches := lib.param("coverage", "min_branch_ratio", null)

violation contains v if {
	some artifact in input.artifacts
	count(lib.evidence(artifact, "coverage")) == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s has no coverage report", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	report := lib.latest(artifact, "coverage")
	below(report.predicate.lines, min_lines)
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("line coverage of %s is %s, below the required %s", [lib.display_name(artifact), percent(report.predicate.lines.ratio), percent(min_lines)]),
	}
}

violation contains v if {
	is_number(min_branches)
	some artifact in input.artifacts
	report := lib.latest(artifact, "coverage")
	below(report.predicate.branches, min_branches)
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("branch coverage of %s is %s, below the required %s", [lib.display_name(artifact), percent(report.predicate.branches.ratio), percent(min_branches)]),
	}
}

below(ratio, _) if ratio.ratio == null

below(ratio, minimum) if ratio.ratio < minimum

percent(r) := "unknown (nothing measured)" if r == null

percent(r) := sprintf("%v%%", [round(r * 1000) / 10]) if r != null
