package changegate.policies.separation_of_duties_test

import data.changegate.policies.separation_of_duties

approved_by(people) := [{"status": "approved", "approvers": people}]

test_three_different_people_pass if {
	count(separation_of_duties.violation) == 0 with input as {"request": {"author": "alice", "deployer": "ci-bot"}, "approvals": approved_by(["bob"])}
}

test_an_author_approving_their_own_change_is_a_violation if {
	vs := separation_of_duties.violation with input as {"request": {"author": "alice", "deployer": "ci-bot"}, "approvals": approved_by(["Alice"])}
	vs == {{"msg": "alice approved their own change"}}
}

test_a_deployer_who_approved_is_a_violation if {
	vs := separation_of_duties.violation with input as {"request": {"author": "alice", "deployer": "bob"}, "approvals": approved_by(["bob"])}
	vs == {{"msg": "bob both approved and deploys the change"}}
}

test_an_author_deploying_is_a_violation if {
	vs := separation_of_duties.violation with input as {"request": {"author": "alice", "deployer": "alice"}, "approvals": []}
	vs == {{"msg": "alice deploys their own change"}}
}

test_unknown_identities_are_not_compared if {
	count(separation_of_duties.violation) == 0 with input as {"request": {}, "approvals": approved_by(["bob"])}
}
