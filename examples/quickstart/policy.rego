# A deployment gate in miniature: the request names the target environment, the change ticket
# and each artifact with its vulnerability scan and test results.
package quickstart

# Vulnerabilities of these severities block a deployment unless their risk was accepted.
blocking_severities := {"CRITICAL", "HIGH"}

accepted_risks := {id | some id in input.accepted_risks}

deny contains msg if {
	some artifact in input.artifacts
	some vuln in artifact.vulnerabilities
	vuln.severity in blocking_severities
	not vuln.id in accepted_risks
	msg := sprintf("container %s contains unaccepted %s %s in %s", [artifact.name, lower(vuln.severity), vuln.id, vuln.package])
}

deny contains msg if {
	some artifact in input.artifacts
	artifact.tests.failed > 0
	msg := sprintf("container %s has failing tests", [artifact.name])
}

deny contains msg if {
	input.environment == "prod"
	input.change.status != "approved"
	msg := sprintf("change %s is not approved (status: %s)", [input.change.id, input.change.status])
}

allow if count(deny) == 0
