# METADATA
# title: Change ticket approved
# description: >-
#   The request names a change ticket (when require_change is true) and the approval provider
#   reports it approved. A provider that cannot be reached or does not know the ticket denies:
#   an unverifiable approval is never an approval.
# custom:
#   owner: compliance
#   severity: high
#   remediation: Link the change to an approved ticket (e.g. --change JIRA-123) and have it approved in the change system.
#   params:
#     require_change: true
package changegate.policies.change_approval

import data.changegate.lib

change := object.get(input.request, ["change"], "")

violation contains v if {
	lib.param("change_approval", "require_change", true)
	not has_change
	v := {"msg": sprintf("no change ticket is linked to this deployment to %s", [input.request.environment])}
}

violation contains v if {
	has_change
	not approval_for_change
	v := {"msg": sprintf("no approval was checked for change %s", [change])}
}

violation contains v if {
	some approval in input.approvals
	approval.ticket == change
	approval.status == "unreachable"
	v := {
		"msg": sprintf("the approval of change %s could not be verified: %s provider unreachable (%s)", [change, approval.provider, approval.detail]),
		"remediation": "retry when the change system is reachable; an unverifiable approval never allows a deployment",
	}
}

violation contains v if {
	some approval in input.approvals
	approval.ticket == change
	approval.status == "not_found"
	v := {"msg": sprintf("change %s was not found by %s (%s)", [change, approval.provider, approval.detail])}
}

violation contains v if {
	some approval in input.approvals
	approval.ticket == change
	approval.status == "pending"
	v := {"msg": sprintf("change %s is not approved (status: %s)", [change, approval.ticket_status])}
}

has_change if {
	is_string(change)
	change != ""
}

approval_for_change if {
	some approval in input.approvals
	approval.ticket == change
}
