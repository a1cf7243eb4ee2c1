package changegate.policies.dast_test

import data.changegate.policies.dast

artifact(alerts) := {"digest": "sha256:aa", "name": "app", "evidence": {"dast": [{"predicate": {"alerts": alerts}}]}}

alert(risk) := {"name": "Cross Site Scripting (Reflected)", "risk": risk, "instance_count": 2}

test_a_high_alert_blocks if {
	vs := dast.violation with input as {"artifacts": [artifact([alert("HIGH"), alert("LOW")])]}
	vs == {{"artifact": "sha256:aa", "msg": "DAST alert \"Cross Site Scripting (Reflected)\" (HIGH risk, 2 instance(s)) on app"}}
}

test_medium_alerts_pass_by_default if {
	count(dast.violation) == 0 with input as {"artifacts": [artifact([alert("MEDIUM")])]}
}

test_the_blocking_risk_is_a_parameter if {
	count(dast.violation) == 1 with input as {"artifacts": [artifact([alert("MEDIUM")])], "params": {"dast": {"blocking_risk": "medium"}}}
}

test_no_dast_run_is_a_violation if {
	count(dast.violation) == 1 with input as {"artifacts": [{"digest": "sha256:aa", "evidence": {}}]}
}
