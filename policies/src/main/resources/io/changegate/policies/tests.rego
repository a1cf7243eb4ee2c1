# METADATA
# title: Tests passed
# description: The newest test report of every artifact ran at least one test, and none failed or errored.
# custom:
#   owner: quality
#   severity: high
#   remediation: Fix the failing tests and publish the new report; a report with no tests does not count.
package changegate.policies.tests

import data.changegate.lib

violation contains v if {
	some artifact in input.artifacts
	count(lib.evidence(artifact, "tests")) == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s has no test report", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	report := lib.latest(artifact, "tests")
	report.predicate.summary.tests == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("the test report of %s ran no tests", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	report := lib.latest(artifact, "tests")
	summary := report.predicate.summary
	summary.failures + summary.errors > 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("%d of %d tests of %s failed and %d errored", [summary.failures, summary.tests, lib.display_name(artifact), summary.errors]),
	}
}
