package changegate.policies.change_approval_test

import data.changegate.policies.change_approval

request := {"environment": "prod", "change": "JIRA-123"}

approval(status) := {"provider": "jira", "ticket": "JIRA-123", "status": status, "ticket_status": "In Review", "detail": "connect timed out", "approvers": []}

test_an_approved_ticket_passes if {
	count(change_approval.violation) == 0 with input as {"request": request, "approvals": [approval("approved")]}
}

test_no_ticket_is_a_violation if {
	vs := change_approval.violation with input as {"request": {"environment": "prod"}, "approvals": []}
	vs == {{"msg": "no change ticket is linked to this deployment to prod"}}
}

test_a_pending_ticket_is_a_violation if {
	vs := change_approval.violation with input as {"request": request, "approvals": [approval("pending")]}
	vs == {{"msg": "change JIRA-123 is not approved (status: In Review)"}}
}

test_an_unreachable_provider_denies_with_a_clear_reason if {
	vs := change_approval.violation with input as {"request": request, "approvals": [approval("unreachable")]}
	some v in vs
	v.msg == "the approval of change JIRA-123 could not be verified: jira provider unreachable (connect timed out)"
}

test_an_unknown_ticket_is_a_violation if {
	count(change_approval.violation) == 1 with input as {"request": request, "approvals": [approval("not_found")]}
}

test_an_unchecked_ticket_is_a_violation if {
	count(change_approval.violation) == 1 with input as {"request": request, "approvals": []}
}
