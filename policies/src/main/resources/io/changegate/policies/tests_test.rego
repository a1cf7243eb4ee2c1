package changegate.policies.tests_test

import data.changegate.policies.tests

artifact(summary) := {"digest": "sha256:aa", "name": "app", "evidence": {"tests": [{"predicate": {"summary": summary}}]}}

test_passing_tests_pass if {
	count(tests.violation) == 0 with input as {"artifacts": [artifact({"tests": 12, "failures": 0, "errors": 0})]}
}

test_failures_are_counted if {
	vs := tests.violation with input as {"artifacts": [artifact({"tests": 12, "failures": 2, "errors": 1})]}
	vs == {{"artifact": "sha256:aa", "msg": "2 of 12 tests of app failed and 1 errored"}}
}

test_an_empty_report_does_not_count_as_passing if {
	vs := tests.violation with input as {"artifacts": [artifact({"tests": 0, "failures": 0, "errors": 0})]}
	vs == {{"artifact": "sha256:aa", "msg": "the test report of app ran no tests"}}
}

test_a_missing_report_is_a_violation if {
	count(tests.violation) == 1 with input as {"artifacts": [{"digest": "sha256:aa", "evidence": {}}]}
}
