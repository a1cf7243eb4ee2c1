# METADATA
# title: SAST without findings at or above a level
# description: >-
#   The newest static-analysis report (SARIF) of every artifact has no open finding at or above
#   the level (error, warning or note). Suppressed findings and findings absent from the
#   current run do not count. With require_report, a missing report is itself a violation.
# custom:
#   owner: security
#   severity: medium
#   remediation: Fix the reported findings, or suppress false positives in the source with a justification the reviewers accept.
#   params:
#     level: error
#     require_report: true
package changegate.policies.sast

import data.changegate.lib

level_rank := {"error": 3, "warning": 2, "note": 1, "none": 0}

level := lib.param("sast", "level", "error")

violation contains v if {
	lib.param("sast", "require_report", true)
	some artifact in input.artifacts
	count(lib.evidence(artifact, "findings")) == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s has no SAST report", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	report := lib.latest(artifact, "findings")
	blocking := [f |
		some f in report.predicate.findings
		counts(f)
	]
	count(blocking) > 0
	examples := [sprintf("%s at %s:%v", [f.rule_id, object.get(f, ["location", "file"], "?"), object.get(f, ["location", "line"], "?")]) |
		some f in array.slice(blocking, 0, 3)
	]
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("SAST reports %d open finding(s) at level %s or above in %s, e.g. %s", [
			count(blocking), level, lib.display_name(artifact), concat("; ", examples),
		]),
	}
}

counts(finding) if {
	not finding.suppressed
	finding.baseline_state != "absent"
	level_rank[finding.level] >= level_rank[level]
}
