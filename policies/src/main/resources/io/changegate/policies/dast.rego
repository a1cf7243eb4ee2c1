# METADATA
# title: DAST run with no high alerts
# description: Every artifact has a dynamic scan (e.g. OWASP ZAP), and its newest one raised no alert at the blocking risk or above.
# custom:
#   owner: security
#   severity: high
#   remediation: Fix the vulnerability the alert describes and rerun the DAST stage.
#   params:
#     blocking_risk: HIGH
package changegate.policies.dast

import data.changegate.lib

risk_rank := {"HIGH": 3, "MEDIUM": 2, "LOW": 1, "INFORMATIONAL": 0}

blocking_risk := upper(lib.param("dast", "blocking_risk", "HIGH"))

violation contains v if {
	some artifact in input.artifacts
	count(lib.evidence(artifact, "dast")) == 0
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("artifact %s has no DAST report", [lib.display_name(artifact)]),
	}
}

violation contains v if {
	some artifact in input.artifacts
	report := lib.latest(artifact, "dast")
	some alert in report.predicate.alerts
	risk_rank[alert.risk] >= risk_rank[blocking_risk]
	v := {
		"artifact": artifact.digest,
		"msg": sprintf("DAST alert %q (%s risk, %d instance(s)) on %s", [alert.name, alert.risk, alert.instance_count, lib.display_name(artifact)]),
	}
}
